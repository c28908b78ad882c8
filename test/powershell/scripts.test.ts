// Every generated HelloID script runs in real PowerShell (the HelloID runtime stand-in) with the packaged
// connector against the simulator, and HelloID ends with exactly what the same input run directly through
// `exo-connector run` answers: Success, AccountReference, Data, PreviousData, AuditLogs, Permissions,
// SubPermissions, or the same import records. Each side gets its own simulator on an identical tenant.
// Then all of it again with ConnectorUrl set: the scripts post to the packaged connector run as a service
// (`exo-connector.mjs serve`), as on HelloID's cloud agent, and HelloID must still end with the same.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { listActions } from "../../src/actions/registry.js";
import { generateTenant, startSimulator, type Tenant } from "../../src/simulator/index.js";
import { type Fixtures, seedFixtures, validInput } from "../reliability/support/catalogue.js";
import { connectorPath, packageFolder } from "../support/packagedConnector.js";
import { type ServeProcess, startServe } from "../support/serveProcess.js";
import {
  assertSameOutcome,
  type ConnectorService,
  deterministic,
  runBothWays,
} from "../support/shimComparison.js";

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

/** Every action's script, run both ways and compared; `service()` is the connector service, if any. */
function everyScript(service: () => ConnectorService | undefined) {
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
          const onService = runs.shim.information.some((line) =>
            line.includes("runs on the connector service"),
          );
          assert.equal(onService, service() !== undefined, runs.shim.information.join("\n"));
        },
        service(),
      );
    });
  }
}

describe("every generated script in PowerShell equals `exo-connector run`", { concurrency: 2 }, () => {
  before(() => packageFolder());
  everyScript(() => undefined);
});

describe("every generated script posting to the connector service equals `exo-connector run`", {
  concurrency: 2,
}, () => {
  const apiKey = randomBytes(24).toString("hex");
  let serve: ServeProcess;
  before(async () => {
    packageFolder();
    // Every simulator of this process presents a certificate of the same test CA.
    const simulator = await startSimulator();
    const caPath = simulator.caPath;
    serve = await startServe(connectorPath(), [], {
      EXO_CONNECTOR_API_KEYS: apiKey,
      NODE_EXTRA_CA_CERTS: caPath,
    });
    await simulator.close();
  });
  after(async () => {
    await serve.stop();
    assert.ok(!serve.stderr().includes(apiKey), "the API key reached the service's log");
  });
  everyScript(() => ({ url: serve.listening, apiKey }));
});
