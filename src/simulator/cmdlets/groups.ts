// Distribution groups and mail-enabled security groups: Get/New/Set-DistributionGroup and membership.
// Writes need -BypassSecurityGroupManagerCheck (the app is never a group manager) and fail on groups
// synchronized from on-premises.

import { aliasFrom, isSmtpAddress } from "../tenant/addresses.js";
import type { GroupRecord, Recipient, Tenant } from "../tenant/index.js";
import { groupRecord } from "../tenant/records.js";
import { applyRecipientParams, assertUnique, commit, editList, RECIPIENT_PARAMS } from "./attributes.js";
import type { Cmdlet } from "./cmdlet.js";
import { badEnum, dirSynced, noSettingsModified, transformation, validation } from "./errors.js";
import { getRecipients, groupFilterSchema } from "./filters.js";
import type { MultiEdit, ParamSpec, Params } from "./parameters.js";
import { resolveGroup, resolveReference } from "./resolve.js";
import { listResult, noRows } from "./results.js";
import { groupRow, recipientRow } from "./rows.js";
import { CmdletError } from "./types.js";

const TASKS = "Microsoft.Exchange.Management.Tasks";
const RESTRICTIONS = ["Open", "Closed", "ApprovalRequired"];
/** Set-DistributionGroup parameters that change the group (all but Identity and the bypass switch). */
const GROUP_PROPERTIES: ParamSpec = {
  ...RECIPIENT_PARAMS,
  Description: "string",
  ManagedBy: "edit",
  MemberJoinRestriction: "string",
  MemberDepartRestriction: "string",
  RequireSenderAuthenticationEnabled: "bool",
};

function requireManagerBypass(params: Params): void {
  if (params.bool("BypassSecurityGroupManagerCheck") !== true) {
    throw new CmdletError(
      400,
      `${TASKS}.OperationRequiresGroupManagerException`,
      "You don't have sufficient permissions. This operation can only be performed by a manager of the group.",
    );
  }
}

function restriction(params: Params, name: string): string | undefined {
  const value = params.string(name);
  if (value == null) return undefined;
  const match = RESTRICTIONS.find((r) => r.toLowerCase() === value.toLowerCase());
  if (!match)
    throw badEnum(name, value, "Microsoft.Exchange.Data.Directory.Recipient.MemberUpdateType", RESTRICTIONS);
  return match;
}

function managers(tenant: Tenant, edit: MultiEdit): MultiEdit {
  const guid = (value: string) => resolveReference(tenant, value, "mailbox").guid;
  return { replace: edit.replace?.map(guid), add: edit.add.map(guid), remove: edit.remove.map(guid) };
}

function setDistributionGroup(tenant: Tenant, params: Params) {
  const group = resolveGroup(tenant, params.requiredString("Identity"));
  const changing = params.names().filter((n) => n !== "Identity" && n in GROUP_PROPERTIES);
  if (group.isDirSynced && changing.length > 0) {
    throw dirSynced("Set-DistributionGroup", changing[0] as string, group.name);
  }
  requireManagerBypass(params);
  const changed = commit(tenant, group, (draft) => {
    applyRecipientParams(params, draft);
    const description = params.string("Description");
    if (description !== undefined) draft.description = description === "" ? null : description;
    const managedBy = params.edit("ManagedBy");
    if (managedBy) draft.managedBy = editList(draft.managedBy, managers(tenant, managedBy));
    for (const name of ["MemberJoinRestriction", "MemberDepartRestriction"]) {
      const value = restriction(params, name);
      if (value) draft.settings[name] = value;
    }
    const senderAuth = params.bool("RequireSenderAuthenticationEnabled");
    if (senderAuth !== undefined) draft.settings.RequireSenderAuthenticationEnabled = senderAuth;
  });
  return noRows(changed ? [] : [noSettingsModified(group.name)]);
}

function newDistributionGroup(tenant: Tenant, params: Params) {
  const name = params.requiredString("Name");
  const alias = params.string("Alias") ?? aliasFrom(name);
  if (alias === "" || aliasFrom(alias) !== alias) {
    throw validation(`The alias "${alias}" contains characters that aren't allowed.`);
  }
  const primary = params.string("PrimarySmtpAddress") ?? `${alias}@${tenant.defaultDomain}`;
  if (!isSmtpAddress(primary))
    throw transformation("PrimarySmtpAddress", primary, "Microsoft.Exchange.Data.SmtpAddress");
  const typeValue = params.string("Type") ?? "Distribution";
  const type = ["Distribution", "Security"].find((t) => t.toLowerCase() === typeValue.toLowerCase());
  if (!type) {
    throw badEnum("Type", typeValue, "Microsoft.Exchange.Management.RecipientTasks.GroupType", [
      "Distribution",
      "Security",
    ]);
  }
  const record = groupRecord(tenant, {
    name,
    alias,
    displayName: params.string("DisplayName") ?? name,
    primarySmtpAddress: primary,
    type: type as "Distribution" | "Security",
    roomList: params.bool("RoomList") ?? false,
    description: params.string("Description") ?? undefined,
  });
  record.members = (params.strings("Members") ?? []).map(
    (m) => resolveReference(tenant, m, "recipient").guid,
  );
  record.managedBy = (params.strings("ManagedBy") ?? []).map(
    (m) => resolveReference(tenant, m, "mailbox").guid,
  );
  record.createdByCmdletAt = tenant.now();
  assertUnique(tenant, record);
  tenant.insert(record);
  return { rows: [groupRow(tenant, record)], warnings: [] };
}

/** Resolves the group and member of Add/Remove-DistributionGroupMember and checks the group may change. */
function membership(
  tenant: Tenant,
  params: Params,
  cmdlet: string,
): { group: GroupRecord; member: Recipient } {
  const group = resolveGroup(tenant, params.requiredString("Identity"));
  if (group.isDirSynced) throw dirSynced(cmdlet, "Members", group.name);
  requireManagerBypass(params);
  const member = resolveReference(tenant, params.requiredString("Member"), "recipient");
  return { group, member };
}

const MEMBER_PARAMS = {
  Identity: "string",
  Member: "string",
  BypassSecurityGroupManagerCheck: "bool",
} as const;

export const groupCmdlets: Cmdlet[] = [
  {
    name: "Get-DistributionGroup",
    parameters: {
      Identity: "string",
      Filter: "string",
      RecipientTypeDetails: "strings",
      ResultSize: "resultSize",
    },
    run: (tenant, params) =>
      getRecipients(tenant, params, "group", groupFilterSchema(tenant), (t, r, select) =>
        groupRow(t, r as GroupRecord, select),
      ),
  },
  {
    name: "New-DistributionGroup",
    parameters: {
      Name: "string",
      DisplayName: "string",
      Alias: "string",
      PrimarySmtpAddress: "string",
      Type: "string",
      RoomList: "bool",
      Members: "strings",
      ManagedBy: "strings",
      Description: "string",
    },
    run: newDistributionGroup,
  },
  {
    name: "Set-DistributionGroup",
    parameters: { ...GROUP_PROPERTIES, BypassSecurityGroupManagerCheck: "bool" },
    run: setDistributionGroup,
  },
  {
    name: "Get-DistributionGroupMember",
    parameters: { Identity: "string", ResultSize: "resultSize" },
    run: (tenant, params) => {
      const group = resolveGroup(tenant, params.requiredString("Identity"));
      const members = group.members.flatMap((g) => {
        const member = tenant.byGuid(g);
        return member && tenant.isVisible(member) ? [member] : [];
      });
      return listResult(members, params, (m, select) => recipientRow(tenant, m, select));
    },
  },
  {
    name: "Add-DistributionGroupMember",
    parameters: MEMBER_PARAMS,
    run: (tenant, params) => {
      const { group, member } = membership(tenant, params, "Add-DistributionGroupMember");
      if (group.members.includes(member.guid)) {
        throw new CmdletError(
          400,
          `${TASKS}.MemberAlreadyExistsException`,
          `The recipient "${params.string("Member")}" is already a member of the group "${group.name}".`,
        );
      }
      tenant.update(group, (g) => g.members.push(member.guid));
      return noRows();
    },
  },
  {
    name: "Remove-DistributionGroupMember",
    parameters: MEMBER_PARAMS,
    run: (tenant, params) => {
      const { group, member } = membership(tenant, params, "Remove-DistributionGroupMember");
      if (!group.members.includes(member.guid)) {
        throw new CmdletError(
          400,
          `${TASKS}.MemberNotFoundException`,
          `The recipient "${params.string("Member")}" isn't a member of the group "${group.name}".`,
        );
      }
      tenant.update(group, (g) => {
        g.members = g.members.filter((m) => m !== member.guid);
      });
      return noRows();
    },
  },
];
