// Builds the Exchange client from the HelloID configuration: the one place where HelloID settings
// become Exchange client options.
import { defaultTokenCacheDirectory, ExchangeClient } from "../exchange/index.js";
import type { Logger } from "../helloid/logger.js";
import type { ConnectionSettings } from "./configuration.js";

export interface ConnectionOverrides {
  /** An extra trusted CA (PEM), e.g. the simulator's, for in-process callers; CLI users set NODE_EXTRA_CA_CERTS. */
  ca?: string;
}

export function createExchangeClient(
  settings: ConnectionSettings,
  options: { deadline: number; logger: Logger; overrides?: ConnectionOverrides },
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
    logger: options.logger,
    ca: options.overrides?.ca,
    tokenCacheDirectory: settings.TokenCache
      ? (settings.TokenCacheDirectory ?? defaultTokenCacheDirectory())
      : undefined,
  });
}
