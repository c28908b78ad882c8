// Every configuration key the actions read, described for configuration.json, in the order the form shows
// them: the connection (the PowerShell connector's keys first), then each family's settings.
// Families describe their keys either as ConfigurationField values (the mailbox-settings families) or as
// `Setting` records (the permission families, src/actions/permissions/settings.ts), adapted here.
import type { ConfigurationField } from "../helloid/configurationForm.js";
import { connectionFields } from "./configuration.js";
import { folderPermissionFields } from "./folderPermission/settings.js";
import { GROUP_SETTINGS } from "./groups/settings.js";
import { litigationHoldFields } from "./litigationHold/settings.js";
import type { Settings } from "./permissions/settings.js";
import { regionalConfigurationFields } from "./regionalConfiguration/settings.js";
import { SHARED_MAILBOX_SETTINGS } from "./sharedMailboxes/settings.js";

/** "SharedMailboxAccessRights" -> "Shared mailbox access rights". */
export function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(" ");
  return words
    .map((word, index) => (index === 0 || /^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()))
    .join(" ");
}

/**
 * A `Setting` record as form fields. Booleans become checkboxes with their default; a text default is
 * pre-filled when it has no surrounding spaces (which a form would lose); any other default (lists, paths)
 * leaves the field empty, which the family reads as its default, stated in the description.
 */
export function settingsFields(definitions: Settings): ConfigurationField[] {
  return Object.entries(definitions).map(([key, definition]): ConfigurationField => {
    const value = definition.default;
    const base = { key, label: labelOf(key), description: definition.description };
    if (typeof value === "boolean") return { ...base, kind: "checkbox", defaultValue: value };
    if (typeof value === "number") return { ...base, kind: "number", defaultValue: value };
    if (typeof value === "string" && value === value.trim())
      return { ...base, kind: "text", defaultValue: value };
    return { ...base, kind: "text", defaultValue: "" };
  });
}

const FAMILY_FIELDS: readonly (readonly ConfigurationField[])[] = [
  settingsFields(SHARED_MAILBOX_SETTINGS),
  settingsFields(GROUP_SETTINGS),
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
