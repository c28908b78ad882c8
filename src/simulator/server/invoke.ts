// InvokeCommand: one cmdlet call, whether it arrived alone or as a `$batch` item. Order of checks follows
// the service's layers: gateway faults, bearer token (401), OData request parsing (400), RBAC (403), cmdlet.
import { randomUUID } from "node:crypto";
import { MORE_RESULTS } from "../cmdlets/results.js";
import { CmdletError } from "../cmdlets/types.js";
import { authenticate } from "./bearer.js";
import { type CmdletInput, type InvalidCmdletInput, parseCmdletInput } from "./cmdletInput.js";
import { type RegisteredApp, roleGrants, type ServerState } from "./context.js";
import {
  cmdletErrorReply,
  forbiddenReply,
  type Outcome,
  pageRefusedReply,
  protocolErrorReply,
  type Reply,
  successReply,
  unauthorizedReply,
} from "./envelopes.js";
import { runWithFault } from "./faults.js";
import { isJsonContentType } from "./https.js";
import { applySelect, type Page, parseMaxPageSize, parseSelect } from "./paging.js";
import type { RequestLogEntry } from "./requestLog.js";

export interface InvokeRequest {
  kind: "invoke" | "batch-item";
  /** Scheme, host and port the client addressed; links in answers point there. */
  origin: string;
  urlTenant: string;
  /** Path of the InvokeCommand URL, reused for `@odata.nextLink`. */
  pathname: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  entry: RequestLogEntry;
}

const ALLOWED_QUERY_OPTIONS = new Set(["$select", "$skiptoken"]);

export async function invokeCommand(state: ServerState, request: InvokeRequest): Promise<Outcome> {
  const { entry, headers } = request;
  const input = parseCmdletInput(request.body);
  const cmdlet = "cmdlet" in input ? input.cmdlet : undefined;
  entry.clientRequestId = headers["client-request-id"];
  entry.anchorMailbox = headers["x-anchormailbox"];
  entry.headers = { ...headers, authorization: headers.authorization ? "(present)" : "(absent)" };
  if (cmdlet !== undefined) {
    entry.cmdlet = cmdlet;
    entry.isWrite = state.engine.isWrite(cmdlet);
  }
  if ("parameters" in input) entry.parameters = input.parameters;

  const fault = state.faults.take(request.kind, cmdlet, request.query.has("$skiptoken"));
  if (fault) entry.fault = fault.type;
  let app: RegisteredApp | undefined;
  const path = `${request.pathname}${request.query.size > 0 ? `?${request.query}` : ""}`;
  const faulted = { origin: request.origin, path, cmdlet };
  const outcome = await runWithFault(fault, faulted, () => {
    const auth = authenticate(state, headers.authorization, request.urlTenant);
    if (!auth.ok) return unauthorizedReply(auth.reason, request.origin);
    app = auth.app;
    return execute(state, request, input, auth.app);
  });
  return outcome === "reset" ? outcome : withExchangeHeaders(state, outcome, app);
}

function execute(
  state: ServerState,
  request: InvokeRequest,
  input: CmdletInput | InvalidCmdletInput,
  app: RegisteredApp,
): Reply {
  const { headers, query } = request;
  if (request.kind === "invoke" && !isJsonContentType(headers["content-type"])) {
    return protocolErrorReply(415, "The request body must be sent as Content-Type: application/json.");
  }
  const format = headers["x-responseformat"];
  if (format !== undefined && format.toLowerCase() !== "json") {
    return protocolErrorReply(
      400,
      `X-ResponseFormat '${format}' is not supported by the simulator; use json.`,
    );
  }
  const unknownOption = [...query.keys()].find((key) => !ALLOWED_QUERY_OPTIONS.has(key));
  if (unknownOption !== undefined) {
    return protocolErrorReply(400, `The query parameter '${unknownOption}' is not supported.`);
  }
  const select = parseSelect(query.get("$select"));
  if (select === "invalid") {
    return protocolErrorReply(400, "The $select query option is not a list of property names.");
  }
  const maxPageSize = parseMaxPageSize(headers.prefer);
  if (maxPageSize === "invalid") {
    return protocolErrorReply(400, "The Prefer header's odata.maxpagesize must be a positive integer.");
  }
  if ("error" in input) return protocolErrorReply(400, input.error);
  const declared = headers["x-cmdletname"];
  if (declared !== undefined && declared.toLowerCase() !== input.cmdlet.toLowerCase()) {
    return protocolErrorReply(
      400,
      `The X-CmdletName header '${declared}' does not match CmdletName '${input.cmdlet}'.`,
    );
  }
  if (!roleGrants(app, input.cmdlet) || !state.engine.isKnown(input.cmdlet)) return forbiddenReply();

  const pageSize = Math.min(maxPageSize ?? state.pageCap, state.pageCap);
  const listing = { body: input.canonical, appId: app.appId.toLowerCase() };
  const skipToken = query.get("$skiptoken");
  let page: Page;
  if (skipToken !== null) {
    const next = state.paging.next(skipToken, pageSize, listing, select);
    if ("refused" in next) return pageRefusedReply(next.refused);
    page = next;
  } else {
    request.entry.executed = true;
    try {
      page = state.paging.first(
        state.engine.invoke(input.cmdlet, input.parameters),
        pageSize,
        listing,
        select,
      );
    } catch (error) {
      return failureReply(error);
    }
  }
  if (page.warnings.length > 0) request.entry.warnings = [...page.warnings];
  // A page with more to come says so; the module filters this warning on intermediate pages
  // (docs/EXCHANGE-API.md, 'Success envelope').
  const warnings =
    page.token === undefined || page.warnings.includes(MORE_RESULTS)
      ? page.warnings
      : [...page.warnings, MORE_RESULTS];
  const context = `${request.origin}/adminapi/beta/${request.urlTenant}/$metadata#Collection(Exchange.GenericHashTable)`;
  const nextLink = page.token === undefined ? undefined : nextLinkFor(request, page.token);
  return successReply(context, warnings, applySelect(page.value, select), nextLink);
}

function failureReply(error: unknown): Reply {
  if (error instanceof CmdletError) return error.status === 403 ? forbiddenReply() : cmdletErrorReply(error);
  // A defect in the tenant model: answer like Exchange's unhandled failures, with the text to debug it.
  const message = error instanceof Error ? error.message : String(error);
  return cmdletErrorReply({
    status: 500,
    exceptionType: "System.InvalidOperationException",
    message,
    errorId: "",
    target: "",
  });
}

function nextLinkFor(request: InvokeRequest, token: string): string {
  const pairs = [...request.query].filter(([key]) => key !== "$skiptoken");
  pairs.push(["$skiptoken", token]);
  return `${request.origin}${request.pathname}?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
}

/** Headers Exchange puts on every answer (docs/EXCHANGE-API.md, 'Success envelope'). */
function withExchangeHeaders(state: ServerState, reply: Reply, app?: RegisteredApp): Reply {
  const others = String(Math.max(0, state.inFlight - 1));
  reply.headers = {
    "request-id": randomUUID(),
    "X-CalculatedBETarget": "SIMPR01MB0001.simprd01.prod.outlook.com",
    "OData-Version": "4.0",
    "Preference-Applied": 'odata.include-annotations="*"',
    ...state.rateLimit.hit(),
    "X-ConcurrencyCount": others,
    "X-CombinedAppOnlyConcurrencyCount": others,
    "X-ExchangeVersion": "Version 15.20 (Build 7587.36)",
    ...(app ? { "X-Ms-AppId": app.appId } : {}),
    OrganizationStatus: "Active",
    ...reply.headers,
  };
  return reply;
}
