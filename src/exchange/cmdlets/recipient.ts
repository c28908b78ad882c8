// Get-Recipient: mailboxes and groups alike.
import type { CmdletCall } from "../call.js";
import type { ExchangeClient } from "../client.js";
import type { OpathFilter } from "../opath.js";
import {
  type CustomAttributes,
  orNull,
  type ReadOptions,
  type RecipientTypeDetails,
  type ResultSize,
  singleRow,
} from "./common.js";

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

export async function getRecipient(
  client: ExchangeClient,
  identity: string,
  options: ReadOptions = {},
): Promise<RecipientRow> {
  return singleRow(await client.invoke(getRecipient.asCall(identity, options)), "Get-Recipient", identity);
}
getRecipient.asCall = (identity: string, options: ReadOptions = {}): CmdletCall<RecipientRow> => ({
  cmdlet: "Get-Recipient",
  parameters: { Identity: identity },
  select: options.select,
});

export function findRecipient(
  client: ExchangeClient,
  identity: string,
  options: ReadOptions = {},
): Promise<RecipientRow | null> {
  return orNull(getRecipient(client, identity, options));
}

export function listRecipients(
  client: ExchangeClient,
  params: ListRecipientsParams = {},
  options: ReadOptions = {},
): AsyncIterable<RecipientRow> {
  return client.rows(listRecipients.asCall(params, options));
}
listRecipients.asCall = (
  params: ListRecipientsParams = {},
  options: ReadOptions = {},
): CmdletCall<RecipientRow> => ({
  cmdlet: "Get-Recipient",
  parameters: { ResultSize: "Unlimited", ...params },
  select: options.select,
});
