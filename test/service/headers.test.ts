// What every answer of the service carries: the request id (the caller's X-Request-Id when it is safe, else
// one the service makes), also on each of the action's log lines so interleaved actions can be told apart;
// and the connector's version.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { VERSION } from "../../src/version.js";
import { API_KEY, inputFor, json, post, type ServiceWorld, startWorld } from "./support.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("connector service headers", () => {
  let world: ServiceWorld;
  before(async () => {
    world = await startWorld();
  });
  after(() => world.close());

  /** The JSON log lines that carry this request id. */
  const linesOf = (requestId: string) =>
    world.stderr
      .flatMap((chunk) => chunk.split("\n"))
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { message: string; requestId?: string })
      .filter((entry) => entry.requestId === requestId);

  it("answers with the caller's X-Request-Id and puts it on each of the action's log lines", async () => {
    const { service, simulator } = world;
    const requestId = "helloid.run:42_Abc-9";
    const input = JSON.parse(inputFor(simulator, "enable"));
    input.actionContext.Configuration.LogLevel = "debug";
    const logged = world.stderr.length;
    const answer = await post(service, "/v1/run/enable", JSON.stringify(input), API_KEY, {
      "x-request-id": requestId,
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get("x-request-id"), requestId);
    assert.equal(answer.headers.get("x-exo-connector-version"), VERSION);
    await answer.json();

    const written = world.stderr.slice(logged);
    const actionLines = written.filter((line) => !line.includes('"action finished"'));
    assert.ok(actionLines.length >= 2, `the action logged at debug level: ${written.join("")}`);
    for (const line of actionLines) {
      assert.ok(line.endsWith("\n"), "one line per write, as the action wrote it");
      assert.equal(JSON.parse(line).requestId, requestId, line);
    }
    const finished = linesOf(requestId).filter((entry) => entry.message === "action finished");
    assert.equal(finished.length, 1);
  });

  it("makes a UUID when X-Request-Id is missing or not of the safe form", async () => {
    const { service, simulator } = world;
    const refused = [undefined, "", "has space", 'quote"d', "x".repeat(101), "line\u00e9"];
    for (const given of refused) {
      const answer = await post(
        service,
        "/v1/run/disable",
        inputFor(simulator, "disable"),
        API_KEY,
        given === undefined ? {} : { "x-request-id": given },
      );
      const used = answer.headers.get("x-request-id") ?? "";
      assert.match(used, UUID, `for ${JSON.stringify(given)}`);
      assert.equal((await json(answer)).Success, true);
      assert.equal(linesOf(used).filter((entry) => entry.message === "action finished").length, 1);
    }
    const longest = "a".repeat(100);
    const answer = await post(service, "/v1/run/disable", inputFor(simulator, "disable"), API_KEY, {
      "x-request-id": longest,
    });
    assert.equal(answer.headers.get("x-request-id"), longest);
    await answer.json();
  });

  it("carries the request id and the version on every answer: 401, 404, 400, 413, healthz, metrics", async () => {
    const { service, simulator } = world;
    const requestId = "every-answer";
    const headers = { "x-request-id": requestId };
    const answers = [
      await post(service, "/v1/run/enable", "{}", "wrong-key-0123456789", headers),
      await post(service, "/v1/run/no-such-action", inputFor(simulator, "enable"), API_KEY, headers),
      await post(service, "/v1/run/enable", "{not json", API_KEY, headers),
      await post(service, "/v1/run/enable", new Uint8Array(10 * 1024 * 1024 + 1), API_KEY, headers),
      await fetch(`${service.url}/healthz`, { headers }),
      await fetch(`${service.url}/metrics`, { headers: { ...headers, authorization: `Bearer ${API_KEY}` } }),
    ];
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [401, 404, 400, 413, 200, 200],
    );
    for (const answer of answers) {
      assert.equal(answer.headers.get("x-request-id"), requestId, `on the ${answer.status}`);
      assert.equal(answer.headers.get("x-exo-connector-version"), VERSION, `on the ${answer.status}`);
      await answer.arrayBuffer();
    }
    // Unusable input is the action's own error line, tagged like the rest.
    assert.ok(linesOf(requestId).some((entry) => entry.message !== "action finished"));
  });
});
