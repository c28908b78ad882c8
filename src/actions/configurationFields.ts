// Every configuration key the actions read, described for configuration.json, in the order the form shows
// them: the connection (the PowerShell connector's keys first), then each family's settings.
// Every family describes its keys as ConfigurationSetting values (configurationSetting.ts): the
// mailbox-settings families one by one, the permission families as a record (permissions/settings.ts).
import type { ConfigurationField } from "../helloid/configurationForm.js";
import { connectionFields } from "./configuration.js";
import { folderPermissionFields } from "./folderPermission/settings.js";
import { GROUP_SETTINGS } from "./groups/settings.js";
import { litigationHoldFields } from "./litigationHold/settings.js";
import { regionalConfigurationFields } from "./regionalConfiguration/settings.js";
import { SHARED_MAILBOX_SETTINGS } from "./sharedMailboxes/settings.js";

const FAMILY_FIELDS: readonly (readonly ConfigurationField[])[] = [
  Object.values(SHARED_MAILBOX_SETTINGS),
  Object.values(GROUP_SETTINGS),
  folderPermissionFields,
  regionalConfigurationFields,
  litigationHoldFields,
];

/** The families' keys, in registry order. */
export function familyConfigurationFields(): ConfigurationField[] {
  return FAMILY_FIELDS.flat();
}

/** Every key the actions read: the connection's, then the families'. */
export function actionConfigurationFields(): ConfigurationField[] {
  return [...connectionFields, ...familyConfigurationFields()];
}
