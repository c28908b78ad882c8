// The built CLI (dist/cli.js, what HelloID's shim runs) against a simulator, as separate processes.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { listActions } from "../src/actions/registry.js";
import { Tenant } from "../src/simulator/index.js";
import { configurationFor, startSimulator } from "./support/connector.js";

const CLI = join(import.meta.dirname, "..", "dist", "cli.js");

function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? "", ...options.env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? "");
  });
}

describe("exo-connector CLI", () => {
  const tenant = Tenant.create({
    tenantId: "8b0b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    organization: "contoso.onmicrosoft.com",
  });
  const mailbox = tenant.addUserMailbox({ userPrincipalName: "cli.user@contoso.com" });
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  let dir: string;
  before(async () => {
    simulator = await startSimulator({ tenant });
    dir = mkdtempSync(join(tmpdir(), "exo-cli-"));
  });
  after(() => simulator.close());

  const createInput = (configuration: Record<string, unknown> = {}) =>
    JSON.stringify({
      actionContext: {
        Configuration: configurationFor(simulator, configuration),
        CorrelationConfiguration: {
          Enabled: true,
          PersonFieldValue: "cli.user@contoso.com",
          AccountField: "UserPrincipalName",
        },
      },
    });

  it("run create --input FILE correlates and prints the outputContext", async () => {
    const file = join(dir, "create.json");
    writeFileSync(file, createInput());
    const result = await cli(["run", "create", "--input", file], {
      env: { NODE_EXTRA_CA_CERTS: simulator.caPath },
    });
    assert.equal(result.code, 0, result.stderr);
    const output = JSON.parse(result.stdout);
    assert.equal(output.Success, true);
    assert.equal(output.AccountReference, mailbox.guid);
    assert.equal(output.AccountCorrelated, true);
  });

  it("reads stdin, exits 1 with the outputContext on failure and never prints the secret", async () => {
    const secret = "wrong-secret-value-9f8e7d";
    const result = await cli(["run", "create"], {
      input: createInput({ AppSecret: secret }),
      env: { NODE_EXTRA_CA_CERTS: simulator.caPath },
    });
    assert.equal(result.code, 1);
    const output = JSON.parse(result.stdout);
    assert.equal(output.Success, false);
    assert.match(output.AuditLogs[0].Message, /secret/i);
    assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret));
  });

  it("exits 2 naming the field for unusable input, and for an unknown action", async () => {
    const bad = await cli(["run", "create"], { input: '{"actionContext":{"Configuration":{}}}' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Configuration\.Organization/);
    assert.equal(bad.stdout, "");
    for (const line of bad.stderr.trim().split("\n")) assert.doesNotThrow(() => JSON.parse(line));
    const unknown = await cli(["run", "nonsense"], { input: "{}" });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown action/);
  });

  it("lists every registered action", async () => {
    const result = await cli(["actions"]);
    assert.equal(result.code, 0);
    const names = result.stdout
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+/)[0]);
    assert.deepEqual(
      names,
      listActions().map((action) => action.name),
    );
  });
});
