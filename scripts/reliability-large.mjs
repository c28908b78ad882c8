// Runs the reliability suites (test/reliability) at their larger, on-demand size. `npm test` runs them
// bounded; RELIABILITY_RUNS and RELIABILITY_SEED still apply (see test/reliability/support/scale.ts).
import { spawnSync } from "node:child_process";

const result = spawnSync(
  process.execPath,
  ["scripts/test.mjs", "test/reliability", ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env: { ...process.env, EXO_RELIABILITY_SCALE: "large" },
  },
);
process.exit(result.status ?? 1);
