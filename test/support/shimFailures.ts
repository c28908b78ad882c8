// What a failed script leaves HelloID, and a script whose limit is short enough for a test to wait it out.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderShim } from "../../src/helloid/shim/index.js";
import type { ScriptRun } from "./helloidRuntime.js";

/** The one audit of a failed account action (Success false, nothing escaped the script): its message. */
export function onlyAudit(run: ScriptRun): string {
  assert.equal(run.terminatingError, null);
  assert.equal(run.outputContext.Success, false);
  assert.equal(run.outputContext.AuditLogs.length, 1, JSON.stringify(run.outputContext.AuditLogs));
  const [log] = run.outputContext.AuditLogs;
  assert.equal(log.IsError, true);
  return log.Message as string;
}

/** The disable script with a 3 s limit instead of 28 s, written into `folder`. */
export function shortLimitDisable(folder: string): string {
  const script = join(folder, "disable.ps1");
  writeFileSync(
    script,
    renderShim({
      action: "disable",
      script: "disable.ps1",
      isImport: false,
      timeoutSeconds: 3,
      version: "0.0.0",
    }),
  );
  return script;
}
