// The token a client signs with: this process's own while enough of it remains, else the one another
// process left in the token cache, else a new one from Entra ID through MSAL, which is loaded only then:
// HelloID starts a process per action, and one that a cached token serves never evaluates MSAL. Concurrent
// callers share one request, and a token Exchange refused is replaced once, however many requests saw it refused.
import { createHash } from "node:crypto";
import type { TokenSource } from "../transport/bearerTokenPolicy.js";
import type { SendRequest } from "../transport/pipeline.js";
import { type AccessToken, TokenCache, usable } from "./tokenCache.js";
import type { TokenProviderOptions } from "./tokenProvider.js";

export interface TokenSourceOptions extends TokenProviderOptions {
  /** The token cache's directory; none: tokens are shared within the process only. */
  cacheDirectory?: string;
}

interface Tokens {
  cache?: TokenCache;
  /** The token handed out last. */
  current?: AccessToken;
  pending?: Promise<AccessToken>;
}

/** Per credential set and cache directory, shared by every client of the process. */
const shared = new Map<string, Tokens>();

export interface CachingTokenSource extends TokenSource {
  /**
   * Whether a token is at hand without asking Entra ID: this process's own, or a usable token-cache entry (which
   * is then kept in memory, so it is read once). An entry decrypts only with the credential that earned it.
   */
  hasUsableToken(): boolean;
}

/** A token source for one client; `send` is that client's token pipeline (deadline, TLS, retries). */
export function createTokenSource(options: TokenSourceOptions, send: SendRequest): CachingTokenSource {
  const key = keyOf(options);
  let tokens = shared.get(key);
  if (!tokens) {
    tokens = {
      cache:
        options.cacheDirectory === undefined
          ? undefined
          : new TokenCache(options.cacheDirectory, options, options.credential),
    };
    shared.set(key, tokens);
  }
  const state = tokens;
  return {
    hasUsableToken() {
      if (usable(state.current)) return true;
      const cached = state.cache?.read();
      if (cached) state.current = cached;
      return cached !== undefined;
    },
    async getToken(rejected) {
      const { current } = state;
      if (current !== undefined && current.token !== rejected && usable(current)) return current.token;
      if (state.pending) {
        const token = await state.pending;
        if (token.token !== rejected) return token.token;
      }
      const pending = fetchToken(state, options, key, send, rejected);
      state.pending = pending;
      try {
        state.current = await pending;
        return state.current.token;
      } finally {
        if (state.pending === pending) state.pending = undefined;
      }
    },
  };
}

async function fetchToken(
  state: Tokens,
  options: TokenSourceOptions,
  key: string,
  send: SendRequest,
  rejected: string | undefined,
): Promise<AccessToken> {
  if (rejected !== undefined) state.cache?.drop(rejected);
  const cached = state.cache?.read();
  if (cached && cached.token !== rejected) {
    options.logger.debug("Using the cached Exchange Online access token", {
      expiresOn: new Date(cached.expiresOn).toISOString(),
    });
    return cached;
  }
  const { acquireToken } = await import("./tokenProvider.js");
  const token = await acquireToken(options, key, send, rejected !== undefined);
  const failure = usable(token) ? state.cache?.write(token) : undefined;
  if (failure) {
    options.logger.warn("The token cache could not be written; each action requests its own token", {
      directory: options.cacheDirectory,
      error: failure,
    });
  }
  return token;
}

/** Identifies a credential set without keeping the secret itself as a map key. */
function keyOf({
  authorityUrl,
  tenant,
  appId,
  scope,
  credential,
  cacheDirectory,
}: TokenSourceOptions): string {
  return createHash("sha256")
    .update(JSON.stringify([authorityUrl, tenant, appId, scope, credential, cacheDirectory ?? null]))
    .digest("hex");
}
