// grantPermission / revokePermission: the rights a permission's Identification stands for, one write per
// right (several go out as one `$batch`), each reported on its own.
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import { requireAccountReference } from "../account/reference.js";
import type { OutputAction, PrepareInput } from "../framework.js";
import { applyChanges } from "./changes.js";
import type { CommonSettings } from "./commonSettings.js";
import type { Access, Family, Verb } from "./family.js";

interface GrantRevokePlan<S> {
  settings: S;
  account: string;
  accesses: Access[];
}

const IDENTIFICATION = "actionContext.References.Permission";

function prepare<S extends CommonSettings>(family: Family<S>, { context }: PrepareInput): GrantRevokePlan<S> {
  const settings = family.parseSettings(context.Configuration);
  const account = requireAccountReference(context);
  const identification = context.References?.Permission;
  if (!identification) throw new InputError(`${IDENTIFICATION}: required (the permission's Identification)`);
  const id = getCI(identification, "Id");
  if (typeof id !== "string" || !id.trim()) {
    throw new InputError(`${IDENTIFICATION}.Id: required (the Guid of the ${family.noun})`);
  }
  const target = {
    id: id.trim(),
    name: objectName(context.PermissionDisplayName, identification, id.trim()),
  };
  return { settings, account, accesses: family.accessesOf(identification, target, settings) };
}

/** The name audits use: the permission's display name (empty in preview), else the Identification's Name. */
function objectName(displayName: string | null | undefined, identification: JsonObject, id: string): string {
  const name = getCI(identification, "Name");
  return displayName?.trim() || (typeof name === "string" && name.trim()) || id;
}

export function grantRevokeAction<S extends CommonSettings>(
  family: Family<S>,
  verb: Verb,
): OutputAction<GrantRevokePlan<S>> {
  return {
    kind: "output",
    name: `${family.name}/${verb}Permission`,
    summary: `${verb === "grant" ? "Grant" : "Revoke"} a ${family.noun} permission ${verb === "grant" ? "to" : "from"} the account`,
    prepare: (input) => prepare(family, input),
    async execute(plan, runtime) {
      const changes = plan.accesses.map((access) => ({ verb, access, account: plan.account }));
      await applyChanges(family, plan.settings, changes, runtime);
    },
  };
}
