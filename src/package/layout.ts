// Action name -> script path in the HelloID folder, and the time limit HelloID gives that kind of script
// (docs/HELLOID-CONTRACT.md, 'Script slots', 'Time limits'):
//   create, update, …, import            -> create.ps1, …, import.ps1
//   correlateOnly/<script>               -> correlateOnly/<script>.ps1
//   <family>/resources                   -> resources/<family>/resources.ps1
//   <family>/<script>                    -> permissions/<family>/<script>.ps1
import {
  ACTION_SECONDS,
  IMPORT_SECONDS,
  RESOURCES_SECONDS,
  RETRIEVE_PERMISSIONS_SECONDS,
  shimStopSeconds,
} from "../helloid/timeLimits.js";

/** HelloID's kinds of scripts, each with its own time limit. */
export type ScriptSlot =
  | "account"
  | "accountImport"
  | "retrievePermissions"
  | "permission"
  | "subPermissions"
  | "resources"
  | "permissionImport";

export interface ScriptEntry {
  action: string;
  /** Path inside the package, `/`-separated. */
  path: string;
  slot: ScriptSlot;
  isImport: boolean;
  /** The shim stops the connector after this many seconds. */
  timeoutSeconds: number;
}

/**
 * HelloID's limit per slot: account and permission actions 30 s, resources 10 min, retrieve permissions 15 min;
 * imports have no documented limit beyond the 90 s preview and are given retrieve permissions' 15 min.
 */
const SLOT_LIMIT_SECONDS: Readonly<Record<ScriptSlot, number>> = {
  account: ACTION_SECONDS,
  permission: ACTION_SECONDS,
  subPermissions: ACTION_SECONDS,
  resources: RESOURCES_SECONDS,
  retrievePermissions: RETRIEVE_PERMISSIONS_SECONDS,
  accountImport: IMPORT_SECONDS,
  permissionImport: IMPORT_SECONDS,
};

export interface ActionInfo {
  readonly name: string;
  readonly kind: "output" | "import";
  /** HelloID's limit for the script, when the action declares one. */
  readonly timeLimitSeconds?: number;
}

/**
 * The slot's stop time (src/helloid/timeLimits.ts): every script of a slot stops at the same time, whether or not
 * its action declares the limit.
 */
function timeoutFor(action: ActionInfo, slot: ScriptSlot): number {
  return shimStopSeconds(action.timeLimitSeconds ?? SLOT_LIMIT_SECONDS[slot]);
}

export function scriptPath(action: string): string {
  const parts = action.split("/");
  if (parts.length === 1) return `${action}.ps1`;
  if (parts.length !== 2) throw new Error(`action "${action}" has no place in the HelloID folder`);
  const [family, script] = parts as [string, string];
  if (family === "correlateOnly") return `correlateOnly/${script}.ps1`;
  if (script === "resources") return `resources/${family}/resources.ps1`;
  return `permissions/${family}/${script}.ps1`;
}

export function scriptSlot(action: ActionInfo): ScriptSlot {
  const script = action.name.split("/").at(-1) ?? action.name;
  if (action.name.split("/").length === 1 || action.name.startsWith("correlateOnly/")) {
    return action.kind === "import" ? "accountImport" : "account";
  }
  if (action.kind === "import") return "permissionImport";
  if (script === "resources") return "resources";
  if (script === "permissions") return "retrievePermissions";
  if (/^subPermissions?$/i.test(script)) return "subPermissions";
  return "permission";
}

/** One script per action; two actions may not land on the same path (compared case-insensitively, as Windows does). */
export function scriptLayout(actions: readonly ActionInfo[]): ScriptEntry[] {
  const byPath = new Map<string, string>();
  return actions.map((action) => {
    const path = scriptPath(action.name);
    const other = byPath.get(path.toLowerCase());
    if (other) throw new Error(`actions "${other}" and "${action.name}" would both be ${path}`);
    byPath.set(path.toLowerCase(), action.name);
    const slot = scriptSlot(action);
    return {
      action: action.name,
      path,
      slot,
      isImport: action.kind === "import",
      timeoutSeconds: timeoutFor(action, slot),
    };
  });
}
