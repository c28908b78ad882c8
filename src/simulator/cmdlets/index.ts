// The seam the protocol server calls: cmdlet lookup (case-insensitive), parameter binding, execution.
import type { Tenant } from "../tenant/index.js";
import { autoReplyCmdlets } from "./autoReply.js";
import { type Cmdlet, isGetName } from "./cmdlet.js";
import { folderCmdlets } from "./folders.js";
import { groupCmdlets } from "./groups.js";
import { mailboxCmdlets } from "./mailbox.js";
import { Params } from "./parameters.js";
import { permissionCmdlets } from "./permissions.js";
import { recipientCmdlets } from "./recipient.js";
import { regionalCmdlets } from "./regional.js";
import { type CmdletParameters, type CmdletResult, UnknownCmdletError } from "./types.js";

export { MORE_RESULTS } from "./results.js";
export * from "./types.js";

const REGISTRY = new Map<string, Cmdlet>(
  [
    ...mailboxCmdlets,
    ...recipientCmdlets,
    ...permissionCmdlets,
    ...groupCmdlets,
    ...folderCmdlets,
    ...regionalCmdlets,
    ...autoReplyCmdlets,
  ].map((cmdlet) => [cmdlet.name.toLowerCase(), cmdlet]),
);

export function isKnownCmdlet(name: string): boolean {
  return REGISTRY.has(name.toLowerCase());
}

/** Anything that isn't a Get-* cmdlet changes the tenant (or would, if it existed). */
export function isWriteCmdlet(name: string): boolean {
  return !isGetName(name);
}

/** Canonical names of the implemented cmdlets. */
export function cmdletNames(): string[] {
  return [...REGISTRY.values()].map((c) => c.name);
}

/** Runs a cmdlet against the tenant; every failure is a thrown CmdletError. */
export function invokeCmdlet(
  tenant: Tenant,
  name: string,
  parameters: CmdletParameters | undefined,
): CmdletResult {
  const cmdlet = REGISTRY.get(name.toLowerCase());
  if (!cmdlet) throw new UnknownCmdletError(name);
  const params = Params.parse(parameters, cmdlet.parameters, isWriteCmdlet(cmdlet.name));
  return cmdlet.run(tenant, params);
}
