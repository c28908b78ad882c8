// InvokeCommand with paging: the same body is re-POSTed to each `@odata.nextLink` (docs/EXCHANGE-API.md,
// 'Paging'), with one client-request-id for the whole logical call.
import { randomUUID } from "node:crypto";
import type { CmdletCall, CmdletResult } from "./call.js";
import { readPage } from "./page.js";
import { type Endpoints, invokeBody, invokeHeaders, invokeUrl } from "./transport/invokeRequest.js";
import type { SendRequest } from "./transport/pipeline.js";
import { parseJsonBody } from "./transport/responseBody.js";

export interface InvokeContext {
  endpoints: Endpoints;
  pageSize: number;
  /** The full pipeline: retry, bearer token, error mapping, HTTPS. */
  send: SendRequest;
}

export interface InvokeOptions {
  /** Keeps the logical call's id when it started elsewhere (a `$batch` sub-request). */
  clientRequestId?: string;
  /** Starts at this page: the rest of a `$batch` sub-response. */
  nextLink?: string;
}

export async function* invokePages<R>(
  context: InvokeContext,
  call: CmdletCall<R>,
  options: InvokeOptions = {},
): AsyncGenerator<CmdletResult<R>> {
  const clientRequestId = options.clientRequestId ?? randomUUID();
  const headers = invokeHeaders({
    call,
    tenant: context.endpoints.tenant,
    clientRequestId,
    pageSize: context.pageSize,
  });
  const body = invokeBody(call);
  let url: string | undefined = options.nextLink ?? invokeUrl(context.endpoints, call.select);
  while (url !== undefined) {
    const response = await context.send({
      method: "POST",
      url,
      headers,
      body,
      kind: "invoke",
      label: call.cmdlet,
      clientRequestId,
    });
    const page = readPage(parseJsonBody(response.body), context.endpoints.adminApiUrl, {
      status: response.status,
      requestId: response.headers["request-id"],
      cmdlet: call.cmdlet,
      clientRequestId,
    });
    url = page.nextLink;
    yield { rows: page.rows as R[], warnings: page.warnings };
  }
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
