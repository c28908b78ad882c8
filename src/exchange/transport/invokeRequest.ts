// URLs, headers and body of InvokeCommand and `$batch` requests
// (docs/EXCHANGE-API.md, 'InvokeCommand request', '$batch').
import type { CmdletCall } from "../call.js";
import { assertPropertyName } from "../opath.js";

export interface Endpoints {
  /** Origin of the admin API, e.g. `https://outlook.office365.com`. */
  adminApiUrl: string;
  /** Tenant GUID (or verified domain) in the URL path and the anchor. */
  tenant: string;
}

/** The app-only system mailbox production callers anchor org-level calls on. */
const systemMailbox = "SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}";

/** `UPN:<mailbox>` when the call names one mailbox by address, else the tenant's system mailbox. */
export function anchorMailbox(tenant: string, mailbox: string | undefined): string {
  if (mailbox && /^[\x21-\x7e]+@[\x21-\x7e]+$/.test(mailbox)) return `UPN:${mailbox}`;
  return `APP:${systemMailbox}@${tenant}`;
}

function base(endpoints: Endpoints): string {
  return `${endpoints.adminApiUrl}/adminapi/beta/${encodeURIComponent(endpoints.tenant)}`;
}

export function invokeUrl(endpoints: Endpoints, select: readonly string[] | undefined): string {
  if (!select || select.length === 0) return `${base(endpoints)}/InvokeCommand`;
  for (const property of select) assertPropertyName(property);
  return `${base(endpoints)}/InvokeCommand?$select=${select.join(",")}`;
}

export function batchUrl(endpoints: Endpoints): string {
  return `${base(endpoints)}/$batch`;
}

export function invokeBody(call: CmdletCall<unknown>): string {
  return JSON.stringify({ CmdletInput: { CmdletName: call.cmdlet, Parameters: call.parameters } });
}

export interface InvokeHeaderOptions {
  call: CmdletCall<unknown>;
  tenant: string;
  clientRequestId: string;
  pageSize: number;
}

export function invokeHeaders({
  call,
  tenant,
  clientRequestId,
  pageSize,
}: InvokeHeaderOptions): Record<string, string> {
  return {
    "Content-Type": "application/json",
    Accept: "application/json",
    "Accept-Encoding": "identity",
    "X-AnchorMailbox": anchorMailbox(tenant, call.anchorMailbox),
    "X-CmdletName": call.cmdlet,
    "client-request-id": clientRequestId,
    Prefer: `odata.maxpagesize=${pageSize}`,
  };
}
