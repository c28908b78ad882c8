// Output rows shaped like Exchange's JSON, including the inline type annotations of the reference
// capture (`X@odata.type`, `X@data.type`) that clients have to ignore.
import {
  type GroupRecord,
  type MailboxRecord,
  primarySmtpAddress,
  type Recipient,
  type Tenant,
} from "../tenant/index.js";
import { exchangeDate, exchangeUtcDate } from "../tenant/time.js";
import type { Row } from "./types.js";

const ZERO_GUID = "00000000-0000-0000-0000-000000000000";

function guid(row: Row, key: string, value: string): void {
  row[`${key}@data.type`] = "System.Guid";
  row[`${key}@odata.type`] = "#Guid";
  row[key] = value;
}

function strings(row: Row, key: string, values: string[]): void {
  row[`${key}@odata.type`] = "#Collection(String)";
  row[key] = values;
}

function date(row: Row, key: string, ms: number | null): void {
  row[`${key}@data.type`] = "System.DateTime";
  row[key] = ms === null ? null : exchangeDate(ms);
}

function utcDate(row: Row, key: string, ms: number): void {
  row[`${key}@data.type`] = "System.DateTime";
  row[key] = exchangeUtcDate(ms);
}

export function recipientType(recipient: Recipient): string {
  if (recipient.kind === "mailbox") return "UserMailbox";
  return recipient.securityEnabled ? "MailUniversalSecurityGroup" : "MailUniversalDistributionGroup";
}

/** Names of the recipients behind stored Guids (links to deleted recipients are already gone). */
export function names(tenant: Tenant, guids: string[]): string[] {
  return guids.flatMap((g) => {
    const r = tenant.byGuid(g);
    return r ? [r.name] : [];
  });
}

function identityAndAddresses(tenant: Tenant, r: Recipient, row: Row): void {
  row.Identity = r.name;
  row.Id = r.name;
  row.Name = r.name;
  row.Alias = r.alias;
  row.DisplayName = r.displayName;
  row.DistinguishedName = tenant.distinguishedName(r);
  guid(row, "Guid", r.guid);
  guid(row, "ExchangeObjectId", r.guid);
  row.ExternalDirectoryObjectId = r.externalDirectoryObjectId;
  row.PrimarySmtpAddress = primarySmtpAddress(r);
  strings(row, "EmailAddresses", [...r.emailAddresses]);
  row.RecipientType = recipientType(r);
  row.RecipientTypeDetails = r.recipientTypeDetails;
  row.HiddenFromAddressListsEnabled = r.hiddenFromAddressListsEnabled;
  row.IsDirSynced = r.isDirSynced;
  r.customAttributes.forEach((value, i) => {
    row[`CustomAttribute${i + 1}`] = value;
  });
  r.extensionCustomAttributes.forEach((values, i) => {
    strings(row, `ExtensionCustomAttribute${i + 1}`, [...values]);
  });
}

function housekeeping(tenant: Tenant, r: Recipient, row: Row): void {
  date(row, "WhenCreated", r.whenCreated);
  date(row, "WhenChanged", r.whenChanged);
  utcDate(row, "WhenCreatedUTC", r.whenCreated);
  utcDate(row, "WhenChangedUTC", r.whenChanged);
  row.OrganizationId = `${tenant.domainController.split(".").slice(1).join(".")}/Microsoft Exchange Hosted Organizations/${tenant.organization}`;
  row.OriginatingServer = tenant.domainController;
  row.IsValid = true;
  row.ObjectState = "Unchanged";
}

export function mailboxRow(tenant: Tenant, m: MailboxRecord): Row {
  const row: Row = {};
  identityAndAddresses(tenant, m, row);
  guid(row, "ExchangeGuid", m.exchangeGuid);
  guid(row, "ArchiveGuid", ZERO_GUID);
  row.ArchiveStatus = "None";
  row.UserPrincipalName = m.userPrincipalName;
  row.MicrosoftOnlineServicesID = m.userPrincipalName;
  row.WindowsEmailAddress = primarySmtpAddress(m);
  row.IsShared = m.recipientTypeDetails === "SharedMailbox";
  row.IsMailboxEnabled = true;
  row.IsInactiveMailbox = false;
  row.ResourceType =
    m.recipientTypeDetails === "RoomMailbox"
      ? "Room"
      : m.recipientTypeDetails === "EquipmentMailbox"
        ? "Equipment"
        : null;
  row.Office = m.office;
  strings(row, "GrantSendOnBehalfTo", names(tenant, m.grantSendOnBehalfTo));
  row.LitigationHoldEnabled = m.litigationHoldEnabled;
  row.LitigationHoldDuration = m.litigationHoldDuration;
  row.LitigationHoldOwner = m.litigationHoldOwner;
  date(row, "LitigationHoldDate", m.litigationHoldDate);
  row.RetentionComment = m.retentionComment;
  row.RetentionUrl = m.settings.RetentionUrl ?? null;
  row.MessageCopyForSentAsEnabled = m.settings.MessageCopyForSentAsEnabled ?? false;
  row.MessageCopyForSendOnBehalfEnabled = m.settings.MessageCopyForSendOnBehalfEnabled ?? false;
  row.DeliverToMailboxAndForward = m.settings.DeliverToMailboxAndForward ?? false;
  row.ForwardingSmtpAddress = m.settings.ForwardingSmtpAddress ?? null;
  row.ForwardingAddress = null;
  row.ProhibitSendQuota = "99 GB (106,300,440,576 bytes)";
  row.ProhibitSendReceiveQuota = "100 GB (107,374,182,400 bytes)";
  row.RetainDeletedItemsFor = "14.00:00:00";
  row.ExchangeSecurityDescriptor = "System.Security.AccessControl.RawSecurityDescriptor";
  date(row, "WhenMailboxCreated", m.whenCreated);
  for (const [key, value] of Object.entries(m.settings)) row[key] = value;
  housekeeping(tenant, m, row);
  return row;
}

export function groupRow(tenant: Tenant, g: GroupRecord): Row {
  const row: Row = {};
  identityAndAddresses(tenant, g, row);
  row.GroupType = g.securityEnabled ? "Universal, SecurityEnabled" : "Universal";
  strings(row, "ManagedBy", names(tenant, g.managedBy));
  strings(row, "Description", g.description === null ? [] : [g.description]);
  row.MemberJoinRestriction = "Closed";
  row.MemberDepartRestriction = "Closed";
  row.RequireSenderAuthenticationEnabled = true;
  for (const [key, value] of Object.entries(g.settings)) row[key] = value;
  housekeeping(tenant, g, row);
  return row;
}

/** Get-Recipient / Get-DistributionGroupMember rows: the directory view of any recipient. */
export function recipientRow(tenant: Tenant, r: Recipient): Row {
  const row: Row = {};
  identityAndAddresses(tenant, r, row);
  guid(row, "ExchangeGuid", r.kind === "mailbox" ? r.exchangeGuid : ZERO_GUID);
  guid(row, "ArchiveGuid", ZERO_GUID);
  row.ArchiveStatus = "None";
  row.WindowsLiveID = r.kind === "mailbox" ? r.userPrincipalName : "";
  row.FirstName = r.kind === "mailbox" ? r.firstName : "";
  row.LastName = r.kind === "mailbox" ? r.lastName : "";
  row.Department = r.kind === "mailbox" ? r.department : "";
  row.Company = r.kind === "mailbox" ? r.company : "";
  row.City = r.kind === "mailbox" ? r.city : "";
  row.Title = r.kind === "mailbox" ? r.title : "";
  row.Office = r.kind === "mailbox" ? r.office : "";
  row.Manager = null;
  strings(row, "ManagedBy", r.kind === "group" ? names(tenant, r.managedBy) : []);
  row.LitigationHoldEnabled = r.kind === "mailbox" && r.litigationHoldEnabled;
  housekeeping(tenant, r, row);
  return row;
}
