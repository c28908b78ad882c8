// The service's HTTP API against the simulator, through real HTTP: keys, errors, results, metrics.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { captureAction } from "../../src/actions/capture.js";
import { decodeInput } from "../../src/helloid/inputText.js";
import { API_KEY, inputFor, json, post, type ServiceWorld, startWorld } from "./support.js";

describe("connector service API", () => {
  let world: ServiceWorld;
  before(async () => {
    world = await startWorld();
  });
  after(() => world.close());

  it("answers 401 to a missing or wrong key before reading the body or calling Exchange", async () => {
    const { service, simulator } = world;
    const input = inputFor(simulator, "enable");
    const refusals = [
      await post(service, "/v1/run/enable", input, null),
      await post(service, "/v1/run/enable", input, `${API_KEY}x`),
      await post(service, "/v1/run/enable", input, API_KEY.slice(1)),
      await post(service, "/v1/run/no-such-action", "{", "wrong"),
      await post(service, "/v1/run/enable", new Uint8Array(11 * 1024 * 1024), "wrong"),
      await fetch(`${service.url}/metrics`),
    ];
    assert.deepEqual(
      refusals.map((response) => response.status),
      [401, 401, 401, 401, 401, 401],
    );
    assert.match((await json(refusals[0])).error, /Authorization: Bearer/);
    assert.equal(simulator.requestLog.length, 0, "nothing reached Exchange or Entra ID");
  });

  it("answers 404 to an unknown action and 400 with run's message to unusable input", async () => {
    const { service, simulator } = world;
    const unknown = await post(service, "/v1/run/groups/noSuchScript", inputFor(simulator, "enable"));
    assert.equal(unknown.status, 404);
    assert.match((await json(unknown)).error, /unknown action "groups\/noSuchScript"/);
    const undecodable = await post(service, "/v1/run/groups%zz", inputFor(simulator, "enable"));
    assert.equal(undecodable.status, 404);

    const unusable = await post(service, "/v1/run/enable", "{not json");
    assert.equal(unusable.status, 400);
    const printed = await captureAction("enable", "{not json");
    assert.equal(printed.exitCode, 2);
    assert.equal((await json(unusable)).error, JSON.parse(printed.stderr.split("\n")[0] ?? "").message);

    // Input the CLI cannot decode either (UTF-16 without a byte order mark): 400 with run's message, not a 500.
    const utf16 = Buffer.from('{"actionContext":{}}', "utf16le");
    const undecoded = await post(service, "/v1/run/enable", utf16);
    assert.equal(undecoded.status, 400);
    const { error } = await json(undecoded);
    assert.throws(
      () => decodeInput(utf16),
      (refused: Error) => refused.message === error,
    );

    const tooLarge = await post(service, "/v1/run/enable", new Uint8Array(10 * 1024 * 1024 + 1));
    assert.equal(tooLarge.status, 413);
    assert.equal(simulator.requestLog.length, 0, "nothing reached Exchange or Entra ID");
  });

  it("answers an action's outputContext, a failed one as 200 with Success false", async () => {
    const { service, simulator } = world;
    const done = await post(service, "/v1/run/enable", inputFor(simulator, "enable"));
    assert.equal(done.status, 200);
    assert.match(done.headers.get("content-type") ?? "", /^application\/json/);
    const output = await json(done);
    assert.equal(output.Success, true);

    const missing = JSON.parse(inputFor(simulator, "enable"));
    missing.actionContext.References.Account = "00000000-0000-0000-0000-0000000000ff";
    const failed = await post(service, "/v1/run/enable", JSON.stringify(missing));
    assert.equal(failed.status, 200);
    const failure = await json(failed);
    assert.equal(failure.Success, false);
    assert.ok(failure.AuditLogs.length > 0);
  });

  it("runs the readiness check (check.ps1) at /v1/check: its outputContext, and never a write", async () => {
    const { service, simulator } = world;
    const writesBefore = simulator.writes().length;
    const ready = await post(service, "/v1/check", inputFor(simulator, "enable"));
    assert.equal(ready.status, 200);
    const report = await json(ready);
    assert.equal(report.Success, true, JSON.stringify(report.AuditLogs));
    assert.match(report.AuditLogs[0]?.Message ?? "", /^Ready: all \d+ checks passed\.$/);
    assert.equal(simulator.writes().length, writesBefore, "the check wrote to Exchange");

    const wrongTenant = JSON.parse(inputFor(simulator, "enable"));
    wrongTenant.actionContext.Configuration.TenantID = "not a tenant";
    const failed = await json(await post(service, "/v1/check", JSON.stringify(wrongTenant)));
    assert.equal(failed.Success, false);
    assert.ok(failed.AuditLogs.some((log: { Message: string; IsError: boolean }) => log.IsError));

    assert.equal((await post(service, "/v1/check", "{not json")).status, 400);
    assert.equal((await post(service, "/v1/check", "{}", null)).status, 401);
  });

  it("reuses the token across actions: 10 more actions, no further token request", async () => {
    const { service, simulator } = world;
    assert.equal((await post(service, "/v1/run/enable", inputFor(simulator, "enable"))).status, 200);
    const tokenRequests = () => simulator.requestLog.filter((entry) => entry.kind === "token").length;
    const before = tokenRequests();
    assert.ok(before >= 1);
    for (let i = 0; i < 10; i++) {
      const response = await post(service, "/v1/run/disable", inputFor(simulator, "disable"));
      assert.equal((await json(response)).Success, true);
    }
    assert.equal(tokenRequests(), before);
  });

  it("reports health and Prometheus metrics", async () => {
    const { service } = world;
    const health = await fetch(`${service.url}/healthz`);
    assert.deepEqual(await health.json(), { status: "ok" });
    const metrics = await fetch(`${service.url}/metrics`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    assert.match(metrics.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    assert.match(text, /^exo_connector_actions_total\{action="disable",outcome="success"\} 10$/m);
    assert.match(text, /^exo_connector_actions_total\{action="enable",outcome="failed"\} 1$/m);
    assert.match(text, /^exo_connector_actions_total\{action="enable",outcome="unusable_input"\} 1$/m);
    assert.match(text, /^exo_connector_exchange_requests_total [1-9]\d*$/m);
    assert.match(text, /^exo_connector_token_requests_total [1-9]\d*$/m);
    assert.match(text, /^# TYPE exo_connector_exchange_requests_in_flight gauge$/m);
    assert.match(text, /^exo_connector_exchange_requests_in_flight\{tenant="[^"]+"\} 0$/m);
  });
});
