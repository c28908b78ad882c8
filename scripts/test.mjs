// Runs every test/**/*.test.ts with Node's test runner (Node 20 has no glob support in --test).
// `node scripts/test.mjs word…` runs only the files whose path contains one of the words.
//
// test/powershell/ is the PowerShell suite: the generated HelloID scripts run in PowerShell 7, pinned as a
// .NET tool in .config/dotnet-tools.json. It runs after the others, once `dotnet tool restore` has installed
// that PowerShell. Without `dotnet` it is skipped with one loud line — except under CI (CI=true), where a
// missing PowerShell is a failure.
//
// Prints the spec report, a line on the PowerShell suite, then one plain closing line "N passed, N failed,
// N skipped" (both suites together) that any CI reads.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";

const POWERSHELL_SUITE = join("test", "powershell") + sep;
/** How test/support/helloidRuntime.ts learns the PowerShell command found here. */
const PWSH_ENV = "EXO_TEST_PWSH";
const underCi = !["", "0", "false"].includes((process.env.CI ?? "").toLowerCase());

function collect(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return collect(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Runs test files in one Node test runner; returns its counts. */
function runSuite(files, extraEnv = {}) {
  const reportDir = mkdtempSync(join(tmpdir(), "exo-tests-"));
  // Tests never touch the user's token cache: an action that keeps the default directory writes here.
  const env = { ...process.env, XDG_CACHE_HOME: join(reportDir, "cache"), ...extraEnv };
  const tap = join(reportDir, "report.tap");
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--test",
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=tap",
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { stdio: "inherit", env },
  );
  const report = readFileSync(tap, "utf8");
  rmSync(reportDir, { recursive: true, force: true });
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(report)?.[1] ?? 0);
  return {
    passed: count("pass"),
    failed: count("fail") + count("cancelled"),
    skipped: count("skipped"),
    seconds: Math.round((performance.now() - started) / 1000),
    ok: result.status === 0,
  };
}

/** `dotnet tool restore`, then the restored PowerShell as a command line; or why there is none. */
function preparePowerShell() {
  const probe = spawnSync("dotnet", ["--version"], { encoding: "utf8" });
  if (probe.error) return { missing: "dotnet is not on PATH" };
  const restore = spawnSync("dotnet", ["tool", "restore"], { encoding: "utf8" });
  if (restore.status !== 0) {
    return { broken: `\`dotnet tool restore\` failed:\n${restore.stdout}${restore.stderr}` };
  }
  const script = "[Environment]::GetCommandLineArgs()[0]";
  const where = spawnSync(
    "dotnet",
    ["tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command", script],
    {
      encoding: "utf8",
    },
  );
  if (where.status !== 0)
    return { broken: `the pinned PowerShell does not start:\n${where.stdout}${where.stderr}` };
  // The last line: a first run of the .NET CLI may print a welcome text before it.
  const entry = where.stdout.trim().split("\n").at(-1)?.trim() ?? "";
  return { command: entry.endsWith(".dll") ? ["dotnet", entry] : [entry] };
}

const filter = process.argv.slice(2);
const files = collect("test")
  .filter((f) => filter.length === 0 || filter.some((word) => f.includes(word)))
  .sort();
if (files.length === 0) {
  console.error(`no test file matches ${filter.join(" ")}`);
  process.exit(1);
}
const mainFiles = files.filter((f) => !f.startsWith(POWERSHELL_SUITE));
const powerShellFiles = files.filter((f) => f.startsWith(POWERSHELL_SUITE));

const totals = { passed: 0, failed: 0, skipped: 0, ok: true };
const add = (counts) => {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  totals.ok &&= counts.ok;
};
if (mainFiles.length > 0) add(runSuite(mainFiles));

let powerShellNote = "";
if (powerShellFiles.length > 0) {
  const powerShell = preparePowerShell();
  if (powerShell.command) {
    const counts = runSuite(powerShellFiles, { [PWSH_ENV]: JSON.stringify(powerShell.command) });
    add(counts);
    powerShellNote = ` (PowerShell suite: ${counts.passed} passed, ${counts.failed} failed, in ${counts.seconds} s)`;
  } else if (powerShell.missing && !underCi) {
    console.log(
      `\n!!! PowerShell suite SKIPPED: ${powerShell.missing}. Install the .NET SDK to run the generated HelloID scripts in PowerShell 7.6.10 (${powerShellFiles.length} test file(s) not run).`,
    );
    powerShellNote = ` (PowerShell suite SKIPPED: ${powerShell.missing})`;
    // Counted as skipped (a file each: its tests were never listed), so the closing line does not hide them.
    totals.skipped += powerShellFiles.length;
  } else {
    const reason = powerShell.missing ?? powerShell.broken;
    console.log(
      `\n!!! PowerShell suite FAILED: ${reason}${underCi ? " (CI=true: PowerShell is required)" : ""}`,
    );
    totals.failed += 1;
    totals.ok = false;
    powerShellNote = " (PowerShell suite FAILED: PowerShell unavailable)";
  }
}

if (powerShellNote) console.log(`\n${powerShellNote.trim().replace(/^\((.*)\)$/, "$1")}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.ok ? 0 : 1);
