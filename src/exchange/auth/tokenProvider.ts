// App-only tokens from msal-node's ConfidentialClientApplication. One MSAL app per credential set lives
// at module level, so every client in the process shares its token cache: one token request per
// process. Concurrent callers share one in-flight request, and a token Exchange refused is replaced
// once, however many requests saw it refused.
import { createHash } from "node:crypto";
import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import { AuthenticationError } from "../errors.js";
import type { ExchangeLogger } from "../logger.js";
import type { TokenSource } from "../transport/bearerTokenPolicy.js";
import type { SendRequest } from "../transport/pipeline.js";
import { authenticationErrorFrom } from "./authenticationErrors.js";
import { msalAuthorityOptions } from "./authorityMetadata.js";
import { MsalNetworkClient, type TokenCall } from "./msalNetworkClient.js";

export type Credential =
  | { kind: "secret"; secret: string }
  | { kind: "certificate"; pfxBase64: string; password: string };

export interface TokenProviderOptions {
  tenant: string;
  appId: string;
  credential: Credential;
  authorityUrl: string;
  scope: string;
  logger: ExchangeLogger;
}

interface AppEntry {
  app: ConfidentialClientApplication;
  network: MsalNetworkClient;
  /** The token handed out last. */
  current?: string;
  pending?: Promise<string>;
}

const apps = new Map<string, AppEntry>();

/** A token source for one client; `send` is that client's token pipeline (deadline, TLS, retries). */
export function createTokenSource(options: TokenProviderOptions, send: SendRequest): TokenSource {
  const secrets = secretsOf(options.credential);
  return {
    async getToken(rejected) {
      const entry = await appFor(options);
      if (rejected !== undefined && entry.current !== undefined && entry.current !== rejected)
        return entry.current;
      if (entry.pending) {
        const token = await entry.pending;
        if (token !== rejected) return token;
      }
      const pending = acquire(entry, options, send, rejected !== undefined, secrets);
      entry.pending = pending;
      try {
        return await pending;
      } finally {
        if (entry.pending === pending) entry.pending = undefined;
      }
    },
  };
}

async function acquire(
  entry: AppEntry,
  options: TokenProviderOptions,
  send: SendRequest,
  forceRefresh: boolean,
  secrets: readonly string[],
): Promise<string> {
  const call: TokenCall = { send };
  try {
    const result = await entry.network.during(call, (correlationId) =>
      entry.app.acquireTokenByClientCredential({
        scopes: [options.scope],
        skipCache: forceRefresh,
        correlationId,
      }),
    );
    if (!result?.accessToken) {
      throw new AuthenticationError(
        "Entra ID answered the token request without an access token",
        "other",
        undefined,
      );
    }
    if (!result.fromCache) {
      options.logger.debug("Acquired an Exchange Online access token", {
        appId: options.appId,
        expiresOn: result.expiresOn?.toISOString(),
      });
    }
    entry.current = result.accessToken;
    return result.accessToken;
  } catch (error) {
    if (call.failure) throw call.failure;
    throw authenticationErrorFrom(error, { appId: options.appId, tenant: options.tenant, secrets });
  }
}

async function appFor(options: TokenProviderOptions): Promise<AppEntry> {
  const key = cacheKey(options);
  let entry = apps.get(key);
  if (entry) return entry;
  const credential = await msalCredential(options.credential);
  // Another caller may have made the app while the certificate was read.
  entry = apps.get(key);
  if (!entry) {
    const network = new MsalNetworkClient();
    const authority = msalAuthorityOptions(options.authorityUrl, options.tenant);
    const configuration: Configuration = {
      auth: { clientId: options.appId, ...authority, ...credential },
      system: { networkClient: network },
    };
    entry = { app: new ConfidentialClientApplication(configuration), network };
    apps.set(key, entry);
  }
  return entry;
}

/**
 * The secret, or the certificate read from the PFX. node-forge (about a quarter of the bundle) is loaded only
 * here, so a process that authenticates with a secret never evaluates it: start-up time counts.
 */
async function msalCredential(
  credential: Credential,
): Promise<Pick<Configuration["auth"], "clientSecret" | "clientCertificate">> {
  if (credential.kind === "secret") return { clientSecret: credential.secret };
  const { readPfx } = await import("./pfx.js");
  const certificate = readPfx(credential.pfxBase64, credential.password);
  return {
    clientCertificate: {
      thumbprintSha256: certificate.thumbprintSha256,
      privateKey: certificate.privateKeyPem,
      x5c: certificate.certificatePem,
    },
  };
}

/** Identifies a credential set without keeping the secret itself as a map key. */
function cacheKey({ authorityUrl, tenant, appId, scope, credential }: TokenProviderOptions): string {
  return createHash("sha256")
    .update(JSON.stringify([authorityUrl, tenant, appId, scope, credential]))
    .digest("hex");
}

function secretsOf(credential: Credential): string[] {
  return credential.kind === "secret" ? [credential.secret] : [credential.password, credential.pfxBase64];
}
