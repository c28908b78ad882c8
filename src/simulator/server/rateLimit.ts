// The informational Rate-Limit-* headers Exchange sends (limit 30000, reset seconds ahead;
// docs/EXCHANGE-API.md, 'Success envelope').
// The simulator only reports them; throttling itself is an injected fault.

const LIMIT = 30_000;
const WINDOW_MS = 60_000;

export class RateLimitWindow {
  private windowEnd = 0;
  private used = 0;

  /** Counts one request and returns the headers describing the current window. */
  hit(): Record<string, string> {
    const now = Date.now();
    if (now >= this.windowEnd) {
      this.windowEnd = now + WINDOW_MS;
      this.used = 0;
    }
    this.used += 1;
    return {
      "Rate-Limit-Limit": String(LIMIT),
      "Rate-Limit-Remaining": String(Math.max(0, LIMIT - this.used)),
      "Rate-Limit-Reset": new Date(this.windowEnd).toISOString(),
    };
  }
}
