// `$batch`: up to 10 InvokeCommand sub-requests per POST with `odata.continue-on-error`, each carrying the
// full header set (docs/WIRE-PROTOCOL.md, "$batch"). Each sub-result comes back on its own, in input order.
// A transient, throttled or unauthorised sub-request is retried alone as a plain InvokeCommand; a
// sub-response with a nextLink is completed by paging.
import { randomUUID } from "node:crypto";
import { chunked, mapConcurrent } from "../common/concurrency.js";
import type { BatchItemResult, CmdletCall, Row } from "./call.js";
import { parseErrorResponse } from "./errorParser.js";
import { type ExchangeError, InvalidResponseError, isExchangeError, UnauthorizedError } from "./errors.js";
import { type InvokeContext, invokeAll } from "./invoke.js";
import { readPage } from "./page.js";
import { batchHeaders, batchItems, batchUrl } from "./transport/invokeRequest.js";
import { parseJsonBody } from "./transport/responseBody.js";

/** The most sub-requests one `$batch` carries (what the module and CIPP send). */
const maxBatchSize = 10;

export interface BatchContext extends InvokeContext {
  concurrency: number;
}

interface SubResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export async function runBatch(
  context: BatchContext,
  calls: readonly CmdletCall<unknown>[],
): Promise<BatchItemResult<unknown>[]> {
  const results: BatchItemResult<unknown>[] = [];
  for await (const chunkResults of mapConcurrent(chunked(calls, maxBatchSize), context.concurrency, (chunk) =>
    runChunk(context, chunk),
  )) {
    results.push(...chunkResults);
  }
  return results;
}

async function runChunk(
  context: BatchContext,
  calls: CmdletCall<unknown>[],
): Promise<BatchItemResult<unknown>[]> {
  const clientRequestId = randomUUID();
  const items = batchItems(context.connection, calls, clientRequestId);
  const response = await context.send({
    method: "POST",
    url: batchUrl(context.connection),
    headers: batchHeaders(items),
    batch: items,
    kind: "batch",
    label: "$batch",
    clientRequestId,
  });
  const responses = readResponses(parseJsonBody(response.body), clientRequestId);
  const results: BatchItemResult<unknown>[] = [];
  // One at a time: a throttled chunk is retried gently rather than as ten simultaneous requests.
  for (const [index, call] of calls.entries()) {
    results.push(await settle(context, call, responses.get(String(index)), clientRequestId));
  }
  return results;
}

async function settle(
  context: BatchContext,
  call: CmdletCall<unknown>,
  sub: SubResponse | undefined,
  clientRequestId: string,
): Promise<BatchItemResult<unknown>> {
  const fields = { cmdlet: call.cmdlet, clientRequestId };
  try {
    if (!sub) throw new InvalidResponseError(`$batch answered without a response for ${call.cmdlet}`, fields);
    const body = typeof sub.body === "string" ? parseJsonBody(Buffer.from(sub.body)) : sub.body;
    if (sub.status >= 200 && sub.status < 300 && body === undefined) {
      // A gateway page instead of the answer: retried alone, as the transport retries one.
      const error = new InvalidResponseError(
        `Exchange Online answered ${call.cmdlet} with a body that is not JSON`,
        { ...fields, status: sub.status, retryable: true },
      );
      return await retryAlone(context, call, clientRequestId, error);
    }
    if (sub.status >= 200 && sub.status < 300) {
      const page = readPage(body, context.connection.adminApiUrl, { ...fields, status: sub.status });
      if (page.nextLink === undefined)
        return { ok: true, result: { rows: page.rows, warnings: page.warnings } };
      const rest = await invokeAll(context, call, { clientRequestId, nextLink: page.nextLink });
      return {
        ok: true,
        result: {
          rows: [...page.rows, ...(rest.rows as Row[])],
          warnings: [...page.warnings, ...rest.warnings],
        },
      };
    }
    const error = parseErrorResponse({ ...sub, cmdlet: call.cmdlet, clientRequestId });
    if (!error.retryable && !(error instanceof UnauthorizedError)) return { ok: false, error };
    return await retryAlone(context, call, clientRequestId, error);
  } catch (error) {
    if (isExchangeError(error)) return { ok: false, error };
    throw error;
  }
}

/**
 * A failed item is re-sent alone as a plain InvokeCommand (the module's Retry-SingleBatchedRequest) with the
 * attempts it has left: the `$batch` attempt counts as its first. A 401 item goes through the bearer policy's
 * fresh token like any plain request.
 */
async function retryAlone(
  context: BatchContext,
  call: CmdletCall<unknown>,
  clientRequestId: string,
  error: ExchangeError,
): Promise<BatchItemResult<unknown>> {
  const retryOf = error.retryable ? { attempts: 1, error } : undefined;
  return { ok: true, result: await invokeAll(context, call, { clientRequestId, retryOf }) };
}

function readResponses(body: unknown, clientRequestId: string): Map<string, SubResponse> {
  const responses =
    typeof body === "object" && body !== null ? (body as { responses?: unknown }).responses : undefined;
  if (!Array.isArray(responses)) {
    throw new InvalidResponseError("Exchange Online answered $batch without a list of responses", {
      cmdlet: "$batch",
      clientRequestId,
    });
  }
  const byId = new Map<string, SubResponse>();
  for (const item of responses) {
    if (typeof item !== "object" || item === null) continue;
    const { id, status, headers, body: itemBody } = item as Record<string, unknown>;
    byId.set(String(id), { status: Number(status), headers: lowerCaseHeaders(headers), body: itemBody });
  }
  return byId;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof headers !== "object" || headers === null) return result;
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null) result[name.toLowerCase()] = String(value);
  }
  return result;
}
