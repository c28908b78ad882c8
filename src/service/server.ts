// The connector as an HTTP service: `POST /v1/run/<action>` runs the action through runAction, the entry
// the CLI uses, and answers what `run` would print; the Exchange token, the keep-alive connections and a
// per-tenant limit on Exchange requests in flight are shared by every action the process runs.
import { randomUUID } from "node:crypto";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { ConnectionOverrides } from "../actions/connection.js";
import type { AnyAction } from "../actions/framework.js";
import { findAction } from "../actions/registry.js";
import { EXIT_FAILED, EXIT_SUCCESS, EXIT_UNUSABLE_INPUT, runAction } from "../actions/run.js";
import type { Logger } from "../common/logger.js";
import { closeSharedConnections } from "../exchange/index.js";
import { InputError } from "../helloid/context.js";
import { decodeInput } from "../helloid/inputText.js";
import { API_KEYS_VARIABLE, type ApiKeys } from "./apiKeys.js";
import { type ActionOutcome, ServiceMetrics } from "./metrics.js";
import { TenantLimiters } from "./tenantLimiters.js";

/** A run input above this is refused (413): the largest HelloID sends is a few kilobytes. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface ServiceOptions {
  host: string;
  port: number;
  apiKeys: ApiKeys;
  /** Exchange requests in flight at once per tenant, across all actions. */
  tenantConcurrency: number;
  log: Logger;
  /** Where each action's own log lines (JSON, redacted by the action) go. */
  writeActionLog: (line: string) => void;
  /** The environment actions see (proxy variables, log level); the API keys are removed from it. */
  env: NodeJS.ProcessEnv;
  /** TLS: the server's certificate as PFX bytes and its passphrase. */
  tls?: { pfx: Buffer; passphrase?: string };
  /** An extra trusted CA for Exchange (tests: the simulator's). */
  ca?: string;
  maxBodyBytes?: number;
}

export interface RunningService {
  /** `http(s)://host:port` as bound (port 0 resolved). */
  url: string;
  metrics: ServiceMetrics;
  limiters: TenantLimiters;
  /** Stops accepting requests, lets the actions in flight finish, then closes every connection. */
  shutdown(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const metrics = new ServiceMetrics();
  const limiters = new TenantLimiters(options.tenantConcurrency);
  const running = new Set<Promise<void>>();
  let draining = false;
  const env = { ...options.env };
  delete env[API_KEYS_VARIABLE];
  const connection: ConnectionOverrides = {
    ca: options.ca,
    limiterFor: (tenant) => limiters.for(tenant),
    shareConnections: true,
    onClosed: (stats) => metrics.recordTransport(stats),
  };
  const context: RequestContext = { options, metrics, limiters, env, connection };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.setHeader("connection", "close");
    // On every answer, so a caller can quote it and an operator find the lines it names.
    const requestId = requestIdOf(req);
    res.setHeader("x-request-id", requestId);
    const handled = handle(req, res, context, { requestId, draining }).catch((error: unknown) => {
      options.log.error("unexpected error", { error: (error as Error).message });
      if (!res.headersSent) answer(res, 500, { error: "unexpected error" });
      else res.destroy();
    });
    running.add(handled);
    void handled.finally(() => running.delete(handled));
  };
  const server: Server = options.tls
    ? createHttpsServer({ pfx: options.tls.pfx, passphrase: options.tls.passphrase }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  const url = `${options.tls ? "https" : "http"}://${host}:${port}`;

  return {
    url,
    metrics,
    limiters,
    async shutdown() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      while (running.size > 0) await Promise.allSettled([...running]);
      server.closeAllConnections();
      closeSharedConnections();
      await closed;
    },
  };
}

interface RequestContext {
  options: ServiceOptions;
  metrics: ServiceMetrics;
  limiters: TenantLimiters;
  env: NodeJS.ProcessEnv;
  connection: ConnectionOverrides;
}

const RUN_PREFIX = "/v1/run/";

/** A caller's X-Request-Id is used when it has this form (safe in a header and a log line); else a UUID is. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  context: RequestContext,
  { requestId, draining }: { requestId: string; draining: boolean },
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://service").pathname;
  if (path === "/healthz" && req.method === "GET") {
    answer(res, draining ? 503 : 200, { status: draining ? "draining" : "ok" });
    return;
  }
  // Nothing else is read, parsed or run before the key is checked.
  if (!context.options.apiKeys.accepts(req.headers.authorization)) {
    res.setHeader("www-authenticate", "Bearer");
    answer(res, 401, { error: "a valid API key is required: Authorization: Bearer <key>" });
    req.resume();
    return;
  }
  if (path === "/metrics" && req.method === "GET") {
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
    res.end(context.metrics.render(context.limiters));
    return;
  }
  if (!path.startsWith(RUN_PREFIX)) {
    answer(res, 404, { error: `no such path; POST ${RUN_PREFIX}<action> runs an action` });
    req.resume();
    return;
  }
  if (req.method !== "POST") {
    res.setHeader("allow", "POST");
    answer(res, 405, { error: `${RUN_PREFIX}<action> takes POST` });
    req.resume();
    return;
  }
  if (draining) {
    answer(res, 503, { error: "the service is shutting down" });
    req.resume();
    return;
  }
  let action: AnyAction;
  try {
    action = findAction(actionNameOf(path));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    answer(res, 404, { error: error.message });
    req.resume();
    return;
  }
  const body = await readBody(req, context.options.maxBodyBytes ?? MAX_BODY_BYTES);
  if (body === undefined) {
    res.setHeader("connection", "close");
    answer(res, 413, { error: `the input exceeds ${context.options.maxBodyBytes ?? MAX_BODY_BYTES} bytes` });
    return;
  }
  await runOne(action, decodeInput(body), res, context, requestId);
}

async function runOne(
  action: AnyAction,
  input: string,
  res: ServerResponse,
  context: RequestContext,
  requestId: string,
) {
  const { metrics, options } = context;
  const startedAt = Date.now();
  let output = "";
  let firstError: string | undefined;
  metrics.actionsInFlight++;
  let exitCode: number | undefined;
  try {
    exitCode = await runAction(action.name, input, {
      // Import records stream as they come; an outputContext is answered whole.
      writeStdout: (chunk) => {
        if (action.kind !== "import") {
          output += chunk;
          return;
        }
        if (!res.headersSent) res.writeHead(200, { "content-type": "application/x-ndjson" });
        res.write(chunk);
      },
      writeStderr: (chunk) => {
        firstError ??= errorMessageOf(chunk);
        options.writeActionLog(withRequestId(chunk, requestId));
      },
      env: context.env,
      connection: context.connection,
    });
  } finally {
    metrics.actionsInFlight--;
    metrics.recordAction(action.name, outcomeOf(exitCode));
    options.log.info("action finished", {
      requestId,
      action: action.name,
      outcome: outcomeOf(exitCode),
      durationMs: Date.now() - startedAt,
    });
  }
  if (exitCode === EXIT_UNUSABLE_INPUT) {
    answer(res, 400, { error: firstError ?? "unusable input" });
  } else if (action.kind !== "import") {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(output);
  } else if (exitCode === EXIT_SUCCESS) {
    if (!res.headersSent) res.writeHead(200, { "content-type": "application/x-ndjson" });
    res.end();
  } else if (!res.headersSent) {
    answer(res, 502, { error: firstError ?? "the import failed" });
  } else {
    // Records went out already: break the stream so the caller cannot take a partial import for a whole one.
    res.destroy();
  }
}

function actionNameOf(path: string): string {
  try {
    return decodeURIComponent(path.slice(RUN_PREFIX.length));
  } catch {
    throw new InputError("the action name in the path is not valid URL encoding");
  }
}

function outcomeOf(exitCode: number | undefined): ActionOutcome {
  if (exitCode === EXIT_SUCCESS) return "success";
  if (exitCode === EXIT_FAILED) return "failed";
  if (exitCode === EXIT_UNUSABLE_INPUT) return "unusable_input";
  return "error";
}

/** The message of the first error-level line among an action's JSON log lines. */
function errorMessageOf(chunk: string): string | undefined {
  for (const line of chunk.split("\n")) {
    if (!line) continue;
    try {
      const entry = JSON.parse(line) as { level?: unknown; message?: unknown };
      if (entry.level === "error" && typeof entry.message === "string") return entry.message;
    } catch {
      // not a JSON line: nothing to take from it
    }
  }
  return undefined;
}

/**
 * The action's JSON log lines, each with a "requestId" field: parallel actions interleave on the service's
 * stderr. The field is spliced in so the line's bytes (already redacted) stay as they were; other lines pass.
 */
function withRequestId(chunk: string, requestId: string): string {
  const field = `"requestId":${JSON.stringify(requestId)}`;
  return chunk
    .split("\n")
    .map((line) => {
      if (!isJsonObject(line)) return line;
      const open = line.slice(0, line.lastIndexOf("}")).trimEnd();
      return `${open}${open.endsWith("{") ? "" : ","}${field}}`;
    })
    .join("\n");
}

function isJsonObject(line: string): boolean {
  if (!line.startsWith("{")) return false;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null;
  } catch {
    return false;
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(`${JSON.stringify(body)}\n`);
}

/** The request body, or undefined once it exceeds `limit` bytes (the rest is read and dropped). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      req.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off("data", collect);
      req.resume();
      resolve(undefined);
    };
    req.on("data", collect);
    req.once("end", () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.once("error", reject);
  });
}
