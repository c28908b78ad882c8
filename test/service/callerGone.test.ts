// A caller that goes away before its answer (the shim gave up at its own time limit): the service stops the
// action rather than letting it run on to its deadline for nobody, and stays ready for the next caller.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { API_KEY, inputFor, json, post, startWorld } from "./support.js";

describe("connector service and a caller that goes away", () => {
  it("stops the action when its caller disconnects, then serves the next one", async () => {
    const world = await startWorld();
    try {
      const { service, simulator, stderr } = world;
      simulator.faults.add({ times: 1, fault: { type: "delay", ms: 3000 } });
      const input = JSON.parse(inputFor(simulator, "enable"));
      input.actionContext.Configuration.ActionDeadlineSeconds = 20;
      const requestId = "caller-gives-up";
      const gaveUp = AbortSignal.timeout(300);
      await assert.rejects(
        fetch(`${service.url}/v1/run/enable`, {
          method: "POST",
          body: JSON.stringify(input),
          headers: { authorization: `Bearer ${API_KEY}`, "x-request-id": requestId },
          signal: gaveUp,
        }),
      );

      const serviceLines = () =>
        stderr
          .map(
            (line) => JSON.parse(line) as { message: string; requestId?: string; [field: string]: unknown },
          )
          .filter((entry) => entry.requestId === requestId);
      const finished = async () => {
        for (let tries = 0; tries < 150; tries++) {
          const line = serviceLines().find((entry) => entry.message === "action finished");
          if (line) return line;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        assert.fail("the action never finished");
      };
      const line = await finished();
      assert.ok(
        Number(line.durationMs) < 1500,
        `the action stopped ${line.durationMs} ms after it started, not after the 3 s Exchange answer or its 20 s deadline`,
      );
      assert.equal(line.outcome, "failed");
      const gone = serviceLines().filter((entry) => entry.message === "caller went away");
      assert.deepEqual(
        gone.map((entry) => entry.action),
        ["enable"],
      );

      const next = await post(service, "/v1/run/enable", inputFor(simulator, "enable"));
      assert.equal((await json(next)).Success, true, "the next action runs as usual");
      const metrics = await (
        await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${API_KEY}` } })
      ).text();
      assert.match(metrics, /^exo_connector_actions_in_flight 0$/m);
      assert.match(metrics, /^exo_connector_exchange_requests_in_flight\{tenant="[^"]+"\} 0$/m);
    } finally {
      await world.close();
    }
  });
});
