// Configuration keys of the shared-mailbox families (sharedMailboxes/* and sharedMailboxesSeparate/*).
// All optional; the defaults are the PowerShell connector's behaviour. The packaging generates
// configuration.json from SHARED_MAILBOX_SETTINGS.
import * as z from "zod";
import type { JsonObject } from "../../helloid/caseInsensitive.js";
import { booleanLike } from "../../helloid/schema.js";
import {
  ADDRESS_PLACEHOLDERS,
  type CommonSettings,
  contractField,
  customAttribute,
  NAME_PLACEHOLDERS,
  template,
} from "../permissions/commonSettings.js";
import { parseSettings, setting, settingsRecord } from "../permissions/settings.js";
import { type Right, rightList } from "./rights.js";

export const SHARED_MAILBOX_SETTINGS = settingsRecord({
  SharedMailboxAccessRights: setting<Right[]>(
    rightList,
    ["FullAccess", "SendAs"],
    "Access rights a sharedMailboxes permission grants and revokes when its Identification names none (the later {Id} shape), and the rights of its sub-permissions (one sub-permission per right). Comma-separated: Full Access, Send As, Send on Behalf. Default: Full Access, Send As.",
  ),
  SharedMailboxAutoMapping: setting(
    booleanLike,
    true,
    "Whether Outlook opens a shared mailbox automatically for someone granted Full Access (Add-MailboxPermission -AutoMapping). Default: true.",
  ),
  SharedMailboxDisplayNamePrefix: setting(
    z.string(),
    "Shared Mailbox - ",
    'Text before the mailbox\'s display name in permission names ("Shared Mailbox - Sales"; the separate-entitlement family adds " - Full Access" etc.). Names are cut to HelloID\'s 100 characters. Default: "Shared Mailbox - ".',
  ),
  SharedMailboxContractField: setting(
    contractField,
    ["Department", "ExternalId"],
    "Contract field whose value selects a person's shared mailboxes in sub-permissions (a dotted path into the contract). Default: Department.ExternalId.",
  ),
  SharedMailboxCorrelationAttribute: setting(
    customAttribute,
    "CustomAttribute1",
    "Mailbox attribute holding that contract value: sub-permissions look mailboxes up by it and resources stamp it on the mailboxes they create. Default: CustomAttribute1.",
  ),
  SharedMailboxMarkerAttribute: setting(
    customAttribute,
    "CustomAttribute2",
    "Mailbox attribute that marks shared mailboxes created by the resources action; importSubPermissions imports only marked mailboxes. Default: CustomAttribute2.",
  ),
  SharedMailboxMarkerValue: setting(
    z.string().trim(),
    "HelloID Dynamic Shared Mailbox",
    'The marker\'s value. Default: "HelloID Dynamic Shared Mailbox".',
  ),
  SharedMailboxNameTemplate: setting(
    template(NAME_PLACEHOLDERS),
    "smb_{DisplayName}",
    "Name and display name of a shared mailbox the resources action creates; {DisplayName} and {ExternalId} are the resource's. Cut to Exchange's 64 characters. Default: smb_{DisplayName}.",
  ),
  SharedMailboxAliasTemplate: setting(
    template(NAME_PLACEHOLDERS),
    "smb_{DisplayName}",
    "Alias of a created shared mailbox; the result keeps only letters, digits, '.', '_' and '-' (diacritics dropped), at most 64. Default: smb_{DisplayName}.",
  ),
  SharedMailboxAddressTemplate: setting(
    template(ADDRESS_PLACEHOLDERS),
    "{Alias}@{Organization}",
    "Primary SMTP address of a created shared mailbox; {Alias} is the alias above, {Organization} the Organization setting, the part before @ is sanitized like the alias. Use e.g. {Alias}@contoso.com for another accepted domain. Default: {Alias}@{Organization}.",
  ),
  SharedMailboxIdentification: setting(
    z.enum(["Settings", "Id"]),
    "Settings",
    '"Settings": sharedMailboxes permissions carry {Id, Name, Type, AccessRights}, as the PowerShell connector listed them until version 3.2. "Id": only {Id}, as version 3.2 and later list them. Pick what your existing entitlements hold so they keep matching; grants and revokes accept both. Default: Settings.',
  ),
  SharedMailboxSubPermissionsReference: setting(
    z.string().trim(),
    "smb",
    "The Reference of the dynamic sharedMailboxes permission in HelloID; importSubPermissions names that permission with it. (The separate-entitlement family uses FullAccess, SendAs and SendOnBehalf.) Default: smb.",
  ),
});

export interface SharedMailboxSettings extends CommonSettings {
  readonly accessRights: readonly Right[];
  readonly autoMapping: boolean;
  readonly displayNamePrefix: string;
  readonly subPermissionsReference: string;
  /** Which Identification shape `permissions` lists: the Dec 2024 one with settings, or the later {Id}. */
  readonly identification: "Settings" | "Id";
}

export function parseSharedMailboxSettings(configuration: JsonObject): SharedMailboxSettings {
  const values = parseSettings(SHARED_MAILBOX_SETTINGS, configuration);
  return {
    accessRights: values.SharedMailboxAccessRights,
    autoMapping: values.SharedMailboxAutoMapping,
    displayNamePrefix: values.SharedMailboxDisplayNamePrefix,
    contractField: values.SharedMailboxContractField,
    correlationAttribute: values.SharedMailboxCorrelationAttribute,
    markerAttribute: values.SharedMailboxMarkerAttribute,
    markerValue: values.SharedMailboxMarkerValue,
    templates: {
      name: values.SharedMailboxNameTemplate,
      alias: values.SharedMailboxAliasTemplate,
      address: values.SharedMailboxAddressTemplate,
    },
    subPermissionsReference: values.SharedMailboxSubPermissionsReference,
    identification: values.SharedMailboxIdentification,
  };
}
