// The properties every recipient row has, mailboxes and groups alike.
import type { CustomAttributes } from "./common.js";

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
