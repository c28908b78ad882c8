// The one place that owns request shapes: URLs, headers and bodies of InvokeCommand and `$batch`, as the
// Exchange Online module sends them (docs/WIRE-PROTOCOL.md, "Requests").
import type { CmdletCall } from "../call.js";
import { assertPropertyName } from "../opath.js";

export interface Endpoints {
  /** Origin of the admin API, e.g. `https://outlook.office365.com`. */
  adminApiUrl: string;
  /** Tenant GUID (or verified domain) in the URL path and the routing hint. */
  tenant: string;
}

/** What stays the same for every request of one client: the module's per-connection values. */
export interface Connection extends Endpoints {
  /** One GUID per client, as the module sends one per Connect-ExchangeOnline. */
  connectionId: string;
  /** `odata.maxpagesize` of every InvokeCommand. */
  pageSize: number;
}

/**
 * The routing hint of the connection: the tenant's app-only system mailbox, on every request. The module
 * takes its hint from the connection too; per-mailbox hints (`UPN:<mailbox>`) are sent by nobody we can
 * show working app-only, so none are sent (KelvinTegelaar/CIPP-API New-ExoRequest.ps1 uses this value).
 */
export function connectionAnchor(tenant: string): string {
  return `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${tenant}`;
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

/** `{"CmdletInput":{"CmdletName":…,"Parameters":{…}}}`, as an object (a `$batch` item) or as text. */
export function cmdletInput(call: CmdletCall<unknown>): { CmdletInput: object } {
  return { CmdletInput: { CmdletName: call.cmdlet, Parameters: call.parameters } };
}

export function invokeBody(call: CmdletCall<unknown>): string {
  return JSON.stringify(cmdletInput(call));
}

/**
 * The module's header set (Execute-Command, Populate-Headers), less what only the module may say of itself:
 * - `X-ResponseFormat` is left out, so Exchange answers JSON rather than the module's CLIXML (the captured
 *   JSON-mode 200 in the public Calvindd2f/EXO_PROJECT Burp capture shows JSON mode works);
 * - `X-ClientApplication: ExoManagementModule` and `X-ClientModuleVersion` are left out: this client is not
 *   the module, and direct callers that work (CIPP, ScubaGear) send neither.
 * `Accept-Language` is fixed to en-US: warnings that mean "no change" are recognised by their English text.
 * `Authorization` is added by the bearer-token policy.
 */
export function invokeHeaders(
  connection: Connection,
  call: CmdletCall<unknown>,
  clientRequestId: string,
): Record<string, string> {
  return {
    Accept: "application/json",
    "Accept-Charset": "UTF-8",
    "Accept-Encoding": "gzip",
    "Accept-Language": "en-US",
    "Content-Type": "application/json",
    "X-CmdletName": call.cmdlet,
    "client-request-id": clientRequestId,
    "connection-id": connection.connectionId,
    WarningAction: "",
    "X-AnchorMailbox": connectionAnchor(connection.tenant),
    "X-SerializationLevel": "Partial",
    Prefer: `odata.maxpagesize=${pageSizeOf(connection, call)}`,
  };
}

/** As the module: a ResultSize below the page size asks for that many rows, else the connection's page size. */
function pageSizeOf(connection: Connection, call: CmdletCall<unknown>): number {
  const resultSize = call.parameters.ResultSize;
  return typeof resultSize === "number" && resultSize >= 1 && resultSize < connection.pageSize
    ? resultSize
    : connection.pageSize;
}

/** One `$batch` item before it is signed: the full header set of a plain InvokeCommand. */
export interface BatchItem {
  id: string;
  url: string;
  headers: Record<string, string>;
  body: { CmdletInput: object };
}

export function batchItems(
  connection: Connection,
  calls: readonly CmdletCall<unknown>[],
  clientRequestId: string,
): BatchItem[] {
  return calls.map((call, index) => ({
    id: String(index),
    url: invokeUrl(connection, call.select),
    headers: invokeHeaders(connection, call, clientRequestId),
    body: cmdletInput(call),
  }));
}

/** The outer `$batch` request's headers: the last item's, with `Prefer: odata.continue-on-error` (as the module). */
export function batchHeaders(items: readonly BatchItem[]): Record<string, string> {
  const last = items[items.length - 1];
  return { ...last?.headers, Prefer: "odata.continue-on-error" };
}

/**
 * The `$batch` body, rendered when the request is signed: every item repeats the full header set with the
 * same `Authorization` as the outer request (the service authorises each item by its own headers) and
 * `Prefer: odata.maxpagesize=<n>;odata.continue-on-error`. Item URLs follow the outer request's origin, which
 * differs from the configured one after a regional redirect.
 */
export function batchBody(items: readonly BatchItem[], authorization: string, origin: string): string {
  return JSON.stringify({
    requests: items.map((item) => {
      const url = new URL(item.url);
      return {
        id: item.id,
        method: "POST",
        url: `${origin}${url.pathname}${url.search}`,
        headers: {
          ...item.headers,
          Authorization: authorization,
          Prefer: `${item.headers.Prefer};odata.continue-on-error`,
        },
        body: item.body,
      };
    }),
  });
}
