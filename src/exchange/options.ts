// ExchangeClient options and their validation. Problems name the option and never echo a value
// (a misplaced secret must not end up in an error message).

import { isAbsolute } from "node:path";
import type { Logger } from "../common/logger.js";
import { DOMAIN_NAME_PATTERN, GUID_PATTERN } from "../common/patterns.js";
import type { Credential } from "./auth/tokenProvider.js";
import { type ExchangeEnvironment, environments } from "./environments.js";
import { InvalidOptionError } from "./errors.js";
import type { TransportCounters } from "./transport/pipeline.js";
import { type ProxyOptions, type ProxyRoute, proxyRoute } from "./transport/proxy.js";
import type { CaOption } from "./transport/tlsTrust.js";

export interface ExchangeClientOptions {
  /** Tenant GUID (preferred) or verified domain; `organization` is used when this is absent. */
  tenantId?: string;
  /** The tenant's domain, e.g. `contoso.onmicrosoft.com`. */
  organization?: string;
  /** Application (client) id of the Entra ID app registration. */
  appId: string;
  credential: Credential;
  /** Microsoft cloud; default `Global`. */
  environment?: ExchangeEnvironment;
  /** Overrides the environment's admin API origin (e.g. a simulator). */
  adminApiUrl?: string;
  /** Overrides the environment's Entra ID authority origin. */
  authorityUrl?: string;
  /** Budget for everything this client does, from its creation; default 25 000 ms. */
  deadlineMs?: number;
  /** Aborts everything the client does when it fires, like the deadline (e.g. a service shutting down). */
  signal?: AbortSignal;
  /** Absolute deadline in epoch milliseconds (instead of `deadlineMs`). */
  deadline?: number;
  /** `Prefer: odata.maxpagesize`, 1..1000; default 1000. */
  pageSize?: number;
  /** Extra trusted CA certificate(s), PEM; Node's roots and NODE_EXTRA_CA_CERTS stay trusted. */
  ca?: CaOption;
  /** Outbound HTTP proxy for every request, Entra ID's and Exchange's; default HTTPS_PROXY/NO_PROXY of process.env. */
  proxy?: ProxyOptions;
  logger?: Logger;
  /** Tries per request, retries included; default 6. */
  maxAttempts?: number;
  /** `$batch` POSTs in flight at once; default 2. */
  batchConcurrency?: number;
  /**
   * An absolute directory where processes with the same credential share their token (see
   * auth/tokenCache.ts); absent: no token cache, each process asks Entra ID for its own.
   */
  tokenCacheDirectory?: string;
  /**
   * Wraps every HTTP request sent to Exchange (not Entra ID), each attempt separately: e.g. a semaphore that
   * several clients of one tenant share, so their requests in flight together stay under a limit.
   */
  limiter?: RequestLimiter;
  /**
   * Keep the connections open after close() for the next client with the same CA and proxy (a long-running
   * service); closeSharedConnections() closes them. Default false: close() closes them.
   */
  shareConnections?: boolean;
  /** Told what the client sent once close() is called (a service's metrics). */
  onClose?: (stats: Readonly<TransportCounters>) => void;
}

export interface RequestLimiter {
  /** Runs `send` when the limit allows; rejects (with any error) when `signal` aborts before that. */
  run<T>(send: () => Promise<T>, signal: AbortSignal): Promise<T>;
}

export interface ResolvedOptions {
  tenant: string;
  environment: ExchangeEnvironment;
  appId: string;
  credential: Credential;
  adminApiUrl: string;
  authorityUrl: string;
  deadline: { at: number } | { afterMs: number };
  pageSize: number;
  ca?: CaOption;
  proxy: ProxyRoute;
  maxAttempts: number;
  batchConcurrency: number;
  tokenCacheDirectory?: string;
}

export function resolveOptions(options: ExchangeClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null)
    throw new InvalidOptionError("options", "must be an object");
  const tenant = resolveTenant(options);
  if (typeof options.appId !== "string" || !GUID_PATTERN.test(options.appId)) {
    throw new InvalidOptionError("appId", "must be the app registration's Application (client) ID, a GUID");
  }
  const environment = options.environment ?? "Global";
  const cloud = Object.hasOwn(environments, environment) ? environments[environment] : undefined;
  if (!cloud) {
    throw new InvalidOptionError("environment", `must be one of ${Object.keys(environments).join(", ")}`);
  }
  if (options.deadline !== undefined && options.deadlineMs !== undefined) {
    throw new InvalidOptionError("deadline", "and 'deadlineMs' cannot both be given");
  }
  if (options.deadline !== undefined && !(Number.isFinite(options.deadline) && options.deadline > 0)) {
    throw new InvalidOptionError("deadline", "must be an epoch time in milliseconds");
  }
  return {
    tenant,
    environment,
    appId: options.appId,
    credential: checkCredential(options.credential),
    adminApiUrl: origin("adminApiUrl", options.adminApiUrl ?? cloud.adminApiUrl),
    authorityUrl: origin("authorityUrl", options.authorityUrl ?? cloud.authorityUrl),
    deadline:
      options.deadline !== undefined
        ? { at: options.deadline }
        : { afterMs: integer("deadlineMs", options.deadlineMs, 25_000, 1, 3_600_000) },
    pageSize: integer("pageSize", options.pageSize, 1000, 1, 1000),
    ca: options.ca,
    proxy: proxyRoute(options.proxy),
    maxAttempts: integer("maxAttempts", options.maxAttempts, 6, 1, 20),
    batchConcurrency: integer("batchConcurrency", options.batchConcurrency, 2, 1, 10),
    tokenCacheDirectory: directory("tokenCacheDirectory", options.tokenCacheDirectory),
  };
}

function resolveTenant({ tenantId, organization }: ExchangeClientOptions): string {
  if (
    tenantId !== undefined &&
    !(typeof tenantId === "string" && (GUID_PATTERN.test(tenantId) || DOMAIN_NAME_PATTERN.test(tenantId)))
  ) {
    throw new InvalidOptionError("tenantId", "must be the tenant's GUID or one of its verified domains");
  }
  if (
    organization !== undefined &&
    !(typeof organization === "string" && DOMAIN_NAME_PATTERN.test(organization))
  ) {
    throw new InvalidOptionError("organization", "must be a domain name such as contoso.onmicrosoft.com");
  }
  const tenant = tenantId ?? organization;
  if (tenant === undefined) throw new InvalidOptionError("tenantId", "is required (or give 'organization')");
  return tenant;
}

function checkCredential(credential: Credential | undefined): Credential {
  if (credential?.kind === "secret") {
    if (typeof credential.secret !== "string" || credential.secret.length === 0) {
      throw new InvalidOptionError("credential.secret", "must be the app's client secret value");
    }
    return credential;
  }
  if (credential?.kind === "certificate") {
    if (typeof credential.pfxBase64 !== "string" || credential.pfxBase64.length === 0) {
      throw new InvalidOptionError("credential.pfxBase64", "must be the certificate as base64 PFX");
    }
    if (typeof credential.password !== "string") {
      throw new InvalidOptionError(
        "credential.password",
        "must be the PFX password (an empty string when none)",
      );
    }
    return credential;
  }
  throw new InvalidOptionError(
    "credential",
    "must be { kind: 'secret', secret } or { kind: 'certificate', pfxBase64, password }",
  );
}

function origin(option: string, value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "https:" || (url.pathname !== "/" && url.pathname !== "") || url.search) {
    throw new InvalidOptionError(
      option,
      "must be an https URL without a path, e.g. https://outlook.office365.com",
    );
  }
  return url.origin;
}

function directory(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isAbsolute(value)) {
    throw new InvalidOptionError(option, "must be an absolute directory path");
  }
  return value;
}

function integer(option: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(option, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}
