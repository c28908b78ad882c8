// `exo-connector demo` / `npm start`: the connector against the embedded simulator, one person through
// the whole lifecycle, step by step — the same entry (runAction) the CLI and HelloID's scripts use.
import type { Writable } from "node:stream";
import { captureAction } from "../actions/capture.js";
import { secretsOf } from "../actions/configuration.js";
import { listActions } from "../actions/registry.js";
import { Redactor } from "../helloid/redactor.js";
import { startSimulator } from "../simulator/index.js";
import { simulatorConfiguration } from "./configuration.js";
import { DemoPrinter, isNoOpWrite } from "./printer.js";
import { type DemoStep, demoSteps, type StepContext } from "./scenario.js";
import { personState } from "./state.js";
import { demoTenant } from "./tenant.js";

interface LogLine {
  level: string;
  message: string;
}

function parseLogs(text: string): LogLine[] {
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        return { level: String(entry.level ?? "info"), message: String(entry.message ?? line) };
      } catch {
        return { level: "info", message: line };
      }
    });
}

/** A short account of what a step produced besides its audit logs. */
function notes(output: Record<string, unknown>): string[] {
  const lines: string[] = [];
  if (typeof output.AccountReference === "string") lines.push(`AccountReference ${output.AccountReference}`);
  const subPermissions = Array.isArray(output.SubPermissions)
    ? (output.SubPermissions as { DisplayName?: string }[])
    : [];
  if (subPermissions.length) {
    lines.push(`SubPermissions   ${subPermissions.map((s) => s.DisplayName).join(", ")}`);
  }
  if (output.PreviousData && output.Data) {
    lines.push(`Data             ${JSON.stringify(output.Data)}`);
    lines.push(`PreviousData     ${JSON.stringify(output.PreviousData)}`);
  }
  return lines;
}

export interface DemoOptions {
  /** Print each step's input (secrets masked), as HelloID's script hands it to the connector. */
  showInput?: boolean;
}

export async function runDemo(out: Writable, options: DemoOptions = {}): Promise<number> {
  const story = demoTenant();
  const simulator = await startSimulator({ tenant: story.tenant });
  const printer = new DemoPrinter(out);
  const started = performance.now();
  try {
    const state = story.tenant.toState();
    const count = (kind: string) => state.recipients.filter((r) => r.recipientTypeDetails === kind).length;
    printer.heading("Exchange Online connector for HelloID — demo");
    printer.line(
      `Simulator ${simulator.url}: tenant ${simulator.organization} with ${count("UserMailbox")} user mailboxes, ${count("SharedMailbox")} shared mailboxes, ${state.recipients.filter((r) => r.kind === "group").length} groups.`,
    );
    printer.line(
      `Person: ${story.person.displayName} <${story.person.userPrincipalName}>, contracts in ${story.departments.map((d) => `${d.name} (${d.externalId})`).join(" and ")}.`,
    );
    printer.line(
      "Each step runs one action exactly as HelloID's script for it does, and shows what HelloID would log.",
    );
    printer.line(
      "All steps run in this one process, so the token that step 1 requests serves the others. HelloID starts one process per action: there, every step requests its own token.",
    );
    printer.line();

    const context: StepContext = {
      story,
      configuration: simulatorConfiguration(simulator),
    };
    const registered = new Set(listActions().map((action) => action.name.toLowerCase()));
    const steps = demoSteps();
    let failures = 0;
    let ran = 0;
    for (const [position, step] of steps.entries()) {
      const index = position + 1;
      if (!registered.has(step.action.toLowerCase())) {
        printer.stepSkipped(
          index,
          steps.length,
          step.title,
          step.action,
          "this action is not part of this build yet",
        );
        continue;
      }
      printer.stepStarted(index, steps.length, step.title);
      const exitCode = await runStep(step, context, simulator, printer, {
        index,
        total: steps.length,
        showInput: options.showInput === true,
      });
      ran += 1;
      if (exitCode !== 0) failures += 1;
    }

    printer.heading(`Tenant state of ${story.person.displayName}`);
    for (const line of personState(story.tenant, story.person)) printer.line(`  ${line}`);
    printer.line();
    const requests = simulator.requestLog.filter((entry) => entry.kind !== "batch-item").length;
    const noOps = simulator.writes().filter(isNoOpWrite).length;
    const writes = simulator.writes().length - noOps;
    const tokens = simulator.requestLog.filter((entry) => entry.kind === "token").length;
    const skipped = steps.length - ran;
    printer.line(
      `${ran} steps in ${((performance.now() - started) / 1000).toFixed(1)} s${skipped ? ` (${skipped} skipped)` : ""}: ${requests} HTTPS requests to Entra ID and Exchange Online, ${writes} writes${noOps ? ` and ${noOps} that changed nothing` : ""}, ${failures} failed.`,
    );
    if (ran > tokens) {
      printer.line(
        `In HelloID, one process per action, the ${ran} steps would request ${ran} tokens instead of ${tokens}: ${requests + ran - tokens} requests.`,
      );
    }
    return failures === 0 ? 0 : 1;
  } finally {
    printer.close();
    await simulator.close();
  }
}

async function runStep(
  step: DemoStep,
  context: StepContext,
  simulator: Awaited<ReturnType<typeof startSimulator>>,
  printer: DemoPrinter,
  { index, total, showInput }: { index: number; total: number; showInput: boolean },
): Promise<number> {
  const firstRequest = simulator.requestLog.length;
  const input = step.input(context);
  const started = performance.now();
  const { exitCode, stderr, lines } = await captureAction(step.action, JSON.stringify(input), {
    connection: { ca: simulator.caPem },
  });
  const elapsedMs = performance.now() - started;
  const output = (lines[0] ?? {}) as Record<string, unknown>;
  step.remember?.(output, context);
  const audits = Array.isArray(output.AuditLogs)
    ? (output.AuditLogs as { Message: string; IsError: boolean }[]).map((log) => ({
        message: log.Message,
        isError: log.IsError,
      }))
    : [];
  printer.stepFinished({
    index,
    total,
    title: step.title,
    action: step.action,
    exitCode,
    elapsedMs,
    audits,
    logs: parseLogs(stderr),
    requests: simulator.requestLog.slice(firstRequest).sort((a, b) => a.seq - b.seq),
    notes: notes(output),
    input: showInput ? masked(input, context.configuration) : undefined,
  });
  return exitCode;
}

/** The input as the script hands it over, with the configuration's secrets masked. */
function masked(input: Record<string, unknown>, configuration: Record<string, unknown>): string {
  const redactor = new Redactor();
  for (const secret of secretsOf(configuration)) redactor.add(secret);
  return redactor.redact(JSON.stringify(input, null, 2));
}
