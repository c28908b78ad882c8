import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { type Simulator, startSimulator } from "../../../src/simulator/index.js";
import { invoke, postForm, tokenFor } from "./helpers.js";

describe("faults", () => {
  let sim: Simulator;
  let token: string;

  before(async () => {
    sim = await startSimulator({
      faults: [{ match: { kind: "token" }, times: 1, fault: { type: "status", status: 503 } }],
    });
    sim.tenant.addUserMailbox({ name: "anna" });
    await assert.rejects(tokenFor(sim), /503/, "rules given as options are queued at start");
    token = await tokenFor(sim);
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.clearLog();
  });
  after(() => sim.close());

  const getMailbox = () => invoke(sim, token, "Get-Mailbox", { Identity: "anna" });
  const setMailbox = (value: string) =>
    invoke(sim, token, "Set-Mailbox", { Identity: "anna", CustomAttribute3: value });

  it("throttles with 429 and a decimal Retry-After, as JSON or as the plain-text concurrency message", async () => {
    sim.faults.add({ times: 1, fault: { type: "throttle", retryAfterSeconds: 1.5 } });
    sim.faults.add({ times: 1, fault: { type: "throttle", retryAfterSeconds: 2, plainText: true } });
    const json = await getMailbox();
    assert.equal(json.status, 429);
    assert.equal(json.headers["retry-after"], "1.5");
    assert.equal(json.json().error.code, "TooManyRequests");
    const text = await getMailbox();
    assert.equal(text.status, 429);
    assert.equal(
      text.text,
      "You have reached the maximum number of concurrent requests per tenant. Please wait and try again",
    );
    assert.equal((await getMailbox()).status, 200, "each rule fired once");
    assert.deepEqual(
      sim.requestLog.map((e) => e.fault),
      ["throttle", "throttle", undefined],
    );
  });

  it("answers 5xx: an OData ADTransientException for 500, gateway HTML for 502/503/504", async () => {
    for (const status of [500, 502, 503, 504] as const)
      sim.faults.add({ times: 1, fault: { type: "status", status } });
    const internal = await getMailbox();
    assert.equal(internal.status, 500);
    assert.equal(internal.json().error.code, "InternalServerError");
    assert.equal(
      internal.json().error.innererror.type,
      "Microsoft.Exchange.Data.Directory.ADTransientException",
    );
    for (const status of [502, 503, 504]) {
      const res = await getMailbox();
      assert.equal(res.status, status);
      assert.match(String(res.headers["content-type"]), /^text\/html/);
      assert.match(res.text, /<html>/);
    }
  });

  it("answers 400 naming a transient exception", async () => {
    sim.faults.add({ times: 1, fault: { type: "transientException" } });
    sim.faults.add({
      times: 1,
      fault: { type: "transientException", name: "CmdletProxyNotAvailableFailure" },
    });
    const busy = await getMailbox();
    assert.equal(busy.status, 400);
    assert.match(busy.json().error.details[0].message, /ServerBusyException/);
    assert.equal(busy.headers["x-exceptiontype"], "ServerBusyException");
    assert.match((await getMailbox()).text, /CmdletProxyNotAvailableFailure/);
  });

  it("resets the connection before the cmdlet ran, or after it ran (the write stands)", async () => {
    sim.faults.add({ match: { cmdlet: "Set-Mailbox" }, times: 1, fault: { type: "reset", phase: "before" } });
    await assert.rejects(setMailbox("before"), /socket hang up|ECONNRESET/);
    assert.equal(sim.writes().length, 0);
    assert.equal(sim.requestLog[0]?.status, 0);

    sim.faults.add({ match: { cmdlet: /^set-/i }, times: 1, fault: { type: "reset", phase: "after" } });
    await assert.rejects(setMailbox("after"), /socket hang up|ECONNRESET/);
    assert.equal(sim.writes().length, 1);
    assert.equal(sim.writes()[0]?.parameters?.CustomAttribute3, "after");
    assert.equal((await setMailbox("again")).status, 200);
  });

  it("answers 200 with HTML, 403 NUL bytes, or a one-off 401, and delays", async () => {
    sim.faults.add({ times: 1, fault: { type: "nonJson" } });
    sim.faults.add({ times: 1, fault: { type: "forbidden" } });
    sim.faults.add({ times: 1, fault: { type: "expireToken" } });
    sim.faults.add({ times: 1, fault: { type: "delay", ms: 150 } });
    const html = await getMailbox();
    assert.equal(html.status, 200);
    assert.throws(() => html.json());
    const forbidden = await getMailbox();
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.headers["content-encoding"], "gzip");
    assert.ok(forbidden.body.every((byte) => byte === 0));
    const expired = await getMailbox();
    assert.equal(expired.status, 401);
    assert.match(String(expired.headers["www-authenticate"]), /invalid_token/);
    const started = performance.now();
    assert.equal((await getMailbox()).status, 200);
    assert.ok(performance.now() - started >= 140);
  });

  it("matches rules by cmdlet and kind, counts them down and leaves others alone", async () => {
    sim.faults.add({ match: { cmdlet: "get-mailbox" }, times: 2, fault: { type: "status", status: 503 } });
    sim.faults.add({ match: { kind: "token" }, times: 1, fault: { type: "throttle", retryAfterSeconds: 0 } });
    assert.equal((await setMailbox("x")).status, 200);
    assert.equal((await getMailbox()).status, 503);
    assert.equal(sim.faults.rules[0]?.times, 1);
    assert.equal((await getMailbox()).status, 503);
    assert.equal((await getMailbox()).status, 200);
    const tokenRes = await postForm(sim, `/${sim.tenantId}/oauth2/v2.0/token`, {});
    assert.equal(tokenRes.status, 429);
    assert.equal(sim.faults.rules.length, 0);
    assert.throws(() => sim.faults.add({ times: 0, fault: { type: "forbidden" } }));
  });

  it("adds latency to every request and sets the tenant's replication delay", async () => {
    sim.faults.latencyMs = 120;
    sim.faults.replicationDelayMs = 5000;
    assert.equal(sim.tenant.replicationDelayMs, 5000);
    const started = performance.now();
    await getMailbox();
    assert.ok(performance.now() - started >= 110);
    sim.faults.clear();
    assert.equal(sim.faults.latencyMs, 0);
    assert.equal(sim.tenant.replicationDelayMs, 0);
  });
});
