import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generateTenant } from "../../src/simulator/index.js";
import { run, startSimulator } from "../support/connector.js";

describe("import", () => {
  const tenant = generateTenant({ seed: 7, users: 23, sharedMailboxes: 4 });
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  before(async () => {
    simulator = await startSimulator({ tenant, pageCap: 5 });
  });
  after(() => simulator.close());

  it("streams every user mailbox exactly once across pages, with the ImportFields", async () => {
    const result = await run(simulator, "import", {
      actionContext: {
        ImportFields: ["Guid", "UserPrincipalName", "CustomAttribute1", "EmailAddresses.Primary"],
        CorrelationConfiguration: { Enabled: true, AccountField: "UserPrincipalName" },
      },
    });
    assert.equal(result.exitCode, 0, result.stderr);
    const users = [...tenant.toState().recipients].filter(
      (r) => r.kind === "mailbox" && r.recipientTypeDetails === "UserMailbox",
    );
    assert.equal(result.records.length, users.length);
    assert.equal(new Set(result.records.map((record) => record.AccountReference)).size, users.length);
    const pages = simulator.requestLog.filter((entry) => entry.kind === "invoke").length;
    assert.ok(pages >= Math.ceil(users.length / 5), `expected paging, saw ${pages} requests`);
    for (const record of result.records) {
      assert.deepEqual(Object.keys(record).sort(), [
        "AccountReference",
        "Data",
        "DisplayName",
        "Enabled",
        "UserName",
      ]);
      assert.ok(record.DisplayName.length <= 100 && record.UserName.length <= 100);
      assert.ok(
        "CustomAttribute1" in record.Data &&
          "EmailAddresses" in record.Data &&
          "UserPrincipalName" in record.Data,
      );
      assert.equal(record.Data.Guid, record.AccountReference);
    }
  });

  it("reports Enabled false in the correlate-only variant", async () => {
    const result = await run(simulator, "correlateOnly/import", {
      actionContext: { ImportFields: ["Guid"] },
    });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.ok(result.records.length > 0);
    assert.ok(result.records.every((record) => record.Enabled === false));
  });
});
