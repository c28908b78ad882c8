// The shim in real PowerShell when things go wrong on the agent: a connector that crashes, one that never
// answers, a wrong NodePath or ConnectorPath. Each ends as HelloID shows it: Success false and one audit that
// says what happened and what to do. And the secret is on no process's command line while an action runs.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Simulator, startSimulator, Tenant } from "../../src/simulator/index.js";
import { fakeConnector } from "../support/fakeConnector.js";
import { runScript } from "../support/helloidRuntime.js";
import { agentConfiguration, agentEnv, packageFolder, scriptOf } from "../support/packagedConnector.js";
import { onlyAudit, shortLimitDisable } from "../support/shimFailures.js";

const work = mkdtempSync(join(tmpdir(), "exo-pwsh-failures-"));

const isRunning = (pid: number) => existsSync(`/proc/${pid}`);

/**
 * Reads every process's command line and environment every 50 ms until stopped: which processes ran the
 * connector's `action`, and every place `secret` showed up.
 */
function watchProcesses(action: string, secret: string) {
  const connectors = new Set<number>();
  const leaks: string[] = [];
  let watching = true;
  const loop = (async () => {
    while (watching) {
      for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
        for (const file of ["cmdline", "environ"]) {
          let text: string;
          try {
            text = readFileSync(`/proc/${pid}/${file}`, "latin1");
          } catch {
            continue; // the process ended, or is not ours to read
          }
          if (file === "cmdline" && text.includes(`exo-connector.mjs\0run\0${action}`))
            connectors.add(Number(pid));
          if (text.includes(secret))
            leaks.push(`${pid} ${file}: ${text.replaceAll("\0", " ").slice(0, 200)}`);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      watching = false;
      await loop;
      return { connectors, leaks };
    },
  };
}

describe("the shim when the connector or the agent fails", () => {
  const tenant = Tenant.create({
    tenantId: "4a0b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    organization: "contoso.onmicrosoft.com",
  });
  const mailbox = tenant.addUserMailbox({ userPrincipalName: "fail.user@contoso.com" });
  const app = {
    appId: "00000000-0000-0000-0000-0000000f0001",
    secret: `s3cret-${randomBytes(12).toString("hex")}`,
  };
  let simulator: Simulator;
  before(async () => {
    packageFolder();
    simulator = await startSimulator({ tenant, apps: [app] });
  });
  after(() => simulator.close());

  const disable = (configuration: Record<string, unknown> = {}) => ({
    actionContext: {
      Configuration: agentConfiguration(simulator, {
        AppId: app.appId,
        AppSecret: app.secret,
        ...configuration,
      }),
      DryRun: false,
      References: { Account: mailbox.guid },
    },
  });

  it("a connector that crashes: its error reaches the audit (or Write-Error), Success is false", async () => {
    const crash = fakeConnector("crash", `  throw new Error("the connector crashed on purpose");`);
    const run = await runScript(scriptOf("disable"), disable({ ConnectorPath: crash.path }), {
      env: agentEnv(simulator),
    });
    const message = onlyAudit(run);
    assert.equal(
      message,
      "The connector ended without a result (action disable, exit code 1). Error: the connector crashed on purpose",
    );
    // The whole of what Node.js printed (source line, stack) still reaches HelloID's log.
    assert.ok(
      run.warnings.some((line) => line.includes(`(file://${crash.path}:`)),
      run.warnings.join("\n"),
    );
    // An import reports it with Write-Error, as HelloID's import contract asks.
    const listing = await runScript(scriptOf("import"), disable({ ConnectorPath: crash.path }), {
      env: agentEnv(simulator),
    });
    assert.deepEqual(listing.records, []);
    assert.deepEqual(listing.errors, [
      "The connector failed after 0 records (action import, exit code 1). Error: the connector crashed on purpose",
    ]);
  });

  it("a connector that never answers is stopped at the shim's limit, and the audit says so", async () => {
    const hang = fakeConnector("hang", "  setInterval(() => {}, 1000);");
    const script = shortLimitDisable(work);
    const run = await runScript(script, disable({ ConnectorPath: hang.path }), { env: agentEnv(simulator) });
    const message = onlyAudit(run);
    assert.match(
      message,
      /^The connector did not finish within 3 seconds and was stopped \(action disable\)\./,
    );
    assert.equal(isRunning(hang.pid()), false, "the connector process still runs");
    assert.ok(run.durationMs < 15_000, `the shim took ${run.durationMs} ms to give up after 3 s`);
  });

  it("a wrong NodePath: the audit names the path and the field to fix", async () => {
    const run = await runScript(scriptOf("disable"), disable({ NodePath: "/opt/no-node-here/node" }), {
      env: agentEnv(simulator),
    });
    const message = onlyAudit(run);
    assert.match(
      message,
      /^Node\.js could not be started as \[\/opt\/no-node-here\/node\] on HelloID agent \[.+\]: /,
    );
    assert.match(message, /set the configuration field 'Node\.js executable'/);
  });

  it("a wrong ConnectorPath: the audit names the path and the field to fix", async () => {
    const run = await runScript(
      scriptOf("disable"),
      disable({ ConnectorPath: "/opt/nowhere/exo-connector.mjs" }),
      {
        env: agentEnv(simulator),
      },
    );
    const message = onlyAudit(run);
    assert.match(
      message,
      /^The Exchange Online connector was not found at \[\/opt\/nowhere\/exo-connector\.mjs\] on HelloID agent \[.+\]\./,
    );
    assert.match(message, /set the configuration field 'Connector path'/);
  });

  it("the real connector waiting on a silent Exchange is stopped at the shim's limit, its process gone", async () => {
    simulator.faults.latencyMs = 8_000;
    const watch = watchProcesses("disable", app.secret);
    let message: string;
    try {
      message = onlyAudit(await runScript(shortLimitDisable(work), disable(), { env: agentEnv(simulator) }));
    } finally {
      simulator.faults.latencyMs = 0;
    }
    const { connectors } = await watch.stop();
    assert.match(
      message,
      /^The connector did not finish within 3 seconds and was stopped \(action disable\)\./,
    );
    assert.ok(connectors.size >= 1, "the connector process was never seen running");
    for (const pid of connectors)
      assert.equal(isRunning(pid), false, `the connector (process ${pid}) still runs`);
  });

  it("the secret is on no process's command line or environment while a slow action runs", async () => {
    simulator.faults.latencyMs = 700;
    const watch = watchProcesses("disable", app.secret);
    try {
      const run = await runScript(scriptOf("disable"), disable(), { env: agentEnv(simulator) });
      assert.equal(run.outputContext.Success, true, JSON.stringify(run.outputContext.AuditLogs));
    } finally {
      simulator.faults.latencyMs = 0;
    }
    const { connectors, leaks } = await watch.stop();
    assert.ok(connectors.size >= 1, "the connector process was never seen running");
    assert.deepEqual(leaks, []);
  });
});
