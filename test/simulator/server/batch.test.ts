import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Simulator, startSimulator } from "../../../src/simulator/index.js";
import { cmdletBody, send, tokenFor } from "./helpers.js";

describe("$batch", () => {
  let sim: Simulator;
  let token: string;
  const batchPath = () => `/adminapi/beta/${sim.tenantId}/$batch`;
  const item = (id: string, cmdlet: string, parameters: Record<string, unknown>, extra: object = {}) => ({
    id,
    method: "POST",
    url: `${sim.url}/adminapi/beta/${sim.tenantId}/InvokeCommand`,
    headers: {
      Authorization: `Bearer ${token}`,
      "X-CmdletName": cmdlet,
      Prefer: "odata.maxpagesize = 1000;odata.continue-on-error",
    },
    body: JSON.parse(cmdletBody(cmdlet, parameters)),
    ...extra,
  });
  const postBatch = (requests: unknown[], headers: Record<string, string> = {}) =>
    send(sim, "POST", batchPath(), {
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
      body: JSON.stringify({ requests }),
    });

  before(async () => {
    sim = await startSimulator({ pageCap: 4 });
    for (let i = 0; i < 6; i += 1) sim.tenant.addSharedMailbox({ name: `box${i}` });
    token = await tokenFor(sim);
  });
  after(() => sim.close());

  it("answers 200 with one response per item, each with its own status and envelope", async () => {
    sim.clearLog();
    const res = await postBatch([
      item("a", "Set-Mailbox", { Identity: "box1", CustomAttribute1: "one" }),
      item("b", "Get-Mailbox", { Identity: "no-such-box" }),
      item("c", "Get-Mailbox", { Identity: "box2" }, { url: "InvokeCommand?$select=Name" }),
    ]);
    assert.equal(res.status, 200);
    const { responses } = res.json();
    assert.deepEqual(
      responses.map((r: { id: string; status: number }) => [r.id, r.status]),
      [
        ["a", 200],
        ["b", 404],
        ["c", 200],
      ],
    );
    assert.deepEqual(responses[0].body.value, []);
    assert.equal(responses[1].body.error.code, "NotFound");
    assert.equal(responses[1].headers["x-ExceptionType"], "ManagementObjectNotFoundException");
    assert.deepEqual(responses[2].body.value, [{ Name: "box2" }]);
    assert.deepEqual(
      sim.requestLog.map((e) => [e.kind, e.batchItemId, e.status]),
      [
        ["batch-item", "a", 200],
        ["batch-item", "b", 404],
        ["batch-item", "c", 200],
        ["batch", undefined, 200],
      ],
    );
    assert.equal(sim.writes().length, 1);
  });

  it("pages inside a batch: the sub-response carries a nextLink that can be re-batched", async () => {
    const first = (await postBatch([item("0", "Get-Mailbox", { ResultSize: "Unlimited" })])).json()
      .responses[0];
    assert.equal(first.body.value.length, 4);
    const next = first.body["@odata.nextLink"];
    assert.ok(next);
    const second = (
      await postBatch([item("0", "Get-Mailbox", { ResultSize: "Unlimited" }, { url: next })])
    ).json().responses[0];
    assert.equal(second.body.value.length, 2);
    assert.equal(second.body["@odata.nextLink"], undefined);
  });

  it("authorises each item by its own Authorization header only, never by the batch's", async () => {
    const res = await postBatch([
      item("own", "Get-Mailbox", { Identity: "box0" }, { headers: { Authorization: "Bearer garbage" } }),
      item("none", "Get-Mailbox", { Identity: "box0" }, { headers: { "X-CmdletName": "Get-Mailbox" } }),
      item("valid", "Get-Mailbox", { Identity: "box0" }),
    ]);
    assert.deepEqual(
      res.json().responses.map((r: { status: number }) => r.status),
      [401, 401, 200],
    );
  });

  it("carries the 403 NUL body of a forbidden item as a string", async () => {
    const res = await postBatch([item("x", "Get-Unicorn", {})]);
    const [forbidden] = res.json().responses;
    assert.equal(forbidden.status, 403);
    assert.match(forbidden.body, /^\0+$/);
  });

  it("rejects more than 10 requests, malformed batches and a missing token as a whole", async () => {
    sim.clearLog();
    const eleven = Array.from({ length: 11 }, (_, i) => item(String(i), "Get-Mailbox", {}));
    assert.equal((await postBatch(eleven)).status, 400);
    assert.equal((await postBatch([item("1", "Get-Mailbox", {}), item("1", "Get-Mailbox", {})])).status, 400);
    assert.equal(
      (await postBatch([{ ...item("1", "Get-Mailbox", {}), body: cmdletBody("Get-Mailbox") }])).status,
      400,
    );
    assert.equal((await postBatch([], { Authorization: "" })).status, 401);
    assert.equal(sim.requestLog.filter((e) => e.kind === "batch-item").length, 0, "nothing ran");
  });

  it("applies faults to the batch as a whole or to single items", async () => {
    sim.clearLog();
    sim.faults.add({ match: { kind: "batch" }, times: 1, fault: { type: "throttle", retryAfterSeconds: 1 } });
    assert.equal((await postBatch([item("0", "Get-Mailbox", {})])).status, 429);
    sim.faults.add({ match: { cmdlet: "Get-Mailbox" }, times: 1, fault: { type: "status", status: 503 } });
    const statuses = (await postBatch([item("0", "Get-Mailbox", {}), item("1", "Get-Mailbox", {})])).json()
      .responses;
    assert.deepEqual(
      statuses.map((r: { status: number }) => r.status),
      [503, 200],
    );
    sim.faults.add({ match: { cmdlet: "Set-Mailbox" }, times: 1, fault: { type: "reset", phase: "after" } });
    await assert.rejects(
      postBatch([
        item("0", "Set-Mailbox", { Identity: "box3", CustomAttribute1: "kept" }),
        item("1", "Set-Mailbox", { Identity: "box4", CustomAttribute1: "never" }),
      ]),
      /socket hang up|ECONNRESET/,
    );
    assert.deepEqual(
      sim.writes().map((e) => e.parameters?.Identity),
      ["box3"],
      "the write before the reset happened, the one after it never ran",
    );
  });

  it("answers per item for a wrong method or an unknown URL", async () => {
    const res = await postBatch([
      item("get", "Get-Mailbox", {}, { method: "GET" }),
      item("url", "Get-Mailbox", {}, { url: `/adminapi/beta/${sim.tenantId}/Mailbox` }),
    ]);
    assert.deepEqual(
      res.json().responses.map((r: { status: number }) => r.status),
      [405, 404],
    );
  });
});
