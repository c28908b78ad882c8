// One handler for every request: route, apply latency and request-level faults, answer, and log.
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { batch } from "./batch.js";
import type { ServerState } from "./context.js";
import { instanceDiscovery, openIdConfiguration, signingKeys, tokenEndpoint } from "./entra.js";
import { type Outcome, protocolErrorReply, type Reply } from "./envelopes.js";
import { runWithFault } from "./faults.js";
import { normalizeHeaders, type RequestHandler, readBody, resetConnection, sendReply } from "./https.js";
import { invokeCommand } from "./invoke.js";
import type { RequestKind, RequestLogEntry } from "./requestLog.js";

interface RouteContext {
  state: ServerState;
  origin: string;
  url: URL;
  /** The route pattern's capture: the tenant segment for every route that has one. */
  tenant: string;
  headers: Record<string, string>;
  body: string;
  entry: RequestLogEntry;
}

interface Route {
  kind: RequestKind;
  method: string;
  pattern: RegExp;
  handle(context: RouteContext): Promise<Outcome> | Outcome;
}

const entra = (context: RouteContext) => ({
  state: context.state,
  origin: context.origin,
  tenantSegment: context.tenant,
  headers: context.headers,
});

const ROUTES: Route[] = [
  {
    kind: "discovery",
    method: "GET",
    pattern: /^\/common\/discovery\/instance$/i,
    handle: (c) => instanceDiscovery(entra(c), c.url.searchParams),
  },
  {
    kind: "discovery",
    method: "GET",
    pattern: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/i,
    handle: (c) => openIdConfiguration(entra(c)),
  },
  {
    kind: "discovery",
    method: "GET",
    pattern: /^\/([^/]+)\/discovery\/v2\.0\/keys$/i,
    handle: (c) => signingKeys(entra(c)),
  },
  {
    kind: "token",
    method: "POST",
    pattern: /^\/([^/]+)\/oauth2\/v2\.0\/token$/i,
    handle: (c) => tokenEndpoint(entra(c), "v2", c.body),
  },
  {
    kind: "token",
    method: "POST",
    pattern: /^\/([^/]+)\/oauth2\/token$/i,
    handle: (c) => tokenEndpoint(entra(c), "v1", c.body),
  },
  {
    kind: "invoke",
    method: "POST",
    pattern: /^\/adminapi\/beta\/([^/]+)\/InvokeCommand$/i,
    handle: (c) =>
      invokeCommand(c.state, {
        kind: "invoke",
        origin: c.origin,
        urlTenant: c.tenant,
        pathname: c.url.pathname,
        query: c.url.searchParams,
        headers: c.headers,
        body: c.body,
        entry: c.entry,
      }),
  },
  {
    kind: "batch",
    method: "POST",
    pattern: /^\/adminapi\/beta\/([^/]+)\/\$batch$/i,
    handle: (c) =>
      batch(c.state, { origin: c.origin, urlTenant: c.tenant, headers: c.headers, body: c.body }),
  },
];

/** Only `beta` answers InvokeCommand; other versions say 405 (docs/EXCHANGE-API.md). */
const OTHER_VERSION_INVOKE = /^\/adminapi\/[^/]+\/[^/]+\/InvokeCommand$/i;

type Resolved = { route: Route; tenant: string; url: URL } | { kind: RequestKind; reply: Reply };

function resolve(method: string, target: string, origin: string): Resolved {
  if (!URL.canParse(target, origin)) {
    return { kind: "other", reply: protocolErrorReply(400, "The request URL or Host header is malformed.") };
  }
  const url = new URL(target, origin);
  const path = decodePath(url.pathname);
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      return {
        kind: "other",
        reply: protocolErrorReply(405, `The HTTP method '${method}' is not allowed on ${path}.`),
      };
    }
    return { route, tenant: match[1] ?? "", url };
  }
  if (OTHER_VERSION_INVOKE.test(path)) {
    return {
      kind: "other",
      reply: protocolErrorReply(405, "InvokeCommand is only available on the beta endpoint."),
    };
  }
  return { kind: "other", reply: protocolErrorReply(404, `No resource at ${path}.`) };
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** Links in answers point where the client addressed us (the Host header; the socket as a fallback). */
function originOf(req: IncomingMessage): string {
  if (req.headers.host) return `https://${req.headers.host}`;
  const address = req.socket.localAddress ?? "127.0.0.1";
  return `https://${address.includes(":") ? `[${address}]` : address}:${req.socket.localPort}`;
}

export function createRouter(state: ServerState): RequestHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = performance.now();
    const method = req.method ?? "GET";
    const origin = originOf(req);
    const resolved = resolve(method, req.url ?? "/", origin);
    const kind = "route" in resolved ? resolved.route.kind : resolved.kind;
    const entry = state.log.begin(kind, method, req.url ?? "/");
    state.inFlight += 1;
    try {
      const raw = await readBody(req);
      if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
      let outcome: Outcome;
      if (raw === undefined) {
        outcome = protocolErrorReply(413, "The request body is too large.");
      } else if ("reply" in resolved) {
        outcome = resolved.reply;
      } else {
        const context = {
          state,
          origin,
          url: resolved.url,
          tenant: resolved.tenant,
          headers: normalizeHeaders(req.headers),
          body: raw.toString("utf8"),
          entry,
        };
        // InvokeCommand picks its fault itself, once it knows the cmdlet; other kinds fault here.
        const fault = kind === "invoke" ? undefined : state.faults.take(kind, undefined);
        if (fault) entry.fault = fault.type;
        outcome = await runWithFault(fault, { origin, path: req.url ?? "/" }, () =>
          resolved.route.handle(context),
        );
      }
      if (outcome === "reset") {
        resetConnection(req);
      } else {
        await sendReply(req, res, outcome);
      }
      state.log.finish(entry, outcome === "reset" ? 0 : outcome.status, startedAt);
    } catch (error) {
      // A simulator defect: answer 500 with the reason rather than hang the client.
      const reply = protocolErrorReply(
        500,
        `Simulator error: ${(error as Error).message}`,
        "System.Exception",
      );
      if (!res.headersSent) await sendReply(req, res, reply).catch(() => resetConnection(req));
      state.log.finish(entry, 500, startedAt);
    } finally {
      state.inFlight -= 1;
    }
  };
}
