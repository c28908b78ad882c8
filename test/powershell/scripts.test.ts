// Every generated HelloID script runs in real PowerShell (the HelloID runtime stand-in) with the packaged
// connector against the simulator, and HelloID ends with exactly what the same input run directly through
// `exo-connector run` answers: Success, AccountReference, Data, PreviousData, AuditLogs, Permissions,
// SubPermissions, or the same import records. Each side gets its own simulator on an identical tenant.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { listActions } from "../../src/actions/registry.js";
import { generateTenant, type Tenant } from "../../src/simulator/index.js";
import { type Fixtures, seedFixtures, validInput } from "../reliability/support/catalogue.js";
import { packageFolder } from "../support/packagedConnector.js";
import { assertSameOutcome, deterministic, runBothWays } from "../support/shimComparison.js";

/** The same small tenant every time, with the catalogue's fixtures holding a membership and a FullAccess. */
function identicalTenant(): { tenant: Tenant; fixtures: Fixtures } {
  const tenant = deterministic(
    generateTenant({
      seed: "powershell",
      users: 8,
      sharedMailboxes: 3,
      groups: 4,
      departments: 3,
      membersPerGroup: 2,
      fullAccessPerSharedMailbox: 2,
      sendAsPerSharedMailbox: 1,
      sendOnBehalfPerSharedMailbox: 1,
    }),
  );
  const fixtures = seedFixtures(tenant);
  tenant.addMember(fixtures.group.guid, fixtures.person.guid);
  tenant.addMailboxPermission(fixtures.sharedMailbox.guid, fixtures.person.guid);
  return { tenant, fixtures };
}
const { fixtures } = identicalTenant();

describe("every generated script in PowerShell equals `exo-connector run`", { concurrency: 2 }, () => {
  before(() => packageFolder());

  for (const action of listActions()) {
    it(action.name, async () => {
      const contexts = validInput(action.name, fixtures);
      const mapped = (contexts.actionContext?.Data as Record<string, unknown> | undefined) ?? {};
      const prefilled = { Data: { ...mapped }, PreviousData: {} };
      await runBothWays(
        action.name,
        () => identicalTenant().tenant,
        contexts,
        prefilled,
        (runs) => {
          assert.equal(runs.direct.exitCode, 0, `the direct run failed:\n${runs.direct.stderr}`);
          assertSameOutcome(runs, action.kind, prefilled);
          if (action.kind === "import") {
            const count = `${runs.direct.lines.length} records imported`;
            assert.ok(
              runs.shim.information.some((line) => line.includes(count)),
              runs.shim.information.join("\n"),
            );
          } else {
            assert.equal(runs.shim.outputContext.Success, true);
          }
        },
      );
    });
  }
});
