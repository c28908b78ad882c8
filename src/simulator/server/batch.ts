// OData JSON `$batch` (docs/EXCHANGE-API.md, '$batch'): up to 10 InvokeCommand sub-requests, run in order,
// each answered with its own status inside one 200 (`odata.continue-on-error`). Sub-requests go through the
// same path as single calls, faults and paging included; a connection reset drops the whole batch, as it
// would on the wire.
import { randomUUID } from "node:crypto";
import { authenticate } from "./bearer.js";
import type { ServerState } from "./context.js";
import {
  ODATA_JSON_CONTENT_TYPE,
  type Outcome,
  protocolErrorReply,
  type Reply,
  unauthorizedReply,
} from "./envelopes.js";
import { isJsonContentType, isJsonObject, normalizeHeaders } from "./https.js";
import { invokeCommand } from "./invoke.js";
import type { RequestLogEntry } from "./requestLog.js";

const MAX_REQUESTS = 10;
const INVOKE_PATH = /^\/adminapi\/beta\/([^/]+)\/InvokeCommand$/i;

export interface BatchRequest {
  origin: string;
  urlTenant: string;
  headers: Record<string, string>;
  body: string;
}

interface BatchItem {
  id: string;
  method: string;
  url: string;
  /** `url` resolved against the service root (sub-request URLs may be relative). */
  target: URL;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export async function batch(state: ServerState, request: BatchRequest): Promise<Outcome> {
  const auth = authenticate(state, request.headers.authorization, request.urlTenant);
  if (!auth.ok) return unauthorizedReply(auth.reason, request.origin);
  if (!isJsonContentType(request.headers["content-type"])) {
    return protocolErrorReply(415, "A JSON batch must be sent as Content-Type: application/json.");
  }
  const items = parseBatch(request.body, `${request.origin}/adminapi/beta/${request.urlTenant}/`);
  if (typeof items === "string") return protocolErrorReply(400, items);

  const responses: SubResponse[] = [];
  for (const item of items) {
    const startedAt = performance.now();
    const entry = state.log.begin("batch-item", item.method, item.target.pathname + item.target.search);
    entry.batchItemId = item.id;
    const outcome = await runItem(state, request, item, entry);
    if (outcome === "reset") {
      state.log.finish(entry, 0, startedAt);
      return "reset";
    }
    state.log.finish(entry, outcome.status, startedAt);
    responses.push(subResponse(item.id, outcome));
  }
  return {
    status: 200,
    headers: {
      "Content-Type": ODATA_JSON_CONTENT_TYPE,
      "OData-Version": "4.0",
      "request-id": randomUUID(),
    },
    body: { responses },
  };
}

function runItem(
  state: ServerState,
  request: BatchRequest,
  item: BatchItem,
  entry: RequestLogEntry,
): Promise<Outcome> | Reply {
  const { target } = item;
  const path = INVOKE_PATH.exec(target.pathname);
  if (target.origin !== request.origin) {
    return protocolErrorReply(400, `The batch item URL '${item.url}' is not on this service.`);
  }
  if (!path?.[1]) return protocolErrorReply(404, `No route for '${target.pathname}' in a batch.`);
  if (path[1].toLowerCase() !== request.urlTenant.toLowerCase()) {
    return protocolErrorReply(400, "A batch item must address the same tenant as the batch.");
  }
  if (item.method !== "POST") {
    return protocolErrorReply(405, `The method '${item.method}' is not allowed here; use POST.`);
  }
  return invokeCommand(state, {
    kind: "batch-item",
    origin: request.origin,
    urlTenant: path[1],
    pathname: target.pathname,
    query: target.searchParams,
    // Each sub-request is authorised by its own headers, never by the batch's: every public caller, the
    // Exchange module included, repeats Authorization in each sub-request, so one without it answers 401.
    headers: item.headers,
    body: JSON.stringify(item.body),
    entry,
  });
}

/** Raw bytes (the 403 NUL body) cannot be JSON; they travel as a string, as OData does for non-JSON bodies. */
function subResponse(id: string, reply: Reply): SubResponse {
  const body = Buffer.isBuffer(reply.body) ? reply.body.toString("latin1") : reply.body;
  return { id, status: reply.status, headers: reply.headers, ...(body === undefined ? {} : { body }) };
}

/** The items, or why the batch as a whole is malformed (then nothing runs). */
function parseBatch(text: string, serviceRoot: string): BatchItem[] | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return `The batch body is not valid JSON: ${(error as Error).message}`;
  }
  if (!isJsonObject(body) || !Array.isArray(body.requests)) {
    return "The batch body must be an object with a 'requests' array.";
  }
  if (body.requests.length === 0) return "The batch contains no requests.";
  if (body.requests.length > MAX_REQUESTS) {
    return `The batch contains ${body.requests.length} requests; at most ${MAX_REQUESTS} are allowed.`;
  }
  const items: BatchItem[] = [];
  for (const [index, raw] of body.requests.entries()) {
    if (!isJsonObject(raw)) return `Batch request ${index} is not an object.`;
    const { id, method, url, headers, body: itemBody } = raw;
    if (typeof id !== "string" || id === "") return `Batch request ${index} has no string 'id'.`;
    if (items.some((item) => item.id === id)) return `Batch request id '${id}' is used twice.`;
    if (typeof method !== "string" || typeof url !== "string") {
      return `Batch request '${id}' needs a string 'method' and 'url'.`;
    }
    if (headers !== undefined && !isJsonObject(headers)) {
      return `Batch request '${id}' has 'headers' that are not an object.`;
    }
    if (!isJsonObject(itemBody)) {
      return `Batch request '${id}' needs a JSON object 'body' (inline, not a string).`;
    }
    let target: URL;
    try {
      target = new URL(url, serviceRoot);
    } catch {
      return `Batch request '${id}' has an invalid 'url'.`;
    }
    items.push({ id, method, url, target, headers: normalizeHeaders(headers ?? {}), body: itemBody });
  }
  return items;
}
