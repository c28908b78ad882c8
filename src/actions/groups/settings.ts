// Configuration keys of the groups family (groups/*). All optional; the defaults are the PowerShell
// connector's behaviour. The packaging generates configuration.json from GROUP_SETTINGS.
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

export const GROUP_TYPES = ["Distribution", "Security", "RoomList"] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/** An array, or one text separated by commas or semicolons; each one of GROUP_TYPES in any letter case. */
const groupTypeList = z
  .union([z.array(z.string()), z.string().transform((text) => text.split(/[,;]/))])
  .transform((items, ctx) => {
    const types = new Set<GroupType>();
    for (const item of items.map((text) => text.trim()).filter(Boolean)) {
      const type = GROUP_TYPES.find((name) => name.toLowerCase() === item.toLowerCase());
      if (type) types.add(type);
      else
        ctx.addIssue({
          code: "custom",
          message: `unknown group type "${item}"; use ${GROUP_TYPES.join(", ")}`,
        });
    }
    return [...types];
  });

const resourceType = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const type = (["Distribution", "Security"] as const).find(
      (name) => name.toLowerCase() === value.toLowerCase(),
    );
    if (!type) ctx.addIssue({ code: "custom", message: "expected Distribution or Security" });
    return type ?? "Distribution";
  });

export const GROUP_SETTINGS = settingsRecord({
  GroupTypes: setting<GroupType[]>(
    groupTypeList,
    ["Distribution", "Security"],
    "Which groups groups/permissions lists: Distribution (distribution groups), Security (mail-enabled security groups), RoomList (room lists), comma-separated. Default: Distribution, Security.",
  ),
  GroupIncludeDirSynced: setting(
    booleanLike,
    false,
    "Also list groups synchronized from on-premises Active Directory (IsDirSynced). Exchange Online cannot change their members, so they are left out by default. Default: false.",
  ),
  DistributionGroupDisplayNamePrefix: setting(
    z.string(),
    "Distribution Group - ",
    "Text before a distribution group's display name in permission names. Names are cut to HelloID's 100 characters. Default: \"Distribution Group - \".",
  ),
  SecurityGroupDisplayNamePrefix: setting(
    z.string(),
    "Mail-enabled Security Group - ",
    'Text before a mail-enabled security group\'s display name in permission names. Default: "Mail-enabled Security Group - ".',
  ),
  RoomListDisplayNamePrefix: setting(
    z.string(),
    "Room List - ",
    'Text before a room list\'s display name in permission names (when GroupTypes lists RoomList). Default: "Room List - ".',
  ),
  GroupContractField: setting(
    contractField,
    ["Department", "ExternalId"],
    "Contract field whose value selects a person's groups in sub-permissions (a dotted path into the contract). Default: Department.ExternalId.",
  ),
  GroupCorrelationAttribute: setting(
    customAttribute,
    "CustomAttribute1",
    "Group attribute holding that contract value: sub-permissions look groups up by it and resources stamp it on the groups they create. Default: CustomAttribute1.",
  ),
  GroupMarkerAttribute: setting(
    customAttribute,
    "CustomAttribute2",
    "Group attribute that marks groups created by the resources action; importSubPermissions imports only marked groups. Default: CustomAttribute2.",
  ),
  GroupMarkerValue: setting(
    z.string().trim(),
    "HelloID Dynamic Distribution Group",
    'The marker\'s value. Default: "HelloID Dynamic Distribution Group".',
  ),
  GroupResourceType: setting(
    resourceType,
    "Distribution",
    "Type of the groups the resources action creates: Distribution, or Security for mail-enabled security groups. Default: Distribution.",
  ),
  GroupNameTemplate: setting(
    template(NAME_PLACEHOLDERS),
    "dg_{DisplayName}",
    "Name and display name of a group the resources action creates; {DisplayName} and {ExternalId} are the resource's. Cut to Exchange's 64 characters. Default: dg_{DisplayName}.",
  ),
  GroupAliasTemplate: setting(
    template(NAME_PLACEHOLDERS),
    "dg_{DisplayName}",
    "Alias of a created group; the result keeps only letters, digits, '.', '_' and '-' (diacritics dropped), at most 64. Default: dg_{DisplayName}.",
  ),
  GroupAddressTemplate: setting(
    template(ADDRESS_PLACEHOLDERS),
    "{Alias}@{Organization}",
    "Primary SMTP address of a created group; {Alias} is the alias above, {Organization} the Organization setting, the part before @ is sanitized like the alias. Use e.g. {Alias}@contoso.com for another accepted domain. Default: {Alias}@{Organization}.",
  ),
  GroupSubPermissionsReference: setting(
    z.string().trim(),
    "dg",
    "The Reference of the dynamic groups permission in HelloID; importSubPermissions names that permission with it. Default: dg.",
  ),
});

export interface GroupSettings extends CommonSettings {
  readonly types: readonly GroupType[];
  readonly includeDirSynced: boolean;
  readonly displayNamePrefixes: Readonly<Record<GroupType, string>>;
  readonly resourceType: "Distribution" | "Security";
  readonly subPermissionsReference: string;
}

export function parseGroupSettings(configuration: JsonObject): GroupSettings {
  const values = parseSettings(GROUP_SETTINGS, configuration);
  return {
    types: values.GroupTypes,
    includeDirSynced: values.GroupIncludeDirSynced,
    displayNamePrefixes: {
      Distribution: values.DistributionGroupDisplayNamePrefix,
      Security: values.SecurityGroupDisplayNamePrefix,
      RoomList: values.RoomListDisplayNamePrefix,
    },
    contractField: values.GroupContractField,
    correlationAttribute: values.GroupCorrelationAttribute,
    markerAttribute: values.GroupMarkerAttribute,
    markerValue: values.GroupMarkerValue,
    resourceType: values.GroupResourceType,
    templates: {
      name: values.GroupNameTemplate,
      alias: values.GroupAliasTemplate,
      address: values.GroupAddressTemplate,
    },
    subPermissionsReference: values.GroupSubPermissionsReference,
  };
}
