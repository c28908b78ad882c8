import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Deadline } from "../../src/exchange/deadline.js";
import { DeadlineExceededError } from "../../src/exchange/errors.js";
import { parseRetryAfter } from "../../src/exchange/retryAfter.js";
import { backoffDelay, defaultBackoff } from "../../src/exchange/transport/backoff.js";

describe("Retry-After", () => {
  it("reads decimal seconds", () => {
    assert.equal(parseRetryAfter("2"), 2000);
    assert.equal(parseRetryAfter("1.5"), 1500);
    assert.equal(parseRetryAfter(" 0.25 "), 250);
    assert.equal(parseRetryAfter("0"), 0);
  });

  it("reads an HTTP date relative to now", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now), 3000);
    assert.equal(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now), 0);
  });

  it("ignores what it cannot read", () => {
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter("soon"), undefined);
    assert.equal(parseRetryAfter("-1"), undefined);
  });
});

describe("exponential back-off with full jitter", () => {
  it("stays within [0, min(cap, base·2^(n-1))]", () => {
    for (let retry = 1; retry <= 10; retry++) {
      const ceiling = Math.min(defaultBackoff.capMs, defaultBackoff.baseMs * 2 ** (retry - 1));
      assert.equal(
        backoffDelay(retry, defaultBackoff, () => 0),
        0,
      );
      assert.equal(
        backoffDelay(retry, defaultBackoff, () => 0.999999),
        ceiling - 1,
      );
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(retry);
        assert.ok(delay >= 0 && delay < ceiling, `retry ${retry}: ${delay}`);
      }
    }
  });

  it("starts at 500 ms and caps at 8 s", () => {
    assert.equal(
      backoffDelay(1, defaultBackoff, () => 0.5),
      250,
    );
    assert.equal(
      backoffDelay(2, defaultBackoff, () => 0.5),
      500,
    );
    assert.equal(
      backoffDelay(20, defaultBackoff, () => 0.5),
      4000,
    );
  });
});

describe("deadline", () => {
  it("refuses a sleep that would run past it, and says so", async () => {
    const deadline = Deadline.after(1000);
    await assert.rejects(
      deadline.sleep(
        5000,
        (remaining) => `Retry-After asks for 5 s, ${remaining > 0 ? "some" : "no"} time remains`,
      ),
      (error: unknown) =>
        error instanceof DeadlineExceededError &&
        /^Exchange Online did not finish within 1 s \(the action deadline\); Retry-After asks for 5 s/.test(
          error.message,
        ),
    );
  });

  it("sleeps when the time fits", async () => {
    const deadline = Deadline.after(1000);
    const started = Date.now();
    await deadline.sleep(20, () => "unused");
    assert.ok(Date.now() - started >= 15);
  });

  it("measures an absolute deadline from now", () => {
    const now = 1_000_000;
    const deadline = Deadline.at(now + 25_000, undefined, now);
    assert.equal(deadline.budgetMs, 25_000);
    assert.equal(deadline.remainingMs(now + 5_000), 20_000);
    assert.equal(deadline.remainingMs(now + 30_000), 0);
    assert.match(deadline.exceeded("x").message, /within 25 s/);
  });
});
