// New-Mailbox -Shared.
import type { CmdletCall } from "../call.js";
import type { ExchangeClient } from "../client.js";
import { singleRow } from "./common.js";
import type { MailboxRow } from "./mailbox.js";

export interface NewSharedMailboxParams {
  Name: string;
  DisplayName?: string;
  Alias?: string;
  PrimarySmtpAddress?: string;
}

/** Creates a shared mailbox; a taken name or address → AlreadyExistsError. */
export async function newSharedMailbox(
  client: ExchangeClient,
  params: NewSharedMailboxParams,
): Promise<MailboxRow> {
  return singleRow(await client.invoke(newSharedMailbox.asCall(params)), "New-Mailbox", params.Name);
}
newSharedMailbox.asCall = (params: NewSharedMailboxParams): CmdletCall<MailboxRow> => ({
  cmdlet: "New-Mailbox",
  parameters: { Shared: true, ...params },
});
