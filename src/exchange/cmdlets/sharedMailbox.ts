// New-Mailbox -Shared.
import { createCmdlet } from "./declare.js";
import type { MailboxRow } from "./mailbox.js";

export interface NewSharedMailboxParams {
  Name: string;
  DisplayName?: string;
  Alias?: string;
  PrimarySmtpAddress?: string;
}

/** Creates a shared mailbox; a taken name or address → AlreadyExistsError. */
export const newSharedMailbox = createCmdlet<NewSharedMailboxParams, MailboxRow>("New-Mailbox", (params) => ({
  Shared: true,
  ...params,
}));
