// One semaphore per tenant, shared by every action the service runs at once: their Exchange requests in
// flight together never exceed the limit, so a burst of actions meets Exchange's throttling as one client.
import type { RequestLimiter } from "../exchange/index.js";

export class Semaphore implements RequestLimiter {
  inFlight = 0;
  /** The most requests that were ever in flight at once. */
  maxInFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(send: () => Promise<T>, signal: AbortSignal): Promise<T> {
    if (this.inFlight < this.limit) this.inFlight++;
    // A released slot passes straight to the next waiter: a newcomer cannot take it in between.
    else await this.wait(signal);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await send();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight--;
    }
  }

  /** Resolves with a slot handed over, or rejects when `signal` aborts first (the caller's deadline). */
  private wait(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const take = () => {
        signal.removeEventListener("abort", giveUp);
        resolve();
      };
      const giveUp = () => {
        this.waiting.splice(this.waiting.indexOf(take), 1);
        reject(signal.reason);
      };
      signal.addEventListener("abort", giveUp, { once: true });
      this.waiting.push(take);
    });
  }
}

export class TenantLimiters {
  private readonly byTenant = new Map<string, Semaphore>();

  constructor(readonly limit: number) {}

  for(tenant: string): Semaphore {
    let semaphore = this.byTenant.get(tenant);
    if (!semaphore) {
      semaphore = new Semaphore(this.limit);
      this.byTenant.set(tenant, semaphore);
    }
    return semaphore;
  }

  entries(): IterableIterator<[string, Semaphore]> {
    return this.byTenant.entries();
  }
}
