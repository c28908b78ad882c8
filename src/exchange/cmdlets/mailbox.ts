// Get-Mailbox (by identity, by filter, every page) and Set-Mailbox.
import type { OpathFilter } from "../opath.js";
import type { CustomAttributes, GenericHashTable, RecipientTypeDetails, ResultSize } from "./common.js";
import { writeCmdlet } from "./declare.js";
import { identityReaders } from "./readers.js";

/** A Get-Mailbox row. Properties are optional because `$select` returns only those asked for. */
export type MailboxRow = CustomAttributes & {
  Guid?: string;
  ExchangeGuid?: string;
  ExternalDirectoryObjectId?: string;
  Identity?: string;
  Name?: string;
  Alias?: string;
  DisplayName?: string;
  UserPrincipalName?: string;
  PrimarySmtpAddress?: string;
  WindowsEmailAddress?: string;
  /** Proxy addresses; the primary is the one with upper-case `SMTP:`. */
  EmailAddresses?: string[];
  RecipientType?: string;
  RecipientTypeDetails?: string;
  HiddenFromAddressListsEnabled?: boolean;
  Office?: string | null;
  Department?: string | null;
  /** Names of the recipients with send-on-behalf rights. */
  GrantSendOnBehalfTo?: string[];
  LitigationHoldEnabled?: boolean;
  /** "Unlimited" or a TimeSpan such as "365.00:00:00". */
  LitigationHoldDuration?: string | null;
  LitigationHoldOwner?: string | null;
  LitigationHoldDate?: string | null;
  RetentionComment?: string | null;
  IsDirSynced?: boolean;
  IsShared?: boolean;
  WhenCreated?: string;
  WhenChanged?: string;
  DistinguishedName?: string;
  [property: string]: unknown;
};

export interface ListMailboxesParams {
  Filter?: OpathFilter;
  RecipientTypeDetails?: RecipientTypeDetails | RecipientTypeDetails[];
  /** Default "Unlimited": every page. */
  ResultSize?: ResultSize;
}

export type SetMailboxParams = CustomAttributes & {
  Identity: string;
  HiddenFromAddressListsEnabled?: boolean;
  /** An array replaces every address (exactly one `SMTP:` primary); `addRemove()` changes some. */
  EmailAddresses?: string[] | GenericHashTable;
  GrantSendOnBehalfTo?: string[] | GenericHashTable;
  LitigationHoldEnabled?: boolean;
  /** Days, or "Unlimited". */
  LitigationHoldDuration?: number | string;
  LitigationHoldOwner?: string;
  RetentionComment?: string;
  Office?: string | null;
  DisplayName?: string;
  Type?: "Regular" | "Shared" | "Room" | "Equipment";
  /** Any other Set-Mailbox parameter. */
  [parameter: string]: unknown;
};

const mailboxReaders = identityReaders<MailboxRow, ListMailboxesParams>("Get-Mailbox");

/** The mailbox `identity` names (Guid, UPN, address, alias, name…); NotFoundError when there is none. */
export const getMailbox = mailboxReaders.get;
/** Like getMailbox, but null when the mailbox does not exist. */
export const findMailbox = mailboxReaders.find;
/** Every mailbox matching the parameters, streamed page by page. */
export const listMailboxes = mailboxReaders.list;

export const setMailbox = writeCmdlet<SetMailboxParams>("Set-Mailbox");
