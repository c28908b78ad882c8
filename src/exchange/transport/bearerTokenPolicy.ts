// Signs each request with the app-only token. A 401 means the token was revoked or expired early:
// fetch a fresh one once and re-send; a second 401 is final.

import type { Logger } from "../../common/logger.js";
import { UnauthorizedError } from "../errors.js";
import type { HttpRequest, Policy, TransportCounters } from "./pipeline.js";

export interface TokenSource {
  /** A valid token; pass the one Exchange refused to force a fresh one (shared by concurrent callers). */
  getToken(rejected?: string): Promise<string>;
}

export function bearerTokenPolicy(tokens: TokenSource, counters: TransportCounters, logger: Logger): Policy {
  const sign = (request: HttpRequest, token: string): HttpRequest => ({
    ...request,
    headers: { ...request.headers, Authorization: `Bearer ${token}` },
  });
  return async (request, next) => {
    const token = await tokens.getToken();
    try {
      return await next(sign(request, token));
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      logger.info("Exchange Online refused the access token; fetching a new one", { label: request.label });
      counters.retries++;
      return next(sign(request, await tokens.getToken(token)));
    }
  };
}
