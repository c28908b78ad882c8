// Get/Set-MailboxAutoReplyConfiguration.
import type { CmdletCall } from "../call.js";
import type { ExchangeClient } from "../client.js";
import { singleRow, type WriteResult, writeResult } from "./common.js";

export type AutoReplyState = "Disabled" | "Enabled" | "Scheduled";
export type ExternalAudience = "None" | "Known" | "All";

export interface AutoReplyRow {
  Identity?: string;
  AutoReplyState?: AutoReplyState;
  /** As Exchange stores it: wrapped in `<html>…<body>…</body></html>`; see autoReplyText(). */
  InternalMessage?: string | null;
  ExternalMessage?: string | null;
  ExternalAudience?: ExternalAudience;
  StartTime?: string;
  EndTime?: string;
  [property: string]: unknown;
}

export interface SetAutoReplyParams {
  Identity: string;
  AutoReplyState?: AutoReplyState;
  InternalMessage?: string;
  ExternalMessage?: string;
  ExternalAudience?: ExternalAudience;
  StartTime?: string;
  EndTime?: string;
}

export async function getAutoReplyConfiguration(
  client: ExchangeClient,
  identity: string,
): Promise<AutoReplyRow> {
  const result = await client.invoke(getAutoReplyConfiguration.asCall(identity));
  return singleRow(result, "Get-MailboxAutoReplyConfiguration", identity);
}
getAutoReplyConfiguration.asCall = (identity: string): CmdletCall<AutoReplyRow> => ({
  cmdlet: "Get-MailboxAutoReplyConfiguration",
  parameters: { Identity: identity },
});

export async function setAutoReplyConfiguration(
  client: ExchangeClient,
  params: SetAutoReplyParams,
): Promise<WriteResult<never>> {
  return writeResult(await client.invoke(setAutoReplyConfiguration.asCall(params)));
}
setAutoReplyConfiguration.asCall = (params: SetAutoReplyParams): CmdletCall<never> => ({
  cmdlet: "Set-MailboxAutoReplyConfiguration",
  parameters: { ...params },
});

/**
 * The text of an auto-reply message as it was set: Exchange returns it wrapped as
 * `<html>\n<body>\n{text}\n</body>\n</html>\n`, and null when empty.
 */
export function autoReplyText(message: string | null | undefined): string {
  if (!message) return "";
  const wrapped = /^\s*<html>\s*<body>\s*([\s\S]*?)\s*<\/body>\s*<\/html>\s*$/i.exec(message);
  return wrapped ? (wrapped[1] ?? "") : message;
}
