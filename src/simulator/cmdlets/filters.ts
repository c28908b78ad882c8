// Filterable properties per cmdlet (docs/EXCHANGE-API.md, 'OPATH filters') and the list-cmdlet flow shared by
// Get-Mailbox, Get-Recipient and Get-DistributionGroup: -Identity or (-Filter, -RecipientTypeDetails), then
// ResultSize.
import { compileFilter, type FilterProperty, type FilterSchema, filterSchema, OpathError } from "../opath.js";
import type { Recipient, Scope, Tenant } from "../tenant/index.js";
import { badEnum, filterError, objectNotFound, unknownParameters } from "./errors.js";
import type { Params } from "./parameters.js";
import { resolveIdentity } from "./resolve.js";
import { listResult } from "./results.js";
import { recipientType, type Selection } from "./rows.js";
import type { CmdletResult, Row } from "./types.js";

const RECIPIENT_TYPE_DETAILS = [
  "UserMailbox",
  "SharedMailbox",
  "RoomMailbox",
  "EquipmentMailbox",
  "LinkedMailbox",
  "SchedulingMailbox",
  "DiscoveryMailbox",
  "TeamMailbox",
  "GroupMailbox",
  "MailUser",
  "GuestMailUser",
  "MailContact",
  "MailUniversalDistributionGroup",
  "MailUniversalSecurityGroup",
  "MailNonUniversalGroup",
  "RoomList",
  "DynamicDistributionGroup",
  "User",
] as const;

const RECIPIENT_TYPES = [
  "UserMailbox",
  "MailUser",
  "MailContact",
  "MailUniversalDistributionGroup",
  "MailUniversalSecurityGroup",
  "MailNonUniversalGroup",
  "DynamicDistributionGroup",
  "User",
] as const;

const DETAILS_TYPE = "Microsoft.Exchange.Data.Directory.Recipient.RecipientTypeDetails";
const ZERO_GUID = "00000000-0000-0000-0000-000000000000";

type P = FilterProperty<Recipient>;
const text = (name: string, get: (r: Recipient) => unknown): P => ({ name, type: "string", get });
const flag = (name: string, get: (r: Recipient) => boolean): P => ({ name, type: "bool", get });
const when = (name: string, get: (r: Recipient) => number): P => ({ name, type: "date", get });
const mailboxText = (name: string, get: (r: Recipient & { kind: "mailbox" }) => string): P =>
  text(name, (r) => (r.kind === "mailbox" ? get(r) : ""));

function common(tenant: Tenant): P[] {
  return [
    text("Alias", (r) => r.alias),
    text("DisplayName", (r) => r.displayName),
    text("Name", (r) => r.name),
    text("DistinguishedName", (r) => tenant.distinguishedName(r)),
    text("ExternalDirectoryObjectId", (r) => r.externalDirectoryObjectId),
    { name: "EmailAddresses", type: "proxies", get: (r) => r.emailAddresses },
    { name: "PrimarySmtpAddress", type: "smtpAddresses", get: (r) => r.emailAddresses },
    {
      name: "RecipientType",
      type: "enum",
      values: RECIPIENT_TYPES,
      typeName: DETAILS_TYPE,
      get: recipientType,
    },
    {
      name: "RecipientTypeDetails",
      type: "enum",
      values: RECIPIENT_TYPE_DETAILS,
      typeName: DETAILS_TYPE,
      get: (r) => r.recipientTypeDetails,
    },
    { name: "Guid", type: "guid", get: (r) => r.guid },
    flag("HiddenFromAddressListsEnabled", (r) => r.hiddenFromAddressListsEnabled),
    flag("IsDirSynced", (r) => r.isDirSynced),
    when("WhenCreated", (r) => r.whenCreated),
    when("WhenChanged", (r) => r.whenChanged),
    when("WhenCreatedUTC", (r) => r.whenCreated),
    when("WhenChangedUTC", (r) => r.whenChanged),
    ...Array.from({ length: 15 }, (_, i) => text(`CustomAttribute${i + 1}`, (r) => r.customAttributes[i])),
    ...Array.from(
      { length: 5 },
      (_, i): P => ({
        name: `ExtensionCustomAttribute${i + 1}`,
        type: "multi",
        get: (r) => r.extensionCustomAttributes[i],
      }),
    ),
  ];
}

function mailboxAndRecipient(): P[] {
  return [
    { name: "ExchangeGuid", type: "guid", get: (r) => (r.kind === "mailbox" ? r.exchangeGuid : ZERO_GUID) },
    { name: "ArchiveGuid", type: "guid", get: () => ZERO_GUID },
    text("ArchiveStatus", () => "None"),
    mailboxText("Office", (m) => m.office),
    flag("LitigationHoldEnabled", (r) => r.kind === "mailbox" && r.litigationHoldEnabled),
  ];
}

export function mailboxFilterSchema(tenant: Tenant): FilterSchema<Recipient> {
  return filterSchema([
    ...common(tenant),
    ...mailboxAndRecipient(),
    mailboxText("UserPrincipalName", (m) => m.userPrincipalName),
    mailboxText(
      "WindowsEmailAddress",
      (m) => m.emailAddresses.find((p) => p.startsWith("SMTP:"))?.slice(5) ?? "",
    ),
    mailboxText("ForwardingSmtpAddress", (m) => String(m.settings.ForwardingSmtpAddress ?? "")),
    flag("IsShared", (r) => r.recipientTypeDetails === "SharedMailbox"),
    flag("IsInactiveMailbox", () => false),
    {
      name: "GrantSendOnBehalfTo",
      type: "multi",
      get: (r) => (r.kind === "mailbox" ? dns(tenant, r.grantSendOnBehalfTo) : []),
    },
  ]);
}

export function recipientFilterSchema(tenant: Tenant): FilterSchema<Recipient> {
  return filterSchema([
    ...common(tenant),
    ...mailboxAndRecipient(),
    mailboxText("Department", (m) => m.department),
    mailboxText("Company", (m) => m.company),
    mailboxText("City", (m) => m.city),
    mailboxText("Title", (m) => m.title),
    mailboxText("FirstName", (m) => m.firstName),
    mailboxText("LastName", (m) => m.lastName),
  ]);
}

export function groupFilterSchema(tenant: Tenant): FilterSchema<Recipient> {
  return filterSchema([
    ...common(tenant),
    { name: "ManagedBy", type: "multi", get: (r) => (r.kind === "group" ? dns(tenant, r.managedBy) : []) },
  ]);
}

/** Link-valued properties filter on the linked object's DistinguishedName, as in Exchange. */
function dns(tenant: Tenant, guids: string[]): string[] {
  return guids.flatMap((g) => {
    const r = tenant.byGuid(g);
    return r ? [tenant.distinguishedName(r)] : [];
  });
}

function recipientTypeDetails(params: Params): Set<string> | undefined {
  const values = params.strings("RecipientTypeDetails");
  if (values === undefined) return undefined;
  return new Set(
    values.map((value) => {
      const match = RECIPIENT_TYPE_DETAILS.find((t) => t.toLowerCase() === value.toLowerCase());
      if (!match) throw badEnum("RecipientTypeDetails", value, `${DETAILS_TYPE}[]`, RECIPIENT_TYPE_DETAILS);
      return match;
    }),
  );
}

function compile(text: string, schema: FilterSchema<Recipient>): (r: Recipient) => boolean {
  try {
    return compileFilter(text, schema);
  } catch (error) {
    if (error instanceof OpathError) throw filterError(error.message);
    throw error;
  }
}

/** Get-Mailbox / Get-Recipient / Get-DistributionGroup. */
export function getRecipients(
  tenant: Tenant,
  params: Params,
  scope: Scope,
  schema: FilterSchema<Recipient>,
  build: (tenant: Tenant, r: Recipient, select?: Selection) => Row,
): CmdletResult {
  const types = recipientTypeDetails(params);
  const identity = params.string("Identity");
  const filter = params.string("Filter");
  if (identity != null) {
    // Identity and Filter belong to different parameter sets.
    if (params.has("Filter")) throw unknownParameters([]);
    const recipient = resolveIdentity(tenant, identity, scope);
    if (types && !types.has(recipient.recipientTypeDetails)) throw objectNotFound(tenant, identity);
    return { rows: [build(tenant, recipient)], warnings: [] };
  }
  const predicate = filter == null ? () => true : compile(filter, schema);
  function* matches() {
    for (const recipient of tenant.list(scope)) {
      if ((!types || types.has(recipient.recipientTypeDetails)) && predicate(recipient)) yield recipient;
    }
  }
  return listResult(matches(), params, (r, select) => build(tenant, r, select));
}
