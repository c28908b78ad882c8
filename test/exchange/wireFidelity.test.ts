// What goes on the wire and what comes back, against a simulator that answers as the real service does:
// the module's headers on every request and every `$batch` item, the error read from details[0], the
// answers a real tenant gives (expired page, missing role as 401, regional redirect) and the retry limits.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  BadRequestError,
  collect,
  DeadlineExceededError,
  ForbiddenError,
  getMailbox,
  InvalidResponseError,
  listMailboxes,
  NotFoundError,
  PageExpiredError,
  ThrottledError,
} from "../../src/exchange/index.js";
import { simulatorFixture } from "./harness.js";

describe("wire fidelity against the simulator", () => {
  const fixture = simulatorFixture({ pageCap: 5 });
  before(async () => {
    const simulator = await fixture.start();
    for (let i = 0; i < 12; i++)
      simulator.tenant.addUserMailbox({ name: `wire${String(i).padStart(2, "0")}` });
  });
  beforeEach(() => {
    fixture.simulator.faults.clear();
    fixture.simulator.clearLog();
  });
  after(() => fixture.stop());

  const entries = (kind: string) => fixture.simulator.requestLog.filter((entry) => entry.kind === kind);

  it("sends the module's headers, in English, with the connection's routing hint", async () => {
    const client = fixture.client();
    await getMailbox(client, "wire01");
    const [entry] = entries("invoke");
    const headers = entry?.headers ?? {};
    assert.equal(headers.authorization, "(present)");
    assert.equal(headers["accept-language"], "en-US");
    assert.equal(headers["x-cmdletname"], "Get-Mailbox");
    assert.equal(headers["accept-charset"], "UTF-8");
    assert.equal(headers.prefer, "odata.maxpagesize=1000");
    assert.equal(
      headers["x-anchormailbox"],
      `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${fixture.simulator.tenantId}`,
    );
    assert.match(headers["connection-id"] ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(headers["x-responseformat"], undefined, "JSON mode");
  });

  it("signs every $batch item with the outer request's token and the full header set", async () => {
    const client = fixture.client();
    const results = await client.batch([
      { cmdlet: "Get-Mailbox", parameters: { Identity: "wire02" } },
      { cmdlet: "Get-Mailbox", parameters: { Identity: "wire03" } },
    ]);
    assert.ok(results.every((result) => result.ok));
    const items = entries("batch-item");
    assert.equal(items.length, 2);
    assert.match(String(items[0]?.headers?.["client-request-id"]), /^[0-9a-f]{8}-[0-9a-f-]{27}$/);
    for (const item of items) {
      assert.equal(item.headers?.authorization, "(present)");
      assert.equal(item.headers?.["x-cmdletname"], "Get-Mailbox");
      assert.equal(item.headers?.prefer, "odata.maxpagesize=1000;odata.continue-on-error");
      assert.equal(item.headers?.["client-request-id"], items[0]?.headers?.["client-request-id"]);
    }
  });

  it("reads the real class and text from details[0], past the DirectInvoke wrapper", async () => {
    const client = fixture.client();
    await assert.rejects(getMailbox(client, "nobody-here"), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.subject, "identity");
      assert.equal(error.objectValue, "nobody-here");
      assert.equal(
        error.exceptionType,
        "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
      );
      assert.doesNotMatch(error.message, /DirectInvoke/);
      return true;
    });
    // A binding failure keeps the real exception in internalexception ("Invalid Operation").
    await assert.rejects(
      client.invoke({ cmdlet: "Get-Mailbox", parameters: { ResultSize: "lots" } }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.exceptionName, "ParameterTransformationException");
        assert.match(error.message, /Cannot process argument transformation on parameter 'ResultSize'/);
        return true;
      },
    );
  });

  it("restarts a listing once when a later page has expired, losing and repeating no row", async () => {
    const client = fixture.client();
    fixture.simulator.faults.add({ times: 1, fault: { type: "expiredPage" } });
    const rows = await collect(
      listMailboxes(client, { RecipientTypeDetails: "UserMailbox" }, { select: ["Name"] }),
    );
    assert.equal(rows.length, 12);
    assert.equal(new Set(rows.map((row) => row.Name)).size, 12);
    assert.ok(entries("invoke").some((entry) => entry.fault === "expiredPage"));
  });

  it("fails clearly when the restarted listing expires again", async () => {
    const client = fixture.client();
    fixture.simulator.faults.add({ times: 2, fault: { type: "expiredPage" } });
    await assert.rejects(
      collect(listMailboxes(client, { RecipientTypeDetails: "UserMailbox" })),
      (error: unknown) => {
        assert.ok(error instanceof PageExpiredError);
        assert.match(
          error.message,
          /no longer had the next page of Get-Mailbox \(400\): Expired or Invalid pagination request/,
        );
        return true;
      },
    );
  });

  it("reports 'User is not allowed to call' as a missing role, in a 401 as in a 403, without a new token", async () => {
    const client = fixture.client();
    await getMailbox(client, "wire04");
    const tokensBefore = client.stats.tokenRequests;
    for (const status of [401, 403] as const) {
      fixture.simulator.faults.add({ times: 1, fault: { type: "notAllowed", status } });
      await assert.rejects(getMailbox(client, "wire04"), (error: unknown) => {
        assert.ok(error instanceof ForbiddenError, String(error));
        assert.match(error.message, /the app has no Exchange role for this cmdlet/);
        assert.match(error.message, /User is not allowed to call Get-Mailbox/);
        return true;
      });
    }
    assert.equal(client.stats.tokenRequests, tokensBefore);
  });

  it("follows one redirect on the admin API's host, and no other", async () => {
    const client = fixture.client();
    await getMailbox(client, "wire05");
    fixture.simulator.clearLog();
    fixture.simulator.faults.add({ times: 1, fault: { type: "redirect" } });
    assert.equal((await getMailbox(client, "wire05")).Name, "wire05");
    assert.deepEqual(
      entries("invoke").map((entry) => [entry.fault ?? "", entry.status]),
      [
        ["redirect", 302],
        ["", 200],
      ],
    );

    fixture.simulator.faults.add({ times: 2, fault: { type: "redirect" } });
    await assert.rejects(getMailbox(client, "wire05"), /redirected Get-Mailbox twice/);

    fixture.simulator.faults.add({
      times: 1,
      fault: {
        type: "redirect",
        location: "https://collector.example/adminapi/beta/x/InvokeCommand?q=secret",
      },
    });
    await assert.rejects(getMailbox(client, "wire05"), (error: unknown) => {
      assert.ok(error instanceof InvalidResponseError);
      assert.match(
        error.message,
        /redirected Get-Mailbox to collector\.example, which is not the admin API's host/,
      );
      assert.doesNotMatch(error.message, /secret/);
      return true;
    });
  });

  it("gives a $batch item retried alone only the attempts it has left", async () => {
    const client = fixture.client({ maxAttempts: 2 });
    await getMailbox(client, "wire06");
    fixture.simulator.clearLog();
    fixture.simulator.faults.add({
      match: { kind: "batch-item" },
      times: 1,
      fault: { type: "throttle", retryAfterSeconds: 0 },
    });
    fixture.simulator.faults.add({
      match: { kind: "invoke" },
      times: 5,
      fault: { type: "throttle", retryAfterSeconds: 0 },
    });
    const [result] = await client.batch([{ cmdlet: "Get-Mailbox", parameters: { Identity: "wire06" } }]);
    assert.equal(result?.ok, false);
    assert.ok(result && !result.ok && result.error instanceof ThrottledError);
    // The `$batch` attempt and one plain retry: two attempts, as configured.
    assert.equal(entries("batch-item").length, 1);
    assert.equal(entries("invoke").length, 1);
  });

  it("re-sends a $batch item refused with 401 alone, through the bearer policy", async () => {
    const client = fixture.client();
    await getMailbox(client, "wire09");
    fixture.simulator.clearLog();
    fixture.simulator.faults.add({ match: { kind: "batch-item" }, times: 1, fault: { type: "expireToken" } });
    const [result] = await client.batch([{ cmdlet: "Get-Mailbox", parameters: { Identity: "wire09" } }]);
    assert.ok(result?.ok, "the item succeeded when sent alone");
    assert.deepEqual(
      fixture.simulator.requestLog.filter((e) => e.kind !== "token").map((e) => [e.kind, e.status]),
      [
        ["batch-item", 401],
        ["batch", 200],
        ["invoke", 200],
      ],
    );
  });

  it("stops at once when the caller's signal aborts, as at the deadline", async () => {
    const controller = new AbortController();
    const client = fixture.client({ signal: controller.signal });
    await getMailbox(client, "wire07");
    fixture.simulator.faults.add({ times: 1, fault: { type: "delay", ms: 3000 } });
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(getMailbox(client, "wire07"), DeadlineExceededError);
    assert.ok(Date.now() - started < 1500, "aborted, not after the delay");
  });

  it("keeps to batchConcurrency: never more $batch POSTs in flight than allowed", async () => {
    for (const concurrency of [1, 2]) {
      const client = fixture.client({ batchConcurrency: concurrency });
      await getMailbox(client, "wire08");
      fixture.simulator.clearLog();
      fixture.simulator.faults.latencyMs = 150;
      const calls = Array.from({ length: 30 }, (_, i) => ({
        cmdlet: "Get-Mailbox",
        parameters: { Identity: `wire${String(i % 12).padStart(2, "0")}` },
      }));
      const results = await client.batch(calls);
      fixture.simulator.faults.latencyMs = 0;
      assert.ok(results.every((result) => result.ok));
      const posts = entries("batch").map((entry) => {
        const start = Date.parse(entry.time);
        return { start, end: start + entry.durationMs };
      });
      assert.equal(posts.length, 3);
      const overlap = Math.max(
        ...posts.map(
          (post) => posts.filter((other) => other.start <= post.start && post.start < other.end).length,
        ),
      );
      assert.equal(overlap, concurrency, `at most ${concurrency} in flight`);
    }
  });
});
