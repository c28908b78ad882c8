// The tenant's stored records. They are plain JSON (no undefined, no Dates, no Maps) so that
// `toState()`/`fromState()` round-trip exactly and a tenant can be saved to and loaded from a file.

export type MailboxTypeDetails = "UserMailbox" | "SharedMailbox" | "RoomMailbox" | "EquipmentMailbox";
export type GroupTypeDetails = "MailUniversalDistributionGroup" | "MailUniversalSecurityGroup" | "RoomList";

/** A FullAccess-style mailbox ACE granted explicitly; system entries are synthesized on output. */
export interface MailboxAce {
  /** Guid of the trustee recipient; if it no longer exists the ACE shows as an orphaned SID, like Exchange. */
  trustee: string;
  accessRights: string[];
  deny: boolean;
  inheritanceType: string;
  autoMapping: boolean;
}

/** One folder permission entry; user is "Default", "Anonymous" or a recipient Guid. */
export interface FolderAce {
  user: string;
  accessRights: string[];
}

export interface AutoReplyConfig {
  autoReplyState: "Disabled" | "Enabled" | "Scheduled";
  /** Stored HTML-wrapped as Exchange does; null when empty. */
  internalMessage: string | null;
  externalMessage: string | null;
  externalAudience: "None" | "Known" | "All";
  startTime: string;
  endTime: string;
}

export interface RegionalConfig {
  language: string;
  dateFormat: string;
  timeFormat: string;
  timeZone: string;
}

interface RecipientBase {
  guid: string;
  externalDirectoryObjectId: string;
  name: string;
  alias: string;
  displayName: string;
  /** Proxy addresses with prefix; exactly one upper-case `SMTP:` (the primary). */
  emailAddresses: string[];
  hiddenFromAddressListsEnabled: boolean;
  /** CustomAttribute1..15 at index 0..14; "" when unset (Exchange returns an empty string). */
  customAttributes: string[];
  /** ExtensionCustomAttribute1..5 at index 0..4 (multi-valued). */
  extensionCustomAttributes: string[][];
  isDirSynced: boolean;
  /** Guids of SendAs trustees (Add-RecipientPermission). */
  sendAs: string[];
  whenCreated: number;
  whenChanged: number;
  /** Set only for objects created through New-*: start of the replication-delay window. */
  createdByCmdletAt: number | null;
}

export interface MailboxRecord extends RecipientBase {
  kind: "mailbox";
  recipientTypeDetails: MailboxTypeDetails;
  exchangeGuid: string;
  userPrincipalName: string;
  firstName: string;
  lastName: string;
  department: string;
  company: string;
  city: string;
  title: string;
  office: string;
  /** Guids of recipients in GrantSendOnBehalfTo. */
  grantSendOnBehalfTo: string[];
  fullAccess: MailboxAce[];
  litigationHoldEnabled: boolean;
  litigationHoldDuration: string;
  litigationHoldOwner: string | null;
  litigationHoldDate: number | null;
  retentionComment: string | null;
  autoReply: AutoReplyConfig;
  regional: RegionalConfig;
  /** Language the default folders are named in (changed by LocalizeDefaultFolderName). */
  folderLanguage: string;
  /** Folder permission entries by folder type; a folder type absent here has its default entries. */
  folderPermissions: Record<string, FolderAce[]>;
  /** Other plain Set-Mailbox properties (MessageCopyForSentAsEnabled, ForwardingSmtpAddress, ...). */
  settings: Record<string, string | number | boolean | null>;
}

export interface GroupRecord extends RecipientBase {
  kind: "group";
  recipientTypeDetails: GroupTypeDetails;
  securityEnabled: boolean;
  members: string[];
  managedBy: string[];
  description: string | null;
  settings: Record<string, string | number | boolean | null>;
}

export type Recipient = MailboxRecord | GroupRecord;

export interface TenantState {
  version: 1;
  tenantId: string;
  organization: string;
  acceptedDomains: string[];
  defaultDomain: string;
  domainController: string;
  /** Display name written as LitigationHoldOwner when the caller does not name one. */
  adminDisplayName: string;
  replicationDelayMs: number;
  recipients: Recipient[];
}
