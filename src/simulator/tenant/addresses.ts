// Proxy-address and naming helpers shared by the model, the cmdlets and the filter evaluator.
import type { Recipient } from "./types.js";

const SMTP_ADDRESS = /^[^\s@:<>()[\]\\,;"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function isSmtpAddress(value: string): boolean {
  return SMTP_ADDRESS.test(value);
}

/** The address part of a proxy ("smtp:a@b" → "a@b"); a bare address is returned unchanged. */
export function proxyAddress(proxy: string): string {
  const colon = proxy.indexOf(":");
  return colon > 0 && !proxy.slice(0, colon).includes("@") ? proxy.slice(colon + 1) : proxy;
}

/** The proxy's prefix ("SMTP", "smtp", "SIP"...), or "" for a bare address. */
export function proxyPrefix(proxy: string): string {
  const colon = proxy.indexOf(":");
  return colon > 0 && !proxy.slice(0, colon).includes("@") ? proxy.slice(0, colon) : "";
}

export function isSmtpProxy(proxy: string): boolean {
  return proxyPrefix(proxy).toLowerCase() === "smtp" || proxyPrefix(proxy) === "";
}

export function primarySmtpAddress(recipient: Recipient): string {
  const primary = recipient.emailAddresses.find((p) => p.startsWith("SMTP:"));
  return primary ? primary.slice(5) : "";
}

/** How test helpers name a recipient: UPN for mailboxes, primary SMTP for groups. */
export function recipientLabel(recipient: Recipient): string {
  return recipient.kind === "mailbox" ? recipient.userPrincipalName : primarySmtpAddress(recipient);
}

/** Alias characters Exchange accepts; anything else is dropped when an alias is derived from a name. */
export function aliasFrom(value: string): string {
  return value.replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, "").replace(/^\.+|\.+$/g, "");
}

export function localPart(address: string): string {
  return address.slice(0, address.lastIndexOf("@"));
}
