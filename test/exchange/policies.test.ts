// Each transport policy alone, with a fake `next` (as core-rest-pipeline's policy tests do): what it
// re-sends, what it gives up on, and what it changes in the request.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { silentLogger } from "../../src/common/logger.js";
import { Deadline } from "../../src/exchange/deadline.js";
import {
  BadRequestError,
  DeadlineExceededError,
  ForbiddenError,
  InvalidResponseError,
  ThrottledError,
  TransientError,
  UnauthorizedError,
} from "../../src/exchange/errors.js";
import { batchBodyPolicy } from "../../src/exchange/transport/batchBodyPolicy.js";
import { bearerTokenPolicy } from "../../src/exchange/transport/bearerTokenPolicy.js";
import { exchangeErrorPolicy } from "../../src/exchange/transport/exchangeErrorPolicy.js";
import type { HttpRequest, HttpResponse, TransportCounters } from "../../src/exchange/transport/pipeline.js";
import { redirectPolicy } from "../../src/exchange/transport/redirectPolicy.js";
import { retryPolicy } from "../../src/exchange/transport/retryPolicy.js";

const request = (extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: "POST",
  url: "https://outlook.office365.com/adminapi/beta/t/InvokeCommand",
  headers: {},
  body: "{}",
  kind: "invoke",
  label: "Get-Mailbox",
  ...extra,
});
const ok = (body = "{}", status = 200, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: Buffer.from(body),
});
const counters = (): TransportCounters => ({ requests: 0, tokenRequests: 0, retries: 0, throttled: 0 });
const retryOptions = (maxAttempts = 6) => ({
  maxAttempts,
  deadline: Deadline.after(10_000),
  counters: counters(),
  logger: silentLogger,
  random: () => 0,
});

/** A `next` that answers from a script of outcomes (an error is thrown) and records what it was sent. */
function scripted(outcomes: (HttpResponse | Error)[]) {
  const sent: HttpRequest[] = [];
  const next = async (sentRequest: HttpRequest) => {
    sent.push(sentRequest);
    const outcome = outcomes.shift();
    if (outcome === undefined) throw new Error("no more scripted outcomes");
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { next, sent };
}

describe("retryPolicy", () => {
  it("re-sends what is retryable until it succeeds, counting each retry", async () => {
    const options = retryOptions();
    const { next, sent } = scripted([
      new ThrottledError("throttled", 0),
      new TransientError("busy", { retryable: true }),
      ok(),
    ]);
    const response = await retryPolicy(options)(request(), next);
    assert.equal(response.status, 200);
    assert.equal(sent.length, 3);
    assert.equal(options.counters.retries, 2);
  });

  it("never re-sends a 4xx that is not retryable", async () => {
    const { next, sent } = scripted([new BadRequestError("bad"), ok()]);
    await assert.rejects(retryPolicy(retryOptions())(request(), next), BadRequestError);
    assert.equal(sent.length, 1);
  });

  it("stops at maxAttempts with the last failure", async () => {
    const busy = () => new TransientError("busy", { retryable: true });
    const { next, sent } = scripted([busy(), busy(), busy(), ok()]);
    await assert.rejects(retryPolicy(retryOptions(3))(request(), next), TransientError);
    assert.equal(sent.length, 3);
  });

  it("grants a request that already failed elsewhere only the attempts it has left", async () => {
    const busy = () => new TransientError("busy", { retryable: true });
    const { next, sent } = scripted([busy(), busy(), ok()]);
    const retryOf = { attempts: 1, error: busy() };
    await assert.rejects(retryPolicy(retryOptions(3))(request({ retryOf }), next), TransientError);
    assert.equal(sent.length, 2, "1 attempt used in the $batch + 2 alone = 3");
  });

  it("does not re-send a request whose earlier failure was final", async () => {
    const { next, sent } = scripted([ok()]);
    const retryOf = { attempts: 1, error: new BadRequestError("bad") };
    await assert.rejects(retryPolicy(retryOptions())(request({ retryOf }), next), BadRequestError);
    assert.equal(sent.length, 0);
  });

  it("fails at once when Retry-After runs past the deadline", async () => {
    const options = { ...retryOptions(), deadline: Deadline.after(500) };
    const { next, sent } = scripted([new ThrottledError("throttled", 5_000), ok()]);
    const started = performance.now();
    await assert.rejects(retryPolicy(options)(request(), next), DeadlineExceededError);
    assert.equal(sent.length, 1, "nothing re-sent");
    assert.ok(performance.now() - started < 400, "it waited instead of failing at once");
  });
});

describe("bearerTokenPolicy", () => {
  it("signs the request, and on a 401 fetches one fresh token and re-sends once", async () => {
    const asked: (string | undefined)[] = [];
    const tokens = {
      getToken: async (rejected?: string) => {
        asked.push(rejected);
        return rejected ? "fresh" : "stale";
      },
    };
    const { next, sent } = scripted([new UnauthorizedError("401"), ok()]);
    const response = await bearerTokenPolicy(tokens, counters(), silentLogger)(request(), next);
    assert.equal(response.status, 200);
    assert.deepEqual(
      sent.map((r) => r.headers.Authorization),
      ["Bearer stale", "Bearer fresh"],
    );
    assert.deepEqual(asked, [undefined, "stale"]);
  });

  it("gives up after the second 401, and never refreshes for a missing role", async () => {
    const tokens = { getToken: async () => "t" };
    const twice = scripted([new UnauthorizedError("401"), new UnauthorizedError("401 again")]);
    await assert.rejects(
      bearerTokenPolicy(tokens, counters(), silentLogger)(request(), twice.next),
      /401 again/,
    );
    const forbidden = scripted([new ForbiddenError("no role"), ok()]);
    await assert.rejects(
      bearerTokenPolicy(tokens, counters(), silentLogger)(request(), forbidden.next),
      ForbiddenError,
    );
    assert.equal(forbidden.sent.length, 1);
  });
});

describe("exchangeErrorPolicy", () => {
  it("passes 2xx JSON through and types everything else", async () => {
    assert.equal((await exchangeErrorPolicy(request(), async () => ok())).status, 200);
    const html = async () => ({
      status: 200,
      headers: { "content-type": "text/html" },
      body: Buffer.from("<html>"),
    });
    await assert.rejects(exchangeErrorPolicy(request(), html), (error: unknown) => {
      assert.ok(error instanceof InvalidResponseError && error.retryable);
      return true;
    });
    const throttled = async () => ok("{}", 429, { "retry-after": "1.5" });
    await assert.rejects(exchangeErrorPolicy(request(), throttled), (error: unknown) => {
      assert.ok(error instanceof ThrottledError);
      assert.equal(error.retryAfterMs, 1500);
      return true;
    });
  });
});

describe("redirectPolicy", () => {
  it("re-sends once to a regional host and returns that answer", async () => {
    const regional = "https://eur02.outlook.office365.com/adminapi/beta/t/InvokeCommand";
    const { next, sent } = scripted([ok("", 302, { location: regional }), ok()]);
    assert.equal((await redirectPolicy(request(), next)).status, 200);
    assert.deepEqual(
      sent.map((r) => r.url),
      [request().url, regional],
    );
  });

  it("passes non-redirects through untouched", async () => {
    const { next, sent } = scripted([ok("{}", 404)]);
    assert.equal((await redirectPolicy(request(), next)).status, 404);
    assert.equal(sent.length, 1);
  });
});

describe("batchBodyPolicy", () => {
  it("renders the $batch body with the signed Authorization in every item, and leaves other requests alone", async () => {
    const items = [
      {
        id: "0",
        url: "https://outlook.office365.com/adminapi/beta/t/InvokeCommand",
        headers: { Prefer: "odata.maxpagesize=1000" },
        body: { CmdletInput: {} },
      },
    ];
    const { next, sent } = scripted([ok(), ok()]);
    await batchBodyPolicy(
      request({
        url: "https://outlook.office365.com/adminapi/beta/t/$batch",
        batch: items,
        body: undefined,
        headers: { Authorization: "Bearer abc" },
      }),
      next,
    );
    const body = JSON.parse(sent[0]?.body ?? "{}");
    assert.equal(body.requests[0].headers.Authorization, "Bearer abc");
    assert.equal(body.requests[0].headers.Prefer, "odata.maxpagesize=1000;odata.continue-on-error");
    await batchBodyPolicy(request(), next);
    assert.equal(sent[1]?.body, "{}");
  });
});
