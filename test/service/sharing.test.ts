// What one service shares between the actions it runs: a per-tenant limit on Exchange requests in flight,
// keep-alive connections; and import records streamed as Exchange's pages arrive.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startProxy } from "../support/proxy.js";
import { inputFor, json, post, startWorld } from "./support.js";

describe("connector service sharing", () => {
  it("runs 16 parallel actions with at most --tenant-concurrency Exchange requests in flight", async () => {
    const world = await startWorld({ tenantConcurrency: 3, latencyMs: 40 });
    try {
      const { service, simulator } = world;
      const actions = ["enable", "disable", "update", "create"];
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) => {
          const action = actions[i % actions.length] ?? "enable";
          return post(service, `/v1/run/${action}`, inputFor(simulator, action));
        }),
      );
      const outputs = await Promise.all(answers.map((answer) => json(answer)));
      assert.deepEqual(
        outputs.map((output) => output.Success),
        Array(16).fill(true),
      );
      const semaphore = service.limiters.for(simulator.tenantId.toLowerCase());
      assert.equal(semaphore.maxInFlight, 3, "the limit was reached and never exceeded");
      assert.equal(semaphore.inFlight, 0);
      const exchangeRequests = simulator.requestLog.filter((entry) => entry.kind === "invoke").length;
      assert.ok(exchangeRequests >= 16, `${exchangeRequests} Exchange requests`);
    } finally {
      await world.close();
    }
  });

  it("keeps each action's deadline while it waits for the tenant's limit", async () => {
    const world = await startWorld({ tenantConcurrency: 1 });
    try {
      const { service, simulator } = world;
      simulator.faults.add({ times: 1, fault: { type: "delay", ms: 2500 } });
      const slow = post(service, "/v1/run/enable", inputFor(simulator, "enable"));
      const semaphore = service.limiters.for(simulator.tenantId.toLowerCase());
      while (semaphore.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 10));

      const hurried = JSON.parse(inputFor(simulator, "disable"));
      hurried.actionContext.Configuration.ActionDeadlineSeconds = 1;
      const startedAt = Date.now();
      const failed = await json(await post(service, "/v1/run/disable", JSON.stringify(hurried)));
      assert.ok(Date.now() - startedAt < 2000, "it failed at its deadline, not when the slot came free");
      assert.equal(failed.Success, false);
      assert.match(
        failed.AuditLogs.map((log: { Message: string }) => log.Message).join("\n"),
        /within 1(?:\.\d)? s \(the action deadline\).*waiting for one of the requests in flight/,
      );
      assert.equal((await json(await slow)).Success, true, "the slow action still finished");
    } finally {
      await world.close();
    }
  });

  it("keeps its connections open from one action to the next", async () => {
    const world = await startWorld();
    // Through a proxy, each connection is a CONNECT tunnel the proxy counts.
    const proxy = await startProxy();
    try {
      const { service, simulator } = world;
      const input = JSON.parse(inputFor(simulator, "disable"));
      input.actionContext.Configuration.ProxyUrl = proxy.url;
      for (let i = 0; i < 6; i++) {
        assert.equal(
          (await json(await post(service, "/v1/run/disable", JSON.stringify(input)))).Success,
          true,
        );
      }
      assert.deepEqual(
        proxy.tunnels,
        [new URL(simulator.url).host],
        "one connection for the token and 6 actions",
      );
    } finally {
      await world.close();
      await proxy.close();
    }
  });

  it("streams an import as NDJSON while Exchange's pages still arrive", async () => {
    const world = await startWorld({ pageCap: 1, latencyMs: 20 });
    try {
      const { service, simulator } = world;
      const answer = await post(service, "/v1/run/import", inputFor(simulator, "import"));
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get("content-type"), "application/x-ndjson");
      assert.ok(answer.body);
      const pagesAnswered = () => simulator.requestLog.filter((entry) => entry.kind === "invoke").length;
      let text = "";
      let pagesAtFirstRecord: number | undefined;
      const decoder = new TextDecoder();
      for await (const chunk of answer.body) {
        pagesAtFirstRecord ??= pagesAnswered();
        text += decoder.decode(chunk, { stream: true });
      }
      const records = text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      assert.ok(records.length >= 2, `${records.length} records`);
      assert.ok(records.every((record) => typeof record.AccountReference === "string"));
      assert.ok(
        (pagesAtFirstRecord ?? 0) < pagesAnswered(),
        `the first record arrived after ${pagesAtFirstRecord} of ${pagesAnswered()} pages`,
      );
    } finally {
      await world.close();
    }
  });
});
