// The built CLI (dist/cli.js, what HelloID's shim runs) against a simulator, as separate processes.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import packageJson from "../package.json" with { type: "json" };
import { listActions } from "../src/actions/registry.js";
import { Tenant } from "../src/simulator/index.js";
import { BUILT_CLI, runBuiltCli } from "./support/cli.js";
import { configurationFor, startSimulator } from "./support/connector.js";

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
    const result = await runBuiltCli(["run", "create", "--input", file], {
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
    const result = await runBuiltCli(["run", "create"], {
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
    const bad = await runBuiltCli(["run", "create"], { input: '{"actionContext":{"Configuration":{}}}' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Configuration\.Organization/);
    assert.equal(bad.stdout, "");
    for (const line of bad.stderr.trim().split("\n")) assert.doesNotThrow(() => JSON.parse(line));
    const unknown = await runBuiltCli(["run", "nonsense"], { input: "{}" });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown action/);
  });

  it("npm ci builds dist/cli.js: the package's prepare script runs the build", () => {
    assert.equal(packageJson.scripts.prepare, "npm run build");
    assert.equal(packageJson.scripts.build, "node scripts/build.mjs");
    assert.equal(packageJson.bin["exo-connector"], "dist/cli.js");
  });

  it("--version prints the package's version", async () => {
    for (const flag of ["--version", "-V"]) {
      const result = await runBuiltCli([flag]);
      assert.equal(result.code, 0);
      assert.equal(result.stdout.trim(), packageJson.version);
    }
  });

  it("reads an input file saved as UTF-16 with a byte order mark, and names UTF-16 without one", async () => {
    const text = createInput();
    const bigEndian = (input: string) => Buffer.from(input, "utf16le").swap16();
    const files: [string, Buffer][] = [
      ["utf8-bom.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ["utf16le-bom.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
      ["utf16be-bom.json", Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian(text)])],
    ];
    for (const [name, bytes] of files) {
      writeFileSync(join(dir, name), bytes);
      const result = await runBuiltCli(["run", "create", "--input", join(dir, name)], {
        env: { NODE_EXTRA_CA_CERTS: simulator.caPath },
      });
      assert.equal(result.code, 0, `${name}: ${result.stderr}`);
      assert.equal(JSON.parse(result.stdout).AccountReference, mailbox.guid);
    }
    for (const [name, bytes, order] of [
      ["utf16le.json", Buffer.from(text, "utf16le"), "little-endian"],
      ["utf16be.json", bigEndian(text), "big-endian"],
    ] as const) {
      writeFileSync(join(dir, name), bytes);
      const result = await runBuiltCli(["run", "create", "--input", join(dir, name)]);
      assert.equal(result.code, 2);
      assert.match(
        JSON.parse(result.stderr).message,
        new RegExp(`looks like UTF-16 \\(${order}\\) without a byte order mark`),
      );
    }
    // On stdin too.
    const piped = await runBuiltCli(["run", "create"], {
      input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
      env: { NODE_EXTRA_CA_CERTS: simulator.caPath },
    });
    assert.equal(piped.code, 0, piped.stderr);
  });

  it("simulator: faults and throttling on the command line; a bad rule exits 2 naming it", async () => {
    const bad = await runBuiltCli(["simulator", "--fault", "status=404"]);
    assert.equal(bad.code, 2);
    assert.match(JSON.parse(bad.stderr).message, /--fault status=404: status: expected 500, 502, 503 or 504/);

    const child = spawn(
      process.execPath,
      [BUILT_CLI, "simulator", "--throttle-every", "4", "--fault", "reset=before,times=1", "--latency", "2"],
      { env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let banner = "";
    try {
      for await (const chunk of child.stdout) {
        banner += String(chunk);
        if (banner.includes("Press Ctrl+C")) break;
      }
    } finally {
      child.kill("SIGTERM");
    }
    assert.match(banner, /throttle 1: 1 in 4 cmdlet requests/);
    assert.match(banner, /reset before: every one of the cmdlet requests \(1 times\)/);
    assert.match(banner, /latency 2 ms/);
  });

  it("lists every registered action", async () => {
    const result = await runBuiltCli(["actions"]);
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
