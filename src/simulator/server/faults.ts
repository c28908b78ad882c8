// Injected faults: latency, replication delay and a queue of one-shot (or n-shot) misbehaviours that let
// tests and benchmarks prove the client survives what Exchange Online does on a bad day
// (docs/EXCHANGE-API.md, 'Errors').
import { setTimeout as sleep } from "node:timers/promises";
import {
  cmdletErrorReply,
  forbiddenReply,
  type Outcome,
  pageRefusedReply,
  protocolErrorReply,
  type Reply,
  unauthorizedReply,
} from "./envelopes.js";
import type { RequestKind } from "./requestLog.js";

/** Exception names clients retry on when they arrive in a 400 (docs/EXCHANGE-API.md, 'Errors'). */
export type TransientExceptionName =
  | "ServerBusyException"
  | "CmdletProxyNotAvailableFailure"
  | "TransientException"
  | "BackendCommunicationException"
  | "DCOverloadedException"
  | "StorageTransientException";

export type Fault =
  | { type: "throttle"; retryAfterSeconds: number; plainText?: boolean }
  | { type: "status"; status: 500 | 502 | 503 | 504 }
  | { type: "transientException"; name?: TransientExceptionName }
  | { type: "reset"; phase: "before" | "after" }
  | { type: "nonJson" }
  | { type: "forbidden" }
  | { type: "delay"; ms: number }
  | { type: "expireToken" }
  /** 400 "Expired or Invalid pagination request" on a later page (only requests with a `$skiptoken`). */
  | { type: "expiredPage" }
  /** 302 to `location` (default: the same URL), as a tenant served by a regional host is answered. */
  | { type: "redirect"; location?: string }
  /** A role that does not grant the cmdlet, worded "User is not allowed to call <cmdlet>" (401 or 403). */
  | { type: "notAllowed"; status?: 401 | 403 };

export interface FaultMatch {
  /** Default: the cmdlet executions (`invoke` and `batch-item`), not token or `$batch` envelopes. */
  kind?: RequestKind;
  /** Cmdlet name (case-insensitive) or pattern; a rule with a cmdlet never matches cmdlet-less requests. */
  cmdlet?: string | RegExp;
}

export interface FaultRule {
  match?: FaultMatch;
  /** How many matching requests the rule still hits; it leaves the queue at 0. */
  times: number;
  /**
   * Hit only every n-th matching request (the others pass on to later rules), e.g. a steady 1-in-50
   * throttling for load runs; default 1, every matching request.
   */
  every?: number;
  fault: Fault;
}

/** A queued rule and how many matching requests it has seen (for `every`). */
export interface QueuedRule extends FaultRule {
  seen: number;
}

export class Faults {
  /** Added to every request before it is handled. */
  latencyMs = 0;
  readonly rules: QueuedRule[] = [];

  constructor(private readonly tenant: { replicationDelayMs: number }) {}

  /** How long a new object stays invisible to reads (lives on the tenant, which enforces it). */
  get replicationDelayMs(): number {
    return this.tenant.replicationDelayMs;
  }

  set replicationDelayMs(ms: number) {
    this.tenant.replicationDelayMs = ms;
  }

  add(rule: FaultRule): this {
    if (!Number.isInteger(rule.times) || rule.times < 1) {
      throw new TypeError("fault rule: times must be >= 1");
    }
    if (rule.every !== undefined && (!Number.isInteger(rule.every) || rule.every < 1)) {
      throw new TypeError("fault rule: every must be >= 1");
    }
    validateFault(rule.fault);
    this.rules.push({ ...rule, seen: 0 });
    return this;
  }

  /** Removes every fault: queued rules, latency and replication delay. */
  clear(): void {
    this.rules.length = 0;
    this.latencyMs = 0;
    this.replicationDelayMs = 0;
  }

  /**
   * The first queued rule matching this request fires (and counts down); at most one per request. A rule
   * with `every` counts the request and fires only on its n-th one.
   */
  take(kind: RequestKind, cmdlet: string | undefined, laterPage = false): Fault | undefined {
    const index = this.rules.findIndex((rule) => {
      if (!matches(rule.match, kind, cmdlet)) return false;
      if (rule.fault.type === "expiredPage" && !laterPage) return false;
      rule.seen += 1;
      return rule.seen % (rule.every ?? 1) === 0;
    });
    const rule = this.rules[index];
    if (!rule) return undefined;
    rule.times -= 1;
    if (rule.times === 0) this.rules.splice(index, 1);
    return rule.fault;
  }
}

function matches(match: FaultMatch | undefined, kind: RequestKind, cmdlet: string | undefined): boolean {
  if (match?.kind ? match.kind !== kind : kind !== "invoke" && kind !== "batch-item") return false;
  const wanted = match?.cmdlet;
  if (wanted === undefined) return true;
  if (cmdlet === undefined) return false;
  return typeof wanted === "string"
    ? wanted.toLowerCase() === cmdlet.toLowerCase()
    : new RegExp(wanted).test(cmdlet);
}

function validateFault(fault: Fault): void {
  const bad = (why: string) => new TypeError(`fault ${fault.type}: ${why}`);
  if (fault.type === "throttle" && !(fault.retryAfterSeconds >= 0)) {
    throw bad("retryAfterSeconds must be >= 0");
  }
  if (fault.type === "status" && ![500, 502, 503, 504].includes(fault.status)) {
    throw bad("status must be 5xx");
  }
  if (fault.type === "delay" && !(fault.ms >= 0)) throw bad("ms must be >= 0");
  if (fault.type === "reset" && fault.phase !== "before" && fault.phase !== "after") throw bad("phase");
}

// Class names are the simulator's best guess where no capture exists; clients match on the short name.
const TRANSIENT_EXCEPTIONS: Record<TransientExceptionName, { type: string; message: string }> = {
  ServerBusyException: {
    type: "Microsoft.Exchange.Data.Storage.ServerBusyException",
    message: "The server is busy. Please try again later.",
  },
  CmdletProxyNotAvailableFailure: {
    type: "Microsoft.Exchange.Configuration.Tasks.CmdletProxyNotAvailableFailure",
    message:
      "CmdletProxyNotAvailableFailure: the cmdlet couldn't be proxied to the mailbox server. Please try again later.",
  },
  TransientException: {
    type: "Microsoft.Exchange.Data.TransientException",
    message: "A transient error occurred. Please try again later.",
  },
  BackendCommunicationException: {
    type: "Microsoft.Exchange.Data.BackendCommunicationException",
    message: "Communication with the backend server failed. Please try again later.",
  },
  DCOverloadedException: {
    type: "Microsoft.Exchange.Data.Directory.DCOverloadedException",
    message: "The domain controller is overloaded. Please try again later.",
  },
  StorageTransientException: {
    type: "Microsoft.Exchange.Data.Storage.StorageTransientException",
    message: "A storage transient error occurred. Please try again later.",
  },
};

export const CONCURRENCY_THROTTLE_TEXT =
  "You have reached the maximum number of concurrent requests per tenant. Please wait and try again";

const GATEWAY_PAGES: Record<502 | 503 | 504, string> = {
  502: "502 - Web server received an invalid response while acting as a gateway or proxy server.",
  503: "Service Unavailable. The service is temporarily unable to handle the request.",
  504: "504 - Gateway Timeout. The server didn't respond in time.",
};

const html = (title: string): string =>
  `<!DOCTYPE html>\r\n<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\r\n`;

/** What a fault needs to know of the request it replaces. */
export interface FaultedRequest {
  /** Scheme, host and port the client addressed (also the Entra authority's). */
  origin: string;
  /** Path and query the client asked for. */
  path: string;
  cmdlet?: string;
}

/**
 * Runs a request under a fired fault (if any): answer in its place, drop the connection before or after the
 * request ran (after: the cmdlet's effect stands but the client never hears of it), or delay it.
 */
export async function runWithFault(
  fault: Fault | undefined,
  request: FaultedRequest,
  run: () => Promise<Outcome> | Outcome,
): Promise<Outcome> {
  const effect = fault && (await applyFault(fault, request));
  if (effect && "reply" in effect) return effect.reply;
  if (effect?.reset === "before") return "reset";
  const outcome = await run();
  return effect?.reset === "after" ? "reset" : outcome;
}

type FaultEffect = { reply: Reply } | { reset: "before" | "after" } | undefined;

async function applyFault(fault: Fault, request: FaultedRequest): Promise<FaultEffect> {
  switch (fault.type) {
    case "delay":
      await sleep(fault.ms);
      return undefined;
    case "reset":
      return { reset: fault.phase };
    case "throttle":
      return { reply: throttleReply(fault.retryAfterSeconds, fault.plainText === true) };
    case "status":
      return { reply: statusReply(fault.status) };
    case "transientException": {
      const { type, message } = TRANSIENT_EXCEPTIONS[fault.name ?? "ServerBusyException"];
      return {
        reply: cmdletErrorReply({ status: 400, exceptionType: type, message, errorId: "", target: "" }),
      };
    }
    case "nonJson":
      return { reply: { status: 200, headers: { "Content-Type": "text/html" }, body: html("Outlook") } };
    case "forbidden":
      return { reply: forbiddenReply() };
    case "expireToken":
      return { reply: unauthorizedReply("The token has expired.", request.origin) };
    case "expiredPage":
      return { reply: pageRefusedReply() };
    case "redirect":
      return {
        reply: { status: 302, headers: { Location: fault.location ?? `${request.origin}${request.path}` } },
      };
    case "notAllowed": {
      const status = fault.status ?? 401;
      const reply = protocolErrorReply(
        status,
        `User is not allowed to call ${request.cmdlet ?? "this cmdlet"}`,
      );
      return { reply };
    }
  }
}

function throttleReply(retryAfterSeconds: number, plainText: boolean): Reply {
  const headers = { "Retry-After": String(retryAfterSeconds) };
  if (plainText) {
    return {
      status: 429,
      headers: { ...headers, "Content-Type": "text/plain" },
      body: CONCURRENCY_THROTTLE_TEXT,
    };
  }
  const reply = protocolErrorReply(429, `Too many requests. Retry after ${retryAfterSeconds} seconds.`);
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

function statusReply(status: 500 | 502 | 503 | 504): Reply {
  if (status === 500) {
    return protocolErrorReply(
      500,
      "The call to Microsoft Exchange Active Directory Topology service on server 'TopologyClientTcpEndpoint (localhost)' returned an error. Error details Unable to find a Global Catalog in forest SIMPR01A001.PROD.OUTLOOK.COM.",
      "Microsoft.Exchange.Data.Directory.ADTransientException",
    );
  }
  return { status, headers: { "Content-Type": "text/html" }, body: html(GATEWAY_PAGES[status]) };
}
