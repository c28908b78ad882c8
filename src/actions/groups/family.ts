// groups/*: distribution groups and mail-enabled security groups, membership granted and revoked with
// Add/Remove-DistributionGroupMember -BypassSecurityGroupManagerCheck. Identification {Id: <guid>};
// sub-permissions {Id: <guid>}. Listed: the configured group types, cloud-only unless configured.
import {
  addDistributionGroupMember,
  and,
  eq,
  findDistributionGroup,
  listDistributionGroups,
  newDistributionGroup,
  type OpathFilter,
  removeDistributionGroupMember,
  setDistributionGroup,
} from "../../exchange/index.js";
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { truncateDisplayName } from "../../helloid/output.js";
import type { Family, SubEntitlement, TargetObject } from "../permissions/family.js";
import { targetOf } from "../permissions/objects.js";
import { groupHolderSource, MEMBER, type Member } from "./holders.js";
import { type GroupSettings, type GroupType, parseGroupSettings } from "./settings.js";

const TYPE_DETAILS: Record<GroupType, string> = {
  Distribution: "MailUniversalDistributionGroup",
  Security: "MailUniversalSecurityGroup",
  RoomList: "RoomList",
};

function groupType(group: JsonObject): GroupType {
  const details = getCI(group, "RecipientTypeDetails");
  const type = (Object.keys(TYPE_DETAILS) as GroupType[]).find((name) => TYPE_DETAILS[name] === details);
  return type ?? "Distribution";
}

function description(group: JsonObject): string {
  const text = getCI(group, "Description");
  const joined = Array.isArray(text) ? text.join(" ") : typeof text === "string" ? text : "";
  return joined.trim() || String(getCI(group, "PrimarySmtpAddress") ?? "");
}

function subEntitlement(target: TargetObject, reference?: JsonObject): SubEntitlement<Member> {
  return {
    key: target.id.toLowerCase(),
    displayName: target.name,
    reference: reference ?? { Id: target.id },
    access: { target, right: MEMBER },
  };
}

export const groups: Family<GroupSettings, Member> = {
  name: "groups",
  noun: "group",
  select: ["RecipientTypeDetails", "PrimarySmtpAddress", "Description"],
  parseSettings: parseGroupSettings,
  listObjects(exchange, settings, { scope, filter, select }) {
    const listed = scope === "permissions";
    const filters = [
      ...(listed && !settings.includeDirSynced ? [eq("IsDirSynced", false)] : []),
      ...(filter ? [filter] : []),
    ];
    return listDistributionGroups(
      exchange,
      {
        RecipientTypeDetails: listed ? settings.types.map((type) => TYPE_DETAILS[type]) : undefined,
        Filter: filters.length > 0 ? and(...filters) : (undefined as OpathFilter | undefined),
      },
      { select },
    );
  },
  findObject: (exchange, identity, select) => findDistributionGroup(exchange, identity, { select }),
  newObjectCall: (settings, object) =>
    newDistributionGroup.asCall({
      Name: object.name,
      DisplayName: object.displayName,
      Alias: object.alias,
      PrimarySmtpAddress: object.primarySmtpAddress,
      Type: settings.resourceType,
    }),
  stampCall: (id, attributes) => setDistributionGroup.asCall({ Identity: id, ...attributes }),
  writeCall: (verb, { target }, account) =>
    verb === "grant"
      ? addDistributionGroupMember.asCall({ Identity: target.id, Member: account })
      : removeDistributionGroupMember.asCall({ Identity: target.id, Member: account }),
  describe: ({ target }) => `membership of group [${target.name}]`,
  entitlementsOf(group, settings) {
    const target = targetOf(group);
    return [
      {
        displayName: truncateDisplayName(`${settings.displayNamePrefixes[groupType(group)]}${target.name}`),
        identification: { Id: target.id },
        description: description(group),
        rights: [MEMBER],
      },
    ];
  },
  staticRights: () => [MEMBER],
  accessesOf: (_identification, target) => [{ target, right: MEMBER }],
  subPermissionRights: () => ({ rights: [MEMBER] }),
  subEntitlementsOf: (target, rights) => (rights.includes(MEMBER) ? [subEntitlement(target)] : []),
  parseSubEntitlement(reference, displayName) {
    const id = getCI(reference, "Id");
    return typeof id === "string" && id
      ? subEntitlement({ id, name: displayName || id }, reference)
      : undefined;
  },
  dynamicPermissions: (settings) => [
    {
      reference: { Reference: settings.subPermissionsReference },
      displayName: "Permission - Distribution Group",
      rights: [MEMBER],
    },
  ],
  holderSource: groupHolderSource,
};
