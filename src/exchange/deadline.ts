// One deadline per action bounds everything the client does (token, requests, back-off sleeps), so an
// action ends with a clear error before HelloID's 30 s timeout kills it without one.
import { setTimeout as sleep } from "node:timers/promises";
import { DeadlineExceededError, type ExchangeErrorFields } from "./errors.js";

export class Deadline {
  private constructor(
    /** Epoch milliseconds at which the action must be over. */
    readonly at: number,
    /** The whole budget, for messages ("within 25 s"). */
    readonly budgetMs: number,
  ) {}

  static after(ms: number, now = Date.now()): Deadline {
    return new Deadline(now + ms, ms);
  }

  static at(epochMs: number, now = Date.now()): Deadline {
    return new Deadline(epochMs, Math.max(0, epochMs - now));
  }

  remainingMs(now = Date.now()): number {
    return Math.max(0, this.at - now);
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
    if (ms > 0) await sleep(ms);
  }
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
