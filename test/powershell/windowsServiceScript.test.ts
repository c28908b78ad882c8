// deploy/install-windows-service.ps1 in real PowerShell 7 (the pinned one): its parser finds no error, and its
// -DryRun (which touches nothing Windows-only) prints each step: the XML made private before the key goes in,
// the exact WinSW install and start, the account, serve arguments the CLI accepts, and a generated key once.
// What only Windows can show (WinSW, sc.exe, icacls, the SCM's Ctrl+C on stop) is not run here.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { BUILT_CLI, serveArgumentsRefusal, windowsCommandLineWords } from "../support/cli.js";
import { powerShellCommand } from "../support/helloidRuntime.js";

const SCRIPT = join(import.meta.dirname, "..", "..", "deploy", "install-windows-service.ps1");
const work = mkdtempSync(join(tmpdir(), "exo-winsvc-"));
const winsw = join(work, "WinSW-x64.exe");
writeFileSync(winsw, "");
after(() => rmSync(work, { recursive: true, force: true }));

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Runs a PowerShell command in the pinned PowerShell; its exit code, stdout and stderr. */
function powerShell(command: string) {
  const [program, ...prefix] = powerShellCommand() as [string, ...string[]];
  const result = spawnSync(program, [...prefix, "-NoProfile", "-NonInteractive", "-Command", command], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The script's -DryRun with the files it checks present (this node for node.exe, the built CLI as bundle). */
function dryRun(parameters = "") {
  const files = `-WinSW ${quote(winsw)} -Bundle ${quote(BUILT_CLI)} -NodeExe ${quote(process.execPath)}`;
  const run = powerShell(`& ${quote(SCRIPT)} -DryRun ${files} ${parameters}`);
  return { ...run, lines: run.stdout.split(/\r?\n/) };
}

/** The serve arguments the dry run says it writes into exo-connector.xml. */
function serveArguments(lines: string[]): string[] {
  const line = lines.find((text) => text.includes("with the API key and the arguments: ")) ?? "";
  const [bundle, command, ...options] = windowsCommandLineWords(line.split("arguments: ")[1] ?? "");
  assert.equal(bundle, "%BASE%\\exo-connector.mjs");
  assert.equal(command, "serve");
  return options;
}

describe("deploy/install-windows-service.ps1 in PowerShell", () => {
  it("parses without an error in PowerShell's own parser", () => {
    const run = powerShell(
      `$tokens = $null; $errors = $null; [void][System.Management.Automation.Language.Parser]::ParseFile(${quote(SCRIPT)}, [ref]$tokens, [ref]$errors); ConvertTo-Json -InputObject @($errors | ForEach-Object { $_.ToString() })`,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });

  it("dry run: prints each step, the exact install, serve arguments the CLI accepts, and a new key once", async () => {
    const run = dryRun();
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    const keys = run.stdout.match(/[0-9a-f]{64}/g) ?? [];
    assert.equal(keys.length, 1, run.stdout);
    assert.ok(run.lines.includes(`    ${keys[0]}`));
    const step = (line: string) => {
      const index = run.lines.indexOf(line);
      assert.ok(index >= 0, `${line}\nnot in:\n${run.stdout}`);
      return index;
    };
    const xml = "C:\\Program Files\\exo-connector\\exo-connector.xml";
    const exe = '"C:\\Program Files\\exo-connector\\exo-connector.exe"';
    const order = [
      step("would create C:\\Program Files\\exo-connector and copy the connector and WinSW into it"),
      step(`would run: icacls.exe "${xml}" /inheritance:r /grant:r *S-1-5-32-544:F *S-1-5-18:F`),
      run.lines.findIndex((line) => line.startsWith(`would write ${xml} with the API key`)),
      step(`would run: ${exe} install`),
      step('would run: sc.exe config exo-connector obj= "NT SERVICE\\exo-connector"'),
      step(`would run: icacls.exe "${xml}" /grant "NT SERVICE\\exo-connector:R"`),
      step(
        'would run: icacls.exe C:\\ProgramData\\exo-connector /grant "NT SERVICE\\exo-connector:(OI)(CI)M"',
      ),
      step(`would run: ${exe} start`),
    ];
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    assert.ok(!order.includes(-1));
    const options = serveArguments(run.lines);
    assert.deepEqual(options, ["--listen", "127.0.0.1:8080"]);
    assert.equal(await serveArgumentsRefusal(options), "");
    assert.ok(run.stdout.includes("ConnectorApiKey"));
  });

  it("dry run with TLS, another account and folder, and a given key: arguments the CLI accepts, no secret printed", async () => {
    const givenKey = "given-key-0123456789";
    const run = dryRun(
      [
        "-Listen 0.0.0.0:8443",
        `-TlsPfx ${quote(winsw)}`,
        "-TlsPassphrase (ConvertTo-SecureString 'pfx-passphrase-42' -AsPlainText -Force)",
        "-ServiceAccount 'NT AUTHORITY\\LocalService'",
        "-InstallFolder 'D:\\Services\\exo'",
        `-ApiKey '${givenKey},another-key-0123456789'`,
      ].join(" "),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.lines.includes("would run: D:\\Services\\exo\\exo-connector.exe install"), run.stdout);
    assert.ok(run.lines.includes('would run: sc.exe config exo-connector obj= "NT AUTHORITY\\LocalService"'));
    const options = serveArguments(run.lines);
    assert.deepEqual(options, [
      "--listen",
      "0.0.0.0:8443",
      "--tls-pfx",
      winsw,
      "--tls-passphrase-env",
      "SERVICE_PFX_PASSPHRASE",
    ]);
    assert.equal(await serveArgumentsRefusal(options), "");
    for (const secret of [givenKey, "pfx-passphrase-42"]) assert.ok(!run.stdout.includes(secret), secret);
    assert.doesNotMatch(run.stdout, /[0-9a-f]{64}/);
  });

  it("refuses a key shorter than the service accepts", () => {
    const run = dryRun("-ApiKey 'short'");
    assert.notEqual(run.code, 0);
    assert.match(run.stderr + run.stdout, /at least 16 characters/);
    assert.ok(!run.stdout.includes("would run"));
  });
});
