// The readiness check's three renderings: a table for a person at a terminal, JSON for a script, and an
// outputContext for HelloID (the table goes to HelloID's log through the shim, one line each).
import { OutputContext } from "../helloid/output.js";
import type { CheckResult } from "./result.js";

export type CheckFormat = "table" | "json" | "helloid";

const WIDTH = 100;

function resultWord(check: CheckResult): string {
  if (check.skipped) return "skipped";
  return check.ok ? "pass" : "FAIL";
}

/** Words wrapped to `width` columns; a word longer than that stays whole. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

export function summary(checks: readonly CheckResult[]): string {
  const failures = checks.filter((check) => !check.ok && !check.skipped).length;
  return failures === 0 && checks.every((check) => check.ok)
    ? `Ready: all ${checks.length} checks passed.`
    : `Not ready: ${failures} of ${checks.length} checks failed; change what the table says and run the check again.`;
}

/** CHECK | RESULT | DETAILS / WHAT TO CHANGE, the last column wrapped so a failure's advice stays readable. */
export function table(checks: readonly CheckResult[]): string[] {
  const nameWidth = Math.max(5, ...checks.map((check) => check.name.length));
  const indent = nameWidth + 2 + 7 + 2;
  const row = (name: string, result: string, text: string[]) =>
    text.map((line, index) =>
      index === 0
        ? `${name.padEnd(nameWidth)}  ${result.padEnd(7)}  ${line}`
        : `${" ".repeat(indent)}${line}`,
    );
  return [
    ...row("CHECK", "RESULT", ["DETAILS / WHAT TO CHANGE"]),
    ...checks.flatMap((check) =>
      row(check.name, resultWord(check), wrap(check.message, Math.max(40, WIDTH - indent))),
    ),
    "",
    summary(checks),
  ];
}

export function asJson(checks: readonly CheckResult[]): string {
  return JSON.stringify({ ok: checks.every((check) => check.ok), checks });
}

/** Success follows HelloID's rule: every failed check is an error audit; the summary is the last audit. */
export function asOutputContext(checks: readonly CheckResult[]): OutputContext {
  const output = new OutputContext();
  for (const check of checks.filter((check) => !check.ok && !check.skipped)) {
    output.auditError(`${check.name}: ${check.message}`);
  }
  output.audit(summary(checks), { isError: !checks.every((check) => check.ok) });
  return output;
}
