// One deadline per action bounds everything the client does (token, requests, back-off sleeps), so an
// action ends with a clear error before HelloID's 30 s timeout kills it without one. It is an AbortSignal
// (AbortSignal.timeout, joined with the caller's signal by AbortSignal.any) handed to every request and every
// sleep, so nothing outlives it.
import { setTimeout as sleep } from "node:timers/promises";
import { DeadlineExceededError, type ExchangeErrorFields } from "./errors.js";

export class Deadline {
  /** Aborts when the deadline passes (or the caller's signal aborts). */
  readonly signal: AbortSignal;

  private constructor(
    /** Epoch milliseconds at which the action must be over. */
    readonly at: number,
    /** The whole budget, for messages ("within 25 s"). */
    readonly budgetMs: number,
    now: number,
    caller: AbortSignal | undefined,
  ) {
    const timeout = AbortSignal.timeout(Math.max(0, at - now));
    this.signal = caller ? AbortSignal.any([timeout, caller]) : timeout;
  }

  static after(ms: number, caller?: AbortSignal, now = Date.now()): Deadline {
    return new Deadline(now + ms, ms, now, caller);
  }

  static at(epochMs: number, caller?: AbortSignal, now = Date.now()): Deadline {
    return new Deadline(epochMs, Math.max(0, epochMs - now), now, caller);
  }

  remainingMs(now = Date.now()): number {
    return this.signal.aborted ? 0 : Math.max(0, this.at - now);
  }

  /** The error to throw when the deadline is the reason; `detail` says what was going on. */
  exceeded(detail: string, fields: ExchangeErrorFields = {}): DeadlineExceededError {
    return new DeadlineExceededError(
      `Exchange Online did not finish within ${formatSeconds(this.budgetMs)} (the action deadline); ${detail}`,
      fields,
    );
  }

  /**
   * Sleeps `ms`, or fails at once when that would run past the deadline; `tooLong` words the reason
   * from the time that remains.
   */
  async sleep(
    ms: number,
    tooLong: (remainingMs: number) => string,
    fields: ExchangeErrorFields = {},
  ): Promise<void> {
    const remaining = this.remainingMs();
    if (ms >= remaining) throw this.exceeded(tooLong(remaining), fields);
    if (ms <= 0) return;
    try {
      await sleep(ms, undefined, { signal: this.signal });
    } catch {
      throw this.exceeded(tooLong(0), fields);
    }
  }
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
