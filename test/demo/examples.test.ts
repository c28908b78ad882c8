// `exo-connector example <action>`: the printed input of every action is accepted and runs against the
// simulator serving the sample tenant (what `exo-connector simulator` serves by default).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { captureAction } from "../../src/actions/capture.js";
import { listActions } from "../../src/actions/registry.js";
import { exampleInput, SIMULATOR_URL_PLACEHOLDER } from "../../src/demo/examples.js";
import { type Simulator, sampleTenant, startSimulator } from "../../src/simulator/index.js";

const CLI = join(import.meta.dirname, "..", "..", "dist", "cli.js");

describe("exo-connector example", () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await startSimulator({ tenant: sampleTenant() });
  });
  after(() => simulator.close());

  const runExample = (action: string, dryRun: boolean) =>
    captureAction(action, JSON.stringify(exampleInput(action, { simulatorUrl: simulator.url, dryRun })), {
      connection: { ca: simulator.caPem },
    });

  it("every action's example is accepted and succeeds as a preview, without a write", async () => {
    for (const { name, kind } of listActions()) {
      const result = await runExample(name, true);
      assert.equal(result.exitCode, 0, `${name}: ${result.stderr}${result.stdout}`);
      if (kind === "output") assert.equal((result.lines[0] as { Success: boolean }).Success, true, name);
    }
    assert.equal(simulator.writes().length, 0);
  });

  it("every action's example with --no-dry-run runs for real", async () => {
    for (const { name } of listActions()) {
      const result = await runExample(name, false);
      assert.equal(result.exitCode, 0, `${name}: ${result.stderr}${result.stdout}`);
    }
    assert.ok(simulator.writes().length > 0);
  });

  it("prints the input on the command line, with a placeholder until --simulator-url is given", () => {
    const printed: { actionContext: { Configuration: Record<string, unknown> } } = JSON.parse(
      execFileSync(process.execPath, [CLI, "example", "groups/grantPermission"], { encoding: "utf8" }),
    );
    assert.deepEqual(printed, exampleInput("groups/grantPermission"));
    assert.equal(printed.actionContext.Configuration.AdminApiUrl, SIMULATOR_URL_PLACEHOLDER);
    const pointed = JSON.parse(
      execFileSync(
        process.execPath,
        [CLI, "example", "update", "--simulator-url", simulator.url, "--no-dry-run"],
        {
          encoding: "utf8",
        },
      ),
    );
    assert.equal(pointed.actionContext.Configuration.AuthorityUrl, simulator.url);
    assert.equal(pointed.actionContext.DryRun, false);
  });
});
