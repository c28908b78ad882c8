// Action name -> handler: the names the CLI takes (`exo-connector run <action>`), mirroring HelloID's script slots.
import { InputError } from "../helloid/context.js";
import { disable, enable } from "./account/access.js";
import { correlateOnlyCreate, create } from "./account/create.js";
import { remove } from "./account/delete.js";
import { correlateOnlyImport, importAccounts } from "./account/import.js";
import { update } from "./account/update.js";
import { folderPermissionGrant } from "./folderPermission/grant.js";
import { folderPermissionPermissions } from "./folderPermission/permissions.js";
import { folderPermissionRevoke } from "./folderPermission/revoke.js";
import type { AnyAction } from "./framework.js";
import { groupActions } from "./groups/index.js";
import { litigationHoldGrant } from "./litigationHold/grant.js";
import { litigationHoldPermissions } from "./litigationHold/permissions.js";
import { litigationHoldRevoke } from "./litigationHold/revoke.js";
import { regionalConfigurationGrant } from "./regionalConfiguration/grant.js";
import { regionalConfigurationPermissions } from "./regionalConfiguration/permissions.js";
import { regionalConfigurationRevoke } from "./regionalConfiguration/revoke.js";
import { sharedMailboxActions, sharedMailboxSeparateActions } from "./sharedMailboxes/index.js";

const ACTIONS: readonly AnyAction[] = [
  create,
  update,
  enable,
  disable,
  remove,
  importAccounts,
  correlateOnlyCreate,
  correlateOnlyImport,
  // Settings of the person's own mailbox, granted by business rule from configured option lists.
  folderPermissionPermissions,
  folderPermissionGrant,
  folderPermissionRevoke,
  regionalConfigurationPermissions,
  regionalConfigurationGrant,
  regionalConfigurationRevoke,
  litigationHoldPermissions,
  litigationHoldGrant,
  litigationHoldRevoke,
  // Access to shared mailboxes and groups: permissions, grant/revoke, subPermissions, resources, imports.
  ...sharedMailboxActions,
  ...sharedMailboxSeparateActions,
  ...groupActions,
];

const byName = new Map(ACTIONS.map((action) => [action.name.toLowerCase(), action]));

export function listActions(): readonly AnyAction[] {
  return ACTIONS;
}

export function findAction(name: string): AnyAction {
  const action = byName.get(name.toLowerCase());
  if (!action) {
    throw new InputError(`unknown action "${name}"; \`exo-connector actions\` lists the actions`);
  }
  return action;
}
