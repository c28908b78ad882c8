// The state every handler shares: the tenant's identity, registered apps, the cmdlet engine (the seam to the
// tenant model), faults, paging snapshots and the request log.
import type { CmdletParameters, CmdletResult } from "../cmdlets/types.js";
import type { Faults } from "./faults.js";
import type { PagingStore } from "./paging.js";
import type { RateLimitWindow } from "./rateLimit.js";
import type { RequestLog } from "./requestLog.js";
import type { SigningKey } from "./tokens.js";

/** An Entra app registration allowed to call the simulated Exchange. */
export interface RegisteredApp {
  appId: string;
  /** Client secret value; absent for certificate-only apps. */
  secret?: string;
  /** PEM of the uploaded certificate (public part) that signs client assertions. */
  certificatePem?: string;
  /**
   * Whether the application permission Exchange.ManageAsApp is granted with admin consent (default true).
   * Without it Entra ID still issues a token, but with no `roles` claim, and Exchange refuses it (401).
   */
  manageAsAppConsented?: boolean;
  /** Whether the app's service principal holds an Exchange admin role (default true); without it every cmdlet is 403. */
  exchangeRole?: boolean;
  /** When set, the only cmdlets the role grants (case-insensitive); others answer 403. */
  allowedCmdlets?: string[];
}

/** The tenant model as the protocol server sees it: three functions bound to one tenant. */
export interface CmdletEngine {
  invoke(name: string, parameters: CmdletParameters): CmdletResult;
  isKnown(name: string): boolean;
  isWrite(name: string): boolean;
}

export interface ServerState {
  tenantId: string;
  organization: string;
  /** Live list: tests may add apps or flip `exchangeRole` while the server runs. */
  apps: RegisteredApp[];
  engine: CmdletEngine;
  faults: Faults;
  paging: PagingStore;
  log: RequestLog;
  rateLimit: RateLimitWindow;
  pageCap: number;
  tokenLifetimeSeconds: number;
  signingKey: SigningKey;
  /** Requests being handled right now (reported as X-ConcurrencyCount). */
  inFlight: number;
  /** Every access token the token endpoints issued, so tests can prove none leaks into output. */
  issuedTokens: string[];
}

/** Entra and Exchange accept the tenant GUID or its initial domain, case-insensitively. */
export function isOwnTenant(state: ServerState, segment: string): boolean {
  const value = segment.toLowerCase();
  return value === state.tenantId.toLowerCase() || value === state.organization.toLowerCase();
}

export function findApp(state: ServerState, appId: string): RegisteredApp | undefined {
  const wanted = appId.toLowerCase();
  return state.apps.find((app) => app.appId.toLowerCase() === wanted);
}

/** Whether the app's role grants this cmdlet (the RBAC check Exchange makes from the token's roles). */
export function roleGrants(app: RegisteredApp, cmdlet: string): boolean {
  if (app.exchangeRole === false) return false;
  if (!app.allowedCmdlets) return true;
  const wanted = cmdlet.toLowerCase();
  return app.allowedCmdlets.some((name) => name.toLowerCase() === wanted);
}
