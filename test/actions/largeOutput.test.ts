import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateTenant } from "../../src/simulator/index.js";
import { run, withSimulator } from "../support/connector.js";

describe("a large retrieve-permissions output", () => {
  it("is written in slices that join to exactly JSON.stringify's one line", async () => {
    await withSimulator(
      { tenant: generateTenant({ seed: 5, sharedMailboxes: 2_345 }) },
      async (simulator) => {
        const result = await run(simulator, "sharedMailboxes/permissions");
        assert.equal(result.exitCode, 0);
        assert.equal(result.output.Permissions.length, 2_345);
        assert.equal(result.stdout, `${JSON.stringify(JSON.parse(result.stdout))}\n`);
        assert.deepEqual(Object.keys(result.output), [
          "Success",
          "AuditLogs",
          "Permissions",
          "SubPermissions",
        ]);
      },
    );
  });
});
