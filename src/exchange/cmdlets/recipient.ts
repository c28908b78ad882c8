// Get-Recipient: mailboxes and groups alike.
import type { OpathFilter } from "../opath.js";
import type { CustomAttributes, RecipientTypeDetails, ResultSize } from "./common.js";
import { identityReaders } from "./readers.js";

export type RecipientRow = CustomAttributes & {
  Guid?: string;
  ExternalDirectoryObjectId?: string;
  Identity?: string;
  Name?: string;
  Alias?: string;
  DisplayName?: string;
  PrimarySmtpAddress?: string;
  EmailAddresses?: string[];
  RecipientType?: string;
  RecipientTypeDetails?: string;
  IsDirSynced?: boolean;
  HiddenFromAddressListsEnabled?: boolean;
  [property: string]: unknown;
};

export interface ListRecipientsParams {
  Filter?: OpathFilter;
  RecipientTypeDetails?: RecipientTypeDetails | RecipientTypeDetails[];
  /** Default "Unlimited": every page. */
  ResultSize?: ResultSize;
}

const recipientReaders = identityReaders<RecipientRow, ListRecipientsParams>("Get-Recipient");

/** The recipient `identity` names; NotFoundError when there is none. */
export const getRecipient = recipientReaders.get;
/** Like getRecipient, but null when the recipient does not exist. */
export const findRecipient = recipientReaders.find;
/** Every recipient matching the parameters, streamed page by page. */
export const listRecipients = recipientReaders.list;
