import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import { ConnectionError, NotFoundError, ThrottledError } from "../../src/exchange/errors.js";

describe("ExchangeError", () => {
  it("serializes only its parsed fields", () => {
    const cause = Object.assign(new Error("socket hang up with Bearer eyJ.secret.token"), {
      code: "ECONNRESET",
    });
    const error = new ConnectionError("Could not reach Exchange Online for Get-Mailbox (ECONNRESET)", {
      cmdlet: "Get-Mailbox",
      clientRequestId: "c-1",
      retryable: true,
      cause,
    });
    const json = JSON.parse(JSON.stringify(error));
    assert.deepEqual(json, {
      name: "ConnectionError",
      message: "Could not reach Exchange Online for Get-Mailbox (ECONNRESET)",
      clientRequestId: "c-1",
      cmdlet: "Get-Mailbox",
      retryable: true,
    });
    const shown = inspect(error);
    assert.match(shown, /^ConnectionError: Could not reach Exchange Online/);
    assert.doesNotMatch(shown, /eyJ|secret/);
    assert.equal(error.cause, cause);
  });

  it("keeps subclass fields", () => {
    const notFound = new NotFoundError("gone", "identity", "x@contoso.com", { status: 404 });
    assert.deepEqual(JSON.parse(JSON.stringify(notFound)), {
      name: "NotFoundError",
      message: "gone",
      status: 404,
      retryable: false,
      subject: "identity",
      objectValue: "x@contoso.com",
    });
    const throttled = new ThrottledError("slow down", 2000, { status: 429 });
    assert.equal(throttled.retryable, true);
    assert.equal(JSON.parse(JSON.stringify(throttled)).retryAfterMs, 2000);
  });
});
