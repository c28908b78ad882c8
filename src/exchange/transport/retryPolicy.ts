// Retries what is worth retrying — 429 (honouring Retry-After), 5xx, transient Exchange exceptions,
// connections that broke before an answer — and nothing else (never another 4xx). Attempts are capped,
// and no sleep runs past the action deadline. Writes are re-sent too: callers make them idempotent by
// how they read the result (already present / not a member), not by avoiding the re-send.
import { type Deadline, formatSeconds } from "../deadline.js";
import { type ExchangeError, ThrottledError } from "../errors.js";
import type { ExchangeLogger } from "../logger.js";
import { type BackoffOptions, backoffDelay, defaultBackoff } from "./backoff.js";
import type { Policy, TransportCounters } from "./pipeline.js";

export interface RetryOptions {
  maxAttempts: number;
  deadline: Deadline;
  counters: TransportCounters;
  logger: ExchangeLogger;
  backoff?: BackoffOptions;
  random?: () => number;
}

export function retryPolicy(options: RetryOptions): Policy {
  return async (request, next) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(request);
      } catch (error) {
        if (!isRetryable(error) || attempt >= options.maxAttempts) throw error;
        await waitBeforeRetry(error, attempt, options);
      }
    }
  };
}

function isRetryable(error: unknown): error is ExchangeError {
  return typeof error === "object" && error !== null && (error as ExchangeError).retryable === true;
}

/** Waits before retry number `retry` (1 = first) of a failure, and counts it. */
export async function waitBeforeRetry(
  error: ExchangeError,
  retry: number,
  options: RetryOptions,
): Promise<void> {
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
