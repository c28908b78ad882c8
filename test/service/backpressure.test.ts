// An import read slowly: the service produces records only as fast as its caller reads them, instead of
// fetching every page from Exchange and holding the whole import in memory for a reader that paused.
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { request } from "node:http";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { simulatorConfiguration } from "../../src/demo/configuration.js";
import { generateTenant } from "../../src/simulator/index.js";
import { API_KEY, startWorld } from "./support.js";

const USERS = 30_000;
const PAGE = 1_000;

describe("connector service import backpressure", () => {
  it("stops fetching pages while its caller pauses, then delivers every record in order", async () => {
    // Some 11 MB of records: well beyond what the sockets' kernel buffers take in (about 4 MB on Linux).
    const tenant = generateTenant({ seed: 17, users: USERS, sharedMailboxes: 0, groups: 0 });
    const world = await startWorld({ tenant, pageCap: PAGE });
    try {
      const { service, simulator } = world;
      const pages = () => simulator.requestLog.filter((entry) => entry.kind === "invoke").length;
      const input = JSON.stringify({
        actionContext: {
          Configuration: simulatorConfiguration(simulator, { TokenCache: false }),
          DryRun: true,
          ImportFields: ["UserPrincipalName", "EmailAddresses"],
        },
      });
      const answer = await new Promise<IncomingMessage>((resolve, reject) => {
        const posted = request(
          `${service.url}/v1/run/import`,
          { method: "POST", headers: { authorization: `Bearer ${API_KEY}` } },
          resolve,
        );
        posted.on("error", reject);
        posted.end(input);
      });
      answer.pause();
      assert.equal(answer.statusCode, 200);

      // Paused until no page has been fetched for 2 s: many times a page's fetch, even on a loaded machine, so
      // a service that only fetched slowly (no backpressure) would not look stopped.
      let fetched = pages();
      for (let quietSince = Date.now(); Date.now() - quietSince < 2000; ) {
        await sleep(100);
        if (pages() !== fetched) {
          fetched = pages();
          quietSince = Date.now();
        }
      }
      // About 12 here; without backpressure, all 30 (the whole import waits in the service's memory).
      assert.ok(
        fetched < USERS / PAGE,
        `${fetched} of ${USERS / PAGE} pages fetched while the caller paused`,
      );

      let text = "";
      answer.setEncoding("utf8");
      answer.on("data", (chunk: string) => {
        text += chunk;
      });
      answer.resume();
      await new Promise((resolve) => answer.once("end", resolve));
      const records = text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { AccountReference: string });
      const users = tenant
        .toState()
        .recipients.filter((recipient) => recipient.kind === "mailbox")
        .filter((mailbox) => mailbox.recipientTypeDetails === "UserMailbox")
        .map((mailbox) => mailbox.guid);
      assert.equal(records.length, USERS);
      assert.deepEqual(
        records.map((record) => record.AccountReference),
        users,
        "every record, in Exchange's order",
      );
    } finally {
      await world.close();
    }
  });
});
