// InvokeCommand with paging: the same body is re-POSTed to each `@odata.nextLink`, with one
// client-request-id for the whole logical call (docs/WIRE-PROTOCOL.md, "Paging").
import { randomUUID } from "node:crypto";
import type { CmdletCall, CmdletResult } from "./call.js";
import { type ExchangeError, PageExpiredError } from "./errors.js";
import { readPage } from "./page.js";
import { type Connection, invokeBody, invokeHeaders, invokeUrl } from "./transport/invokeRequest.js";
import type { SendRequest } from "./transport/pipeline.js";
import { parseJsonBody } from "./transport/responseBody.js";

export interface InvokeContext {
  connection: Connection;
  /** The full pipeline: retry, bearer token, error mapping, redirect, HTTPS. */
  send: SendRequest;
}

export interface InvokeOptions {
  /** Keeps the logical call's id when it started elsewhere (a `$batch` sub-request). */
  clientRequestId?: string;
  /** Starts at this page: the rest of a `$batch` sub-response. */
  nextLink?: string;
  /** The call already failed once inside a `$batch` (see HttpRequest.retryOf). */
  retryOf?: { attempts: number; error: ExchangeError };
}

/**
 * Yields each page. When a later page's continuation has expired (400 "Expired or Invalid pagination
 * request"), the listing starts again once from its first page and skips the rows already yielded; a second
 * expiry fails with PageExpiredError.
 */
export async function* invokePages<R>(
  context: InvokeContext,
  call: CmdletCall<R>,
  options: InvokeOptions = {},
): AsyncGenerator<CmdletResult<R>> {
  const clientRequestId = options.clientRequestId ?? randomUUID();
  let yielded = 0;
  let restarted = false;
  let url: string | undefined = options.nextLink ?? invokeUrl(context.connection, call.select);
  let retryOf = options.retryOf;
  let skip = 0;
  while (url !== undefined) {
    let page: { rows: unknown[]; warnings: string[]; nextLink?: string };
    try {
      page = await fetchPage(context, call, url, clientRequestId, retryOf);
    } catch (error) {
      if (!(error instanceof PageExpiredError) || restarted || options.nextLink !== undefined) throw error;
      restarted = true;
      skip = yielded;
      url = invokeUrl(context.connection, call.select);
      continue;
    }
    retryOf = undefined;
    url = page.nextLink;
    const rows = skip > 0 ? page.rows.slice(skip) : page.rows;
    skip = Math.max(0, skip - page.rows.length);
    yielded += rows.length;
    yield { rows: rows as R[], warnings: page.warnings };
  }
}

async function fetchPage(
  context: InvokeContext,
  call: CmdletCall<unknown>,
  url: string,
  clientRequestId: string,
  retryOf: InvokeOptions["retryOf"],
) {
  const response = await context.send({
    method: "POST",
    url,
    headers: invokeHeaders(context.connection, call, clientRequestId),
    body: invokeBody(call),
    kind: "invoke",
    label: call.cmdlet,
    clientRequestId,
    retryOf,
  });
  return readPage(parseJsonBody(response.body), context.connection.adminApiUrl, {
    status: response.status,
    requestId: response.headers["request-id"],
    cmdlet: call.cmdlet,
    clientRequestId,
  });
}

export async function invokeAll<R>(
  context: InvokeContext,
  call: CmdletCall<R>,
  options: InvokeOptions = {},
): Promise<CmdletResult<R>> {
  const result: CmdletResult<R> = { rows: [], warnings: [] };
  for await (const page of invokePages(context, call, options)) {
    result.rows.push(...page.rows);
    result.warnings.push(...page.warnings);
  }
  return result;
}
