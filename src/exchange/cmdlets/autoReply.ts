// Get/Set-MailboxAutoReplyConfiguration.
import { identityCmdlet, writeCmdlet } from "./declare.js";

/** The values -AutoReplyState takes. */
export const autoReplyStates = ["Enabled", "Disabled", "Scheduled"] as const;
export type AutoReplyState = (typeof autoReplyStates)[number];
/** The values -ExternalAudience takes. */
export const externalAudiences = ["None", "Known", "All"] as const;
export type ExternalAudience = (typeof externalAudiences)[number];

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

export const getAutoReplyConfiguration = identityCmdlet<AutoReplyRow>("Get-MailboxAutoReplyConfiguration");

export const setAutoReplyConfiguration = writeCmdlet<SetAutoReplyParams>("Set-MailboxAutoReplyConfiguration");

export function autoReplyText(message: string | null | undefined): string {
  if (!message) return "";
  const wrapped = /^\s*<html>\s*<body>\s*([\s\S]*?)\s*<\/body>\s*<\/html>\s*$/i.exec(message);
  return wrapped ? (wrapped[1] ?? "") : message;
}
