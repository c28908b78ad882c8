// Configuration of the folderPermission family: the options HelloID lists as permissions (the PowerShell
// connector's four `Default` rights by default, ids "1".."4" as it had them) and the baseline a revoke
// restores. Schema, descriptions and defaults live here so configuration.json is generated from them.
import * as z from "zod";
import { ciObject } from "../../helloid/schema.js";
import type { ConfigurationSetting } from "../configurationSetting.js";
import type { OptionFamily } from "../mailboxSettings/grantedOption.js";
import { optionDisplayName, optionId, optionList, optionObject } from "../mailboxSettings/optionList.js";
import { DEFAULT_USER, folderRole, folderUser, roleInWords } from "./accessRights.js";

/** The Identification, exactly the PowerShell connector's `{Id, mailboxFolderUser, mailboxFolderAccessRight}`. */
const identificationShape = {
  Id: optionId,
  mailboxFolderUser: folderUser.default(DEFAULT_USER),
  mailboxFolderAccessRight: folderRole,
};

const option = optionObject({ ...identificationShape, DisplayName: optionDisplayName });
export type FolderPermissionOption = z.output<typeof option>;

const DEFAULT_OPTIONS = ["AvailabilityOnly", "LimitedDetails", "Reviewer", "Editor"].map((right, index) => ({
  Id: String(index + 1),
  mailboxFolderUser: DEFAULT_USER,
  mailboxFolderAccessRight: right,
}));

export const folderPermissionOptions: ConfigurationSetting<FolderPermissionOption[]> = {
  key: "FolderPermissionOptions",
  kind: "text",
  label: "Calendar permission options",
  description:
    "JSON list of the calendar permissions HelloID can grant, one permission each: " +
    '{"Id": unique and never changed, "mailboxFolderUser": "Default", "Anonymous" or a user\'s UPN, ' +
    '"mailboxFolderAccessRight": AvailabilityOnly, LimitedDetails, Reviewer, Editor, …, "DisplayName": optional}.',
  format: "json",
  defaultValue: JSON.stringify(DEFAULT_OPTIONS),
  schema: optionList(option),
};

/** User → the right a revoke restores; a user not listed loses the entry. */
export type FolderPermissionBaseline = Record<string, string>;

export const folderPermissionBaseline: ConfigurationSetting<FolderPermissionBaseline> = {
  key: "FolderPermissionBaseline",
  kind: "text",
  label: "Calendar permission baseline",
  description:
    'JSON object: per calendar user, the right a revoke restores, e.g. {"Default": "AvailabilityOnly"}. ' +
    "A revoke removes the entry of a user not listed (Default and Anonymous then fall back to None).",
  format: "json",
  defaultValue: JSON.stringify({ [DEFAULT_USER]: "AvailabilityOnly" }),
  schema: z.record(z.string().trim().min(1), folderRole),
};

export function baselineFor(baseline: FolderPermissionBaseline, user: string): string | undefined {
  const key = Object.keys(baseline).find((name) => name.toLowerCase() === user.toLowerCase());
  return key === undefined ? undefined : baseline[key];
}

export const folderPermissionFamily: OptionFamily<FolderPermissionOption> = {
  options: folderPermissionOptions,
  identification: ciObject(identificationShape),
  settingFields: ["mailboxFolderAccessRight"],
};

export function folderPermissionDisplayName(option: FolderPermissionOption): string {
  if (option.DisplayName) return option.DisplayName;
  const user = option.mailboxFolderUser === DEFAULT_USER ? "" : ` for ${option.mailboxFolderUser}`;
  return `Mailbox folder permissions - ${roleInWords(option.mailboxFolderAccessRight)}${user}`;
}

/** The family's configuration keys, for configuration.json. */
export const folderPermissionFields: readonly ConfigurationSetting<unknown>[] = [
  folderPermissionOptions,
  folderPermissionBaseline,
];
