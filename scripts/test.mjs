// Runs every test/**/*.test.ts with Node's test runner (Node 20 has no glob support in --test).
// `node scripts/test.mjs word…` runs only the files whose path contains one of the words.
// Prints the spec report, then one plain closing line "N passed, N failed" that any CI reads.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function collect(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return collect(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const filter = process.argv.slice(2);
const files = collect("test")
  .filter((f) => filter.length === 0 || filter.some((word) => f.includes(word)))
  .sort();
if (files.length === 0) {
  console.error(`no test file matches ${filter.join(" ")}`);
  process.exit(1);
}

const reportDir = mkdtempSync(join(tmpdir(), "exo-tests-"));
const tap = join(reportDir, "report.tap");
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
  // Tests never touch the user's token cache: an action that keeps the default directory writes here.
  { stdio: "inherit", env: { ...process.env, XDG_CACHE_HOME: join(reportDir, "cache") } },
);
const report = readFileSync(tap, "utf8");
rmSync(reportDir, { recursive: true, force: true });
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(report)?.[1] ?? 0);
console.log(
  `\n${count("pass")} passed, ${count("fail") + count("cancelled")} failed, ${count("skipped")} skipped`,
);
process.exit(result.status ?? 1);
