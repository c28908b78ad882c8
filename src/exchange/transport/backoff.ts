// Exponential back-off with full jitter (AWS architecture blog "Exponential Backoff And Jitter"): the
// delay before retry n is uniform in [0, min(cap, base·2^(n-1))], which spreads concurrent clients apart.

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, capMs: 8000 };

/**
 * The longest delay before retry `retry` (1 = the first retry): base·2^(retry-1), capped. Waits for Exchange
 * to replicate a new object use it as it is, since there is no crowd of clients to spread apart.
 */
export function backoffCeiling(retry: number, options: BackoffOptions = defaultBackoff): number {
  return Math.min(options.capMs, options.baseMs * 2 ** (retry - 1));
}

/** Delay before retry `retry` (1 = the first retry); `random` returns [0, 1). */
export function backoffDelay(
  retry: number,
  options: BackoffOptions = defaultBackoff,
  random = Math.random,
): number {
  return Math.floor(random() * backoffCeiling(retry, options));
}
