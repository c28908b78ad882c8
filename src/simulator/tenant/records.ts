// Builds complete mailbox and group records from partial seeds, filling in what Exchange would
// (alias from name, primary SMTP in the default domain, onmicrosoft proxy, regional defaults...).
import { aliasFrom, localPart } from "./addresses.js";
import { languageFormats } from "./locale.js";
import type { GroupRecord, GroupTypeDetails, MailboxRecord, MailboxTypeDetails } from "./types.js";

export interface RecipientSeed {
  guid?: string;
  externalDirectoryObjectId?: string;
  name?: string;
  alias?: string;
  displayName?: string;
  primarySmtpAddress?: string;
  /** Full proxy list with prefixes; must hold exactly one `SMTP:`. Overrides primarySmtpAddress. */
  emailAddresses?: string[];
  hiddenFromAddressListsEnabled?: boolean;
  isDirSynced?: boolean;
  /** CustomAttributeN values keyed by N (1..15). */
  customAttributes?: Record<number, string>;
  /** ExtensionCustomAttributeN values keyed by N (1..5). */
  extensionCustomAttributes?: Record<number, string[]>;
}

export interface MailboxSeed extends RecipientSeed {
  exchangeGuid?: string;
  userPrincipalName?: string;
  firstName?: string;
  lastName?: string;
  department?: string;
  company?: string;
  city?: string;
  title?: string;
  office?: string;
  /** A language tag the model knows (see locale.ts); default "en-US". Default folders are named in it. */
  language?: string;
  timeZone?: string;
  litigationHoldEnabled?: boolean;
}

export interface GroupSeed extends RecipientSeed {
  type?: "Distribution" | "Security";
  roomList?: boolean;
  description?: string;
}

/** What a record factory needs from the tenant. */
export interface RecordContext {
  organization: string;
  defaultDomain: string;
  now(): number;
  newGuid(): string;
}

const HOUR = 3_600_000;

function customAttributes(values: Record<number, string> = {}): string[] {
  return Array.from({ length: 15 }, (_, i) => values[i + 1] ?? "");
}

function extensionAttributes(values: Record<number, string[]> = {}): string[][] {
  return Array.from({ length: 5 }, (_, i) => [...(values[i + 1] ?? [])]);
}

function addressList(ctx: RecordContext, primary: string, alias: string): string[] {
  const onMicrosoft = `${alias}@${ctx.organization}`;
  return primary.toLowerCase() === onMicrosoft.toLowerCase()
    ? [`SMTP:${primary}`]
    : [`SMTP:${primary}`, `smtp:${onMicrosoft}`];
}

function names(seed: RecipientSeed & { userPrincipalName?: string }) {
  const address = seed.userPrincipalName ?? seed.primarySmtpAddress;
  const name = seed.name ?? seed.displayName ?? (address ? localPart(address) : seed.alias);
  if (!name) throw new Error("a recipient needs a name, alias, display name or address");
  const alias = seed.alias ?? aliasFrom(address ? localPart(address) : name);
  return { name, alias, displayName: seed.displayName ?? name };
}

function base(ctx: RecordContext, seed: RecipientSeed, primary: string, alias: string) {
  const now = ctx.now();
  const guid = (seed.guid ?? ctx.newGuid()).toLowerCase();
  return {
    guid,
    externalDirectoryObjectId: (seed.externalDirectoryObjectId ?? ctx.newGuid()).toLowerCase(),
    emailAddresses: seed.emailAddresses ? [...seed.emailAddresses] : addressList(ctx, primary, alias),
    hiddenFromAddressListsEnabled: seed.hiddenFromAddressListsEnabled ?? false,
    customAttributes: customAttributes(seed.customAttributes),
    extensionCustomAttributes: extensionAttributes(seed.extensionCustomAttributes),
    isDirSynced: seed.isDirSynced ?? false,
    sendAs: [],
    whenCreated: now,
    whenChanged: now,
    createdByCmdletAt: null,
  };
}

export function mailboxRecord(
  ctx: RecordContext,
  type: MailboxTypeDetails,
  seed: MailboxSeed,
): MailboxRecord {
  const { name, alias, displayName } = names(seed);
  const fromList = seed.emailAddresses?.find((p) => p.startsWith("SMTP:"))?.slice(5);
  const primary =
    fromList ?? seed.primarySmtpAddress ?? seed.userPrincipalName ?? `${alias}@${ctx.defaultDomain}`;
  const language = seed.language ?? "en-US";
  const formats = languageFormats(language);
  const start = Math.floor(ctx.now() / HOUR) * HOUR;
  return {
    kind: "mailbox",
    recipientTypeDetails: type,
    ...base(ctx, seed, primary, alias),
    name,
    alias,
    displayName,
    exchangeGuid: (seed.exchangeGuid ?? ctx.newGuid()).toLowerCase(),
    userPrincipalName: seed.userPrincipalName ?? primary,
    firstName: seed.firstName ?? "",
    lastName: seed.lastName ?? "",
    department: seed.department ?? "",
    company: seed.company ?? "",
    city: seed.city ?? "",
    title: seed.title ?? "",
    office: seed.office ?? "",
    grantSendOnBehalfTo: [],
    fullAccess: [],
    litigationHoldEnabled: seed.litigationHoldEnabled ?? false,
    litigationHoldDuration: "Unlimited",
    litigationHoldOwner: null,
    litigationHoldDate: null,
    retentionComment: null,
    autoReply: {
      autoReplyState: "Disabled",
      internalMessage: null,
      externalMessage: null,
      externalAudience: "All",
      startTime: new Date(start).toISOString(),
      endTime: new Date(start + 24 * HOUR).toISOString(),
    },
    regional: {
      language,
      dateFormat: formats.dateFormats[0] as string,
      timeFormat: formats.timeFormats[0] as string,
      timeZone: seed.timeZone ?? "W. Europe Standard Time",
    },
    folderLanguage: language,
    folderPermissions: {},
    settings: {},
  };
}

export function groupRecord(ctx: RecordContext, seed: GroupSeed): GroupRecord {
  const { name, alias, displayName } = names(seed);
  const fromList = seed.emailAddresses?.find((p) => p.startsWith("SMTP:"))?.slice(5);
  const primary = fromList ?? seed.primarySmtpAddress ?? `${alias}@${ctx.defaultDomain}`;
  const securityEnabled = seed.type === "Security";
  const type: GroupTypeDetails = seed.roomList
    ? "RoomList"
    : securityEnabled
      ? "MailUniversalSecurityGroup"
      : "MailUniversalDistributionGroup";
  return {
    kind: "group",
    recipientTypeDetails: type,
    ...base(ctx, seed, primary, alias),
    name,
    alias,
    displayName,
    securityEnabled,
    members: [],
    managedBy: [],
    description: seed.description ?? null,
    settings: {},
  };
}
