// deploy/exo-connector.service: systemd accepts every line of it, and its ExecStart is a serve command line
// the CLI accepts. Skipped where systemd-analyze is missing (not Linux with systemd).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { BUILT_CLI, longestActionDeadlineSeconds } from "../support/cli.js";

const UNIT = join(import.meta.dirname, "..", "..", "deploy", "exo-connector.service");
const analyzer = spawnSync("systemd-analyze", ["--version"]);

describe("the systemd unit", () => {
  it("passes systemd-analyze verify without a warning", {
    skip: analyzer.error ? "no systemd-analyze" : false,
  }, () => {
    const folder = mkdtempSync(join(tmpdir(), "exo-unit-"));
    try {
      // verify checks that ExecStart's program exists: use this machine's node.
      const unit = readFileSync(UNIT, "utf8").replace("/usr/bin/node", process.execPath);
      const copy = join(folder, "exo-connector.service");
      writeFileSync(copy, unit);
      const result = spawnSync("systemd-analyze", ["verify", copy], { encoding: "utf8" });
      assert.equal(result.status, 0, result.stderr);
      const warnings = result.stderr.split("\n").filter((line) => line.includes("exo-connector.service"));
      assert.deepEqual(warnings, []);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("starts serve with options the CLI knows", () => {
    const execStart = /^ExecStart=(.+)$/m.exec(readFileSync(UNIT, "utf8"))?.[1] ?? "";
    const [, , command, ...options] = execStart.split(" ");
    assert.equal(command, "serve");
    const help = spawnSync(process.execPath, [BUILT_CLI, "serve", "--help"], { encoding: "utf8" }).stdout;
    for (const option of options.filter((word) => word.startsWith("--")))
      assert.ok(help.includes(option), option);
    assert.ok(options.includes("--listen"));
  });

  it("gives `systemctl stop` as long as the longest action deadline to drain", () => {
    const stop = Number(/^TimeoutStopSec=(\d+)$/m.exec(readFileSync(UNIT, "utf8"))?.[1]);
    assert.ok(stop >= longestActionDeadlineSeconds(), `TimeoutStopSec=${stop}`);
  });
});
