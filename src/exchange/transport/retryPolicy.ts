// Retries what the Exchange module retries (Get-WaitTimeForRetry) — 429 honouring Retry-After, 503, 504 and
// the transient exception names; errorParser.ts marks those, and the few additions, `retryable` with the
// reason next to them — plus connections that broke before an answer. Never another 4xx; a 401 is the
// bearer-token policy's (one fresh token). Attempts are capped (6, as the module's) and no sleep runs past
// the action deadline. Writes are re-sent too: callers make them idempotent by how they read the result
// (already present / not a member), not by avoiding the re-send.
//
// The back-off differs from the module's 2 s × 2^n on purpose: five such waits (62 s) cannot fit HelloID's
// 30 s budget, so this waits a jittered 0.5–8 s and lets the deadline end the action with a clear error.

import type { Logger } from "../../common/logger.js";
import { type Deadline, formatSeconds } from "../deadline.js";
import { type ExchangeError, isExchangeError, ThrottledError } from "../errors.js";
import { type BackoffOptions, backoffDelay, defaultBackoff } from "./backoff.js";
import type { Policy, TransportCounters } from "./pipeline.js";

export interface RetryOptions {
  maxAttempts: number;
  deadline: Deadline;
  counters: TransportCounters;
  logger: Logger;
  backoff?: BackoffOptions;
  random?: () => number;
}

export function retryPolicy(options: RetryOptions): Policy {
  return async (request, next) => {
    // A `$batch` item retried alone arrives having used one attempt already, with the failure to wait on.
    let attempts = request.retryOf?.attempts ?? 0;
    let failure: ExchangeError | undefined = request.retryOf?.error;
    for (;;) {
      if (failure) {
        // Here, not where the error is caught: a `$batch` item's 429 arrives as retryOf.
        if (failure instanceof ThrottledError) options.counters.throttled++;
        if (failure.retryable !== true || attempts >= options.maxAttempts) throw failure;
        await waitBeforeRetry(failure, attempts, options);
      }
      attempts++;
      try {
        return await next(request);
      } catch (error) {
        if (!isExchangeError(error)) throw error;
        failure = error;
      }
    }
  };
}

/** Waits before retry number `retry` (1 = first) of a failure, and counts it. */
async function waitBeforeRetry(error: ExchangeError, retry: number, options: RetryOptions): Promise<void> {
  const label = error.cmdlet ?? "the request";
  const retryAfterMs = error instanceof ThrottledError ? error.retryAfterMs : undefined;
  const delayMs = retryAfterMs ?? backoffDelay(retry, options.backoff ?? defaultBackoff, options.random);
  options.logger.warn("Retrying a failed Exchange request", {
    label,
    retry,
    delayMs,
    reason: error.name,
    status: error.status,
    clientRequestId: error.clientRequestId,
  });
  const fields = { cmdlet: error.cmdlet, clientRequestId: error.clientRequestId, cause: error };
  await options.deadline.sleep(
    delayMs,
    (remainingMs) =>
      retryAfterMs === undefined
        ? `${label} failed (${error.message}) and no time is left to retry it`
        : `${label} was throttled and Exchange asks to wait ${formatSeconds(retryAfterMs)} (Retry-After) but only ${formatSeconds(remainingMs)} remain`,
    fields,
  );
  options.counters.retries++;
}
