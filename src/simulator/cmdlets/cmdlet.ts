// The shape every cmdlet implementation registers with.
import type { Tenant } from "../tenant/index.js";
import type { ParamSpec, Params } from "./parameters.js";
import type { CmdletResult } from "./types.js";

export interface Cmdlet {
  /** Canonical Verb-Noun spelling. */
  name: string;
  /** Parameters besides the common ones (ErrorAction, WarningAction, ..., and Confirm for writes). */
  parameters: ParamSpec;
  run(tenant: Tenant, params: Params): CmdletResult;
}

/** Exchange's read cmdlets are exactly the Get-* ones. */
export function isGetName(name: string): boolean {
  return name.toLowerCase().startsWith("get-");
}
