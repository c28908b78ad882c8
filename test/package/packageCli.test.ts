// `exo-connector package --out DIR` with the built CLI, as an implementer runs it: every action that
// `exo-connector actions` lists has exactly one script, and the connector copied into the folder runs on
// its own (no node_modules beside it) against the simulator.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { after, before, describe, it } from "node:test";
import { scriptPath } from "../../src/package/layout.js";
import { Tenant } from "../../src/simulator/index.js";
import { configurationFor, startSimulator } from "../support/connector.js";

const CLI = join(import.meta.dirname, "..", "..", "dist", "cli.js");

function node(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      args,
      { env: { PATH: process.env.PATH ?? "", ...options.env }, cwd: options.cwd, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? "");
  });
}

function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? filesUnder(path, root)
      : [relative(root, path).split(sep).join("/")];
  });
}

describe("exo-connector package (built CLI)", () => {
  const tenant = Tenant.create({
    tenantId: "4a0b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    organization: "contoso.onmicrosoft.com",
  });
  const mailbox = tenant.addUserMailbox({ userPrincipalName: "package.user@contoso.com" });
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  let out: string;
  before(async () => {
    simulator = await startSimulator({ tenant });
    out = join(mkdtempSync(join(tmpdir(), "exo-package-cli-")), "x");
  });
  after(() => simulator.close());

  it("writes the folder, with exactly one script for every action `exo-connector actions` lists", async () => {
    const result = await node([CLI, "package", "--out", out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Wrote \d+ files \(\d+ scripts\)/);
    const actions = await node([CLI, "actions"]);
    const names = actions.stdout
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+/)[0] as string);
    const scripts = filesUnder(out)
      .filter((file) => file.endsWith(".ps1"))
      .sort();
    assert.deepEqual(scripts, [...names.map(scriptPath), "check.ps1"].sort());
    for (const name of names) {
      const text = readFileSync(join(out, scriptPath(name)), "utf8");
      assert.equal(text.match(/^\$exoAction = '(.*)'\r$/m)?.[1], name);
    }
    assert.deepEqual(readFileSync(join(out, "connector", "exo-connector.mjs")), readFileSync(CLI));
  });

  it("the packaged connector runs on its own, from any folder", async () => {
    const alone = mkdtempSync(join(tmpdir(), "exo-agent-"));
    copyFileSync(join(out, "connector", "exo-connector.mjs"), join(alone, "exo-connector.mjs"));
    const input = JSON.stringify({
      actionContext: {
        Configuration: configurationFor(simulator),
        CorrelationConfiguration: {
          Enabled: true,
          PersonFieldValue: "package.user@contoso.com",
          AccountField: "UserPrincipalName",
        },
      },
    });
    const result = await node([join(alone, "exo-connector.mjs"), "run", "create"], {
      input,
      cwd: alone,
      env: { NODE_EXTRA_CA_CERTS: simulator.caPath },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).AccountReference, mailbox.guid);
  });

  it("accepts input that starts with a UTF-8 byte order mark (as .NET can write it to a child's stdin)", async () => {
    const input = JSON.stringify({
      actionContext: {
        Configuration: configurationFor(simulator),
        CorrelationConfiguration: {
          Enabled: true,
          PersonFieldValue: "package.user@contoso.com",
          AccountField: "UserPrincipalName",
        },
      },
    });
    const result = await node([CLI, "run", "create"], {
      input: `\uFEFF${input}`,
      env: { NODE_EXTRA_CA_CERTS: simulator.caPath },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).AccountReference, mailbox.guid);
  });

  it("refuses a folder that holds something else, with exit code 2 and a clear message", async () => {
    const foreign = mkdtempSync(join(tmpdir(), "exo-foreign-"));
    copyFileSync(CLI, join(foreign, "something.js"));
    const result = await node([CLI, "package", "--out", foreign]);
    assert.equal(result.code, 2);
    assert.match(JSON.parse(result.stderr.trim()).message, /not empty/);
  });
});
