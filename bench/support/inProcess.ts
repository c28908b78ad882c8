// The connector's real entry (runAction, what the CLI calls) against an in-process simulator, for counting
// round trips and timing latency-bound actions; nothing of the client is mocked.
import { captureAction } from "../../src/actions/capture.js";
import { simulatorConfiguration } from "../../src/demo/configuration.js";
import type { Simulator } from "../../src/simulator/index.js";

export type Json = Record<string, unknown>;

export interface RunInput {
  actionContext?: Json;
  personContext?: Json;
  resourceContext?: Json;
  outputContext?: Json;
}

export interface InProcessRun {
  exitCode: number;
  /** The outputContext (output actions) or the first record (imports). */
  output: Json;
  records: number;
  stderr: string;
  wallMs: number;
}

export const configurationFor = (simulator: Simulator): Json => simulatorConfiguration(simulator);

export async function runInProcess(
  simulator: Simulator,
  action: string,
  input: RunInput,
): Promise<InProcessRun> {
  const { actionContext = {}, ...contexts } = input;
  const configuration = { ...configurationFor(simulator), ...((actionContext.Configuration as Json) ?? {}) };
  const text = JSON.stringify({
    actionContext: { DryRun: false, ...actionContext, Configuration: configuration },
    ...contexts,
  });
  const started = performance.now();
  const { exitCode, stderr, lines } = await captureAction(action, text, {
    connection: { ca: simulator.caPem },
  });
  const wallMs = performance.now() - started;
  const output = (lines[0] ?? {}) as Json;
  return { exitCode, output, records: lines.length, stderr, wallMs };
}

/** The audit messages of an outputContext, for reports and sanity checks. */
export function auditMessages(output: Json): string[] {
  const logs = output.AuditLogs;
  return Array.isArray(logs) ? logs.map((log) => String((log as Json).Message ?? "")) : [];
}
