// Builds the Exchange client from the HelloID configuration: the one place where HelloID settings
// become Exchange client options.

import type { Logger } from "../common/logger.js";
import {
  defaultTokenCacheDirectory,
  ExchangeClient,
  InvalidOptionError,
  PROXY_VARIABLES,
  type ProxyOptions,
  proxyPasswords,
  proxyRoute,
  type RequestLimiter,
  type TransportCounters,
} from "../exchange/index.js";
import { InputError } from "../helloid/context.js";
import type { ConnectionSettings } from "./configuration.js";

/** The process environment the proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) are read from. */
export type ProxyEnvironment = Readonly<Record<string, string | undefined>> | undefined;

/** ProxyUrl, else the environment's proxy variables. */
export function proxyOptions(settings: ConnectionSettings, env: ProxyEnvironment): ProxyOptions {
  return { url: settings.ProxyUrl, env: env ?? {} };
}

/**
 * Checks the proxy settings before anything is sent (a malformed HTTPS_PROXY names the variable) and
 * returns the passwords in the proxy environment variables, for the redactor (ProxyUrl's come with the
 * configuration's secrets).
 */
export function proxySecrets(settings: ConnectionSettings, env: ProxyEnvironment): string[] {
  try {
    proxyRoute(proxyOptions(settings, env));
  } catch (error) {
    if (!(error instanceof InvalidOptionError)) throw error;
    throw new InputError(
      `the environment variable ${error.option}: expected http://[user:password@]host:port`,
    );
  }
  return PROXY_VARIABLES.flatMap((name) => proxyPasswords(env?.[name]));
}

export interface ConnectionOverrides {
  /** An extra trusted CA (PEM), e.g. the simulator's, for in-process callers; CLI users set NODE_EXTRA_CA_CERTS. */
  ca?: string;
  /** A service's shared limit on the Exchange requests in flight for a tenant (its TenantID, else Organization). */
  limiterFor?: (tenant: string) => RequestLimiter;
  /** Leave the connections open for the next action (a service); see ExchangeClientOptions.shareConnections. */
  shareConnections?: boolean;
  /** Told what the action's client sent once the action is over (a service's metrics). */
  onClosed?: (stats: Readonly<TransportCounters>) => void;
}

/** The tenant a connection addresses, as the limiter and metrics key it. */
function tenantOf(settings: ConnectionSettings): string {
  return (settings.TenantID ?? settings.Organization ?? "").toLowerCase();
}

export function createExchangeClient(
  settings: ConnectionSettings,
  options: {
    deadline: number;
    logger: Logger;
    overrides?: ConnectionOverrides;
    env?: ProxyEnvironment;
    /** Joined with the deadline: everything the client does stops when either fires. */
    signal?: AbortSignal;
  },
): ExchangeClient {
  return new ExchangeClient({
    tenantId: settings.TenantID,
    organization: settings.Organization,
    appId: settings.AppId,
    credential: settings.UseCertificate
      ? {
          kind: "certificate",
          pfxBase64: settings.AppCertificateBase64String ?? "",
          password: settings.AppCertificatePassword ?? "",
        }
      : { kind: "secret", secret: settings.AppSecret ?? "" },
    environment: settings.Environment,
    adminApiUrl: settings.AdminApiUrl,
    authorityUrl: settings.AuthorityUrl,
    deadline: options.deadline,
    signal: options.signal,
    logger: options.logger,
    ca: options.overrides?.ca,
    limiter: options.overrides?.limiterFor?.(tenantOf(settings)),
    shareConnections: options.overrides?.shareConnections,
    onClose: options.overrides?.onClosed,
    proxy: proxyOptions(settings, options.env),
    tokenCacheDirectory: settings.TokenCache
      ? (settings.TokenCacheDirectory ?? defaultTokenCacheDirectory())
      : undefined,
  });
}
