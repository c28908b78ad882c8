// Preloaded with `node --require` where GNU time is missing: writes "<peak RSS KB> <user s> <system s>" on
// exit, the line GNU time's `-f "%M %U %S"` would write.
const { writeFileSync } = require("node:fs");

const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      const usage = process.resourceUsage();
      const seconds = (micro) => (micro / 1e6).toFixed(2);
      writeFileSync(file, `${usage.maxRSS} ${seconds(usage.userCPUTime)} ${seconds(usage.systemCPUTime)}\n`);
    } catch {
      // The measurement is best-effort; the run itself must not fail because of it.
    }
  });
}
