// Every generated HelloID script runs in real PowerShell (the HelloID runtime stand-in) with the packaged
// connector against the simulator, and HelloID ends with exactly what the same input run directly through
// `exo-connector run` answers: Success, AccountReference, Data, PreviousData, AuditLogs, Permissions,
// SubPermissions, or the same import records. Each side gets its own simulator on an identical tenant.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { listActions } from "../../src/actions/registry.js";
import { generateTenant, type Simulator, startSimulator, type Tenant } from "../../src/simulator/index.js";
import { type Fixtures, seedFixtures, validInput } from "../reliability/support/catalogue.js";
import { runScript } from "../support/helloidRuntime.js";
import {
  agentConfiguration,
  agentEnv,
  helloidOutcome,
  packageFolder,
  runDirect,
  scriptOf,
} from "../support/packagedConnector.js";

/** The same tenant every time: seeded objects, and Guids and clock deterministic for what actions create. */
function identicalTenant(): { tenant: Tenant; fixtures: Fixtures } {
  const tenant = generateTenant({
    seed: "powershell",
    users: 8,
    sharedMailboxes: 3,
    groups: 4,
    departments: 3,
    membersPerGroup: 2,
    fullAccessPerSharedMailbox: 2,
    sendAsPerSharedMailbox: 1,
    sendOnBehalfPerSharedMailbox: 1,
  });
  let created = 0;
  tenant.newGuid = () => `5e1f0000-0000-4000-8000-${String(++created).padStart(12, "0")}`;
  let clock = Date.UTC(2024, 0, 1);
  tenant.now = () => {
    clock += 1000;
    return clock;
  };
  const fixtures = seedFixtures(tenant);
  tenant.addMember(fixtures.group.guid, fixtures.person.guid);
  tenant.addMailboxPermission(fixtures.sharedMailbox.guid, fixtures.person.guid);
  return { tenant, fixtures };
}

async function side(): Promise<{ simulator: Simulator; fixtures: Fixtures }> {
  const { tenant, fixtures } = identicalTenant();
  return { simulator: await startSimulator({ tenant }), fixtures };
}

describe("every generated script in PowerShell equals `exo-connector run`", { concurrency: 2 }, () => {
  before(() => packageFolder());

  for (const action of listActions()) {
    it(action.name, async () => {
      const [shim, direct] = await Promise.all([side(), side()]);
      try {
        const base = validInput(action.name, shim.fixtures);
        const mapped = (base.actionContext?.Data as Record<string, unknown> | undefined) ?? {};
        const prefilled = { Data: { ...mapped }, PreviousData: {} };
        const inputFor = (simulator: Simulator) => ({
          ...base,
          actionContext: { Configuration: agentConfiguration(simulator), DryRun: false, ...base.actionContext },
          outputContext: prefilled,
        });

        const answer = await runDirect(
          action.name,
          JSON.stringify(inputFor(direct.simulator)),
          agentEnv(direct.simulator),
        );
        assert.equal(answer.exitCode, 0, `the direct run failed:\n${answer.stderr}`);
        const run = await runScript(scriptOf(action.name), inputFor(shim.simulator), {
          env: agentEnv(shim.simulator),
        });
        assert.equal(run.terminatingError, null);
        assert.deepEqual(run.errors, []);

        if (action.kind === "import") {
          assert.deepEqual(run.records, answer.lines);
          assert.ok(
            run.information.some((line) => line.includes(`${answer.lines.length} records imported`)),
            run.information.join("\n"),
          );
        } else {
          assert.equal(answer.lines.length, 1);
          assert.deepEqual(run.outputContext, helloidOutcome(answer.lines[0] ?? {}, prefilled));
          assert.equal(run.outputContext.Success, true);
        }
        assert.deepEqual(
          shim.simulator.writes().map((entry) => entry.cmdlet),
          direct.simulator.writes().map((entry) => entry.cmdlet),
          "the same writes reach Exchange",
        );
      } finally {
        await Promise.all([shim.simulator.close(), direct.simulator.close()]);
      }
    });
  }
});
