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

// Rows are built by the thousand for every page of a listing: the annotation keys are made once, not per row.
const dataTypeKeys = new Map<string, string>();
const odataTypeKeys = new Map<string, string>();
const dataType = (key: string) => dataTypeKeys.get(key) ?? remember(dataTypeKeys, key, `${key}@data.type`);
const odataType = (key: string) =>
  odataTypeKeys.get(key) ?? remember(odataTypeKeys, key, `${key}@odata.type`);
const CUSTOM_ATTRIBUTE = Array.from({ length: 15 }, (_, i) => `CustomAttribute${i + 1}`);
const EXTENSION_CUSTOM_ATTRIBUTE = Array.from({ length: 5 }, (_, i) => `ExtensionCustomAttribute${i + 1}`);

function remember(map: Map<string, string>, key: string, value: string): string {
  map.set(key, value);
  return value;
}

function guid(row: Row, key: string, value: string): void {
  row[dataType(key)] = "System.Guid";
  row[odataType(key)] = "#Guid";
  row[key] = value;
}

function strings(row: Row, key: string, values: string[]): void {
  row[odataType(key)] = "#Collection(String)";
  row[key] = values;
}

function date(row: Row, key: string, ms: number | null): void {
  row[dataType(key)] = "System.DateTime";
  row[key] = ms === null ? null : exchangeDate(ms);
}

function utcDate(row: Row, key: string, ms: number): void {
  row[dataType(key)] = "System.DateTime";
  row[key] = exchangeUtcDate(ms);
}

/**
 * The properties a client selected with `$select` (lower case), or undefined for all. Builders skip the
 * sections of a row that hold none of them — a listing page builds 1,000 rows of ~150 properties, and
 * the listings select four — and the server's `$select` trims what remains, so the output is the same.
 */
export type Selection = ReadonlySet<string> | undefined;

/** A part of a row builder; the names it writes are learnt the first time it runs (annotations folded in). */
class Section<R> {
  private names: string[] | undefined;

  constructor(private readonly fill: (tenant: Tenant, r: R, row: Row) => void) {}

  run(tenant: Tenant, r: R, row: Row, select: Selection): void {
    if (this.names === undefined) {
      const probe: Row = {};
      this.fill(tenant, r, probe);
      this.names = [...new Set(Object.keys(probe).map((key) => key.replace(/@.*$/, "").toLowerCase()))];
      Object.assign(row, probe);
      return;
    }
    if (select !== undefined && !this.names.some((name) => select.has(name))) return;
    this.fill(tenant, r, row);
  }
}

/** OrganizationId of a tenant's rows, made once per domain controller and organization. */
const organizationIds = new Map<string, string>();
function organizationId(tenant: Tenant): string {
  const key = `${tenant.domainController}|${tenant.organization}`;
  let id = organizationIds.get(key);
  if (id === undefined) {
    id = `${tenant.domainController.split(".").slice(1).join(".")}/Microsoft Exchange Hosted Organizations/${tenant.organization}`;
    organizationIds.set(key, id);
  }
  return id;
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

const naming = new Section<Recipient>((_tenant, r, row) => {
  row.Identity = r.name;
  row.Id = r.name;
  row.Name = r.name;
  row.Alias = r.alias;
  row.DisplayName = r.displayName;
});
const distinguishedName = new Section<Recipient>((tenant, r, row) => {
  row.DistinguishedName = tenant.distinguishedName(r);
});
const addresses = new Section<Recipient>((_tenant, r, row) => {
  guid(row, "Guid", r.guid);
  guid(row, "ExchangeObjectId", r.guid);
  row.ExternalDirectoryObjectId = r.externalDirectoryObjectId;
  row.PrimarySmtpAddress = primarySmtpAddress(r);
});
const emailAddresses = new Section<Recipient>((_tenant, r, row) => {
  strings(row, "EmailAddresses", [...r.emailAddresses]);
});
const types = new Section<Recipient>((_tenant, r, row) => {
  row.RecipientType = recipientType(r);
  row.RecipientTypeDetails = r.recipientTypeDetails;
  row.HiddenFromAddressListsEnabled = r.hiddenFromAddressListsEnabled;
  row.IsDirSynced = r.isDirSynced;
});
const customAttributes = new Section<Recipient>((_tenant, r, row) => {
  r.customAttributes.forEach((value, i) => {
    row[CUSTOM_ATTRIBUTE[i] ?? `CustomAttribute${i + 1}`] = value;
  });
});
const extensionCustomAttributes = new Section<Recipient>((_tenant, r, row) => {
  r.extensionCustomAttributes.forEach((values, i) => {
    strings(row, EXTENSION_CUSTOM_ATTRIBUTE[i] ?? `ExtensionCustomAttribute${i + 1}`, [...values]);
  });
});

function identityAndAddresses(tenant: Tenant, r: Recipient, row: Row, select: Selection): void {
  for (const section of [
    naming,
    distinguishedName,
    addresses,
    emailAddresses,
    types,
    customAttributes,
    extensionCustomAttributes,
  ]) {
    section.run(tenant, r, row, select);
  }
}

const housekeeping = new Section<Recipient>((tenant, r, row) => {
  date(row, "WhenCreated", r.whenCreated);
  date(row, "WhenChanged", r.whenChanged);
  utcDate(row, "WhenCreatedUTC", r.whenCreated);
  utcDate(row, "WhenChangedUTC", r.whenChanged);
  row.OrganizationId = organizationId(tenant);
  row.OriginatingServer = tenant.domainController;
  row.IsValid = true;
  row.ObjectState = "Unchanged";
});

const mailboxProperties = new Section<MailboxRecord>((tenant, m, row) => {
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
});

export function mailboxRow(tenant: Tenant, m: MailboxRecord, select?: Selection): Row {
  const row: Row = {};
  identityAndAddresses(tenant, m, row, select);
  mailboxProperties.run(tenant, m, row, select);
  for (const [key, value] of Object.entries(m.settings)) row[key] = value;
  housekeeping.run(tenant, m, row, select);
  return row;
}

const groupProperties = new Section<GroupRecord>((tenant, g, row) => {
  row.GroupType = g.securityEnabled ? "Universal, SecurityEnabled" : "Universal";
  strings(row, "ManagedBy", names(tenant, g.managedBy));
  strings(row, "Description", g.description === null ? [] : [g.description]);
  row.MemberJoinRestriction = "Closed";
  row.MemberDepartRestriction = "Closed";
  row.RequireSenderAuthenticationEnabled = true;
});

export function groupRow(tenant: Tenant, g: GroupRecord, select?: Selection): Row {
  const row: Row = {};
  identityAndAddresses(tenant, g, row, select);
  groupProperties.run(tenant, g, row, select);
  for (const [key, value] of Object.entries(g.settings)) row[key] = value;
  housekeeping.run(tenant, g, row, select);
  return row;
}

const directoryProperties = new Section<Recipient>((tenant, r, row) => {
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
});

/** Get-Recipient / Get-DistributionGroupMember rows: the directory view of any recipient. */
export function recipientRow(tenant: Tenant, r: Recipient, select?: Selection): Row {
  const row: Row = {};
  identityAndAddresses(tenant, r, row, select);
  directoryProperties.run(tenant, r, row, select);
  housekeeping.run(tenant, r, row, select);
  return row;
}
