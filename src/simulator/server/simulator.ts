// Assembles the protocol server around a tenant and its cmdlet engine: TLS material, state, listener.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulatorKeys } from "./certificates.js";
import type { CmdletEngine, RegisteredApp, ServerState } from "./context.js";
import { type FaultRule, Faults } from "./faults.js";
import { createHttpsServer, listen } from "./https.js";
import { PagingStore } from "./paging.js";
import { RateLimitWindow } from "./rateLimit.js";
import { RequestLog, type RequestLogEntry } from "./requestLog.js";
import { createRouter } from "./router.js";
import { signingKey } from "./tokens.js";

/** What the server needs from the tenant model besides the cmdlet engine. */
export interface ServerTenant {
  readonly tenantId: string;
  readonly organization: string;
  replicationDelayMs: number;
}

export interface ServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /**
   * Extra DNS names the server's certificate is valid for, besides localhost and the loopback addresses:
   * to reach the simulator under a name that only a proxy (or a hosts file) resolves.
   */
  hostNames?: string[];
  /** Registered Entra apps; default one app, {@link DEFAULT_APP}. */
  apps?: RegisteredApp[];
  /** Largest page the server returns, whatever `odata.maxpagesize` asks for; default 1000. */
  pageCap?: number;
  /** Lifetime of issued access tokens; default 3600. */
  tokenLifetimeSeconds?: number;
  /** Latency added to every request (also `faults.latencyMs`). */
  latencyMs?: number;
  /** Replication delay of new objects (also `faults.replicationDelayMs`). */
  replicationDelayMs?: number;
  /** Fault rules queued at start (also `faults.add`). */
  faults?: FaultRule[];
  /** Where ca.pem is written; default a fresh temporary directory, removed on close. */
  dataDir?: string;
  /** Print one line per request to stderr. */
  log?: boolean;
}

export interface SimulatorServer<T extends ServerTenant> {
  /** `https://host:port`: both the Entra authority and the admin API base URL. */
  readonly url: string;
  readonly caPem: string;
  /** ca.pem on disk, for NODE_EXTRA_CA_CERTS. */
  readonly caPath: string;
  readonly tenant: T;
  readonly tenantId: string;
  readonly organization: string;
  /** Live list of registered apps. */
  readonly apps: RegisteredApp[];
  /** Live list of answered requests, in completion order (`seq` gives arrival order). */
  readonly requestLog: RequestLogEntry[];
  writes(): RequestLogEntry[];
  clearLog(): void;
  /** The access tokens issued so far (the last 10,000; read-only view), for scanning output for leaked tokens. */
  readonly issuedTokens: readonly string[];
  readonly faults: Faults;
  close(): Promise<void>;
}

export const DEFAULT_APP: Readonly<RegisteredApp> = {
  appId: "00000000-0000-0000-0000-00000000a001",
  secret: "simulator-secret-a001",
};

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

export async function startServer<T extends ServerTenant>(
  tenant: T,
  engine: CmdletEngine,
  options: ServerOptions = {},
): Promise<SimulatorServer<T>> {
  const { tls, tokenSigning } = await simulatorKeys(options.hostNames);
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "exo-simulator-"));
  mkdirSync(dataDir, { recursive: true });
  const caPath = join(dataDir, "ca.pem");
  writeFileSync(caPath, tls.caPem);

  const faults = new Faults(tenant);
  faults.latencyMs = options.latencyMs ?? 0;
  if (options.replicationDelayMs !== undefined) faults.replicationDelayMs = options.replicationDelayMs;
  for (const rule of options.faults ?? []) faults.add(rule);
  const state: ServerState = {
    tenantId: tenant.tenantId,
    organization: tenant.organization,
    apps: options.apps ? [...options.apps] : [{ ...DEFAULT_APP }],
    engine,
    faults,
    paging: new PagingStore(),
    log: new RequestLog(options.log === true),
    rateLimit: new RateLimitWindow(),
    pageCap: positiveInteger("pageCap", options.pageCap ?? 1000),
    tokenLifetimeSeconds: positiveInteger("tokenLifetimeSeconds", options.tokenLifetimeSeconds ?? 3600),
    signingKey: signingKey(tokenSigning),
    inFlight: 0,
    issuedTokens: [],
  };

  const host = options.host ?? "127.0.0.1";
  const hostInUrl = host.includes(":") ? `[${host}]` : host;
  const server = createHttpsServer(tls, createRouter(state));
  const port = await listen(server, options.port ?? 0, host);
  const url = `https://${hostInUrl}:${port}`;

  return {
    url,
    caPem: tls.caPem,
    caPath,
    tenant,
    tenantId: tenant.tenantId,
    organization: tenant.organization,
    apps: state.apps,
    requestLog: state.log.entries,
    writes: () => state.log.writes(),
    clearLog: () => state.log.clear(),
    issuedTokens: state.issuedTokens,
    faults,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
