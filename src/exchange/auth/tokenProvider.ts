// App-only tokens from msal-node's ConfidentialClientApplication, for tokenSource.ts, which loads this
// module only when neither its memory nor the token cache holds a usable token. One MSAL app per credential
// set lives at module level, so every client in the process shares it.
import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import type { Logger } from "../../common/logger.js";
import { AuthenticationError } from "../errors.js";
import type { SendRequest } from "../transport/pipeline.js";
import { authenticationErrorFrom } from "./authenticationErrors.js";
import { msalAuthorityOptions } from "./authorityMetadata.js";
import { MsalNetworkClient, type TokenCall } from "./msalNetworkClient.js";
import type { AccessToken } from "./tokenCache.js";

export type Credential =
  | { kind: "secret"; secret: string }
  | { kind: "certificate"; pfxBase64: string; password: string };

export interface TokenProviderOptions {
  tenant: string;
  appId: string;
  credential: Credential;
  authorityUrl: string;
  scope: string;
  logger: Logger;
}

interface AppEntry {
  app: ConfidentialClientApplication;
  network: MsalNetworkClient;
}

const apps = new Map<string, AppEntry>();

/** A token from MSAL; `send` is the calling client's token pipeline (deadline, TLS, retries). */
export async function acquireToken(
  options: TokenProviderOptions,
  key: string,
  send: SendRequest,
  forceRefresh: boolean,
): Promise<AccessToken> {
  return acquire(await appFor(options, key), options, send, forceRefresh, secretsOf(options.credential));
}

async function acquire(
  entry: AppEntry,
  options: TokenProviderOptions,
  send: SendRequest,
  forceRefresh: boolean,
  secrets: readonly string[],
): Promise<AccessToken> {
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
    // MSAL always sets expiresOn for client credentials; without it, the token is not kept for others.
    return { token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() };
  } catch (error) {
    if (call.failure) throw call.failure;
    throw authenticationErrorFrom(error, { appId: options.appId, tenant: options.tenant, secrets });
  }
}

async function appFor(options: TokenProviderOptions, key: string): Promise<AppEntry> {
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

function secretsOf(credential: Credential): string[] {
  return credential.kind === "secret" ? [credential.secret] : [credential.password, credential.pfxBase64];
}
