// Test harness: a simulator plus the connector's real entry (runAction, the one the CLI calls), with the
// configuration pointing at the simulator. Nothing of our own client is mocked.
import { captureAction } from "../../src/actions/capture.js";
import { simulatorConfiguration } from "../../src/demo/configuration.js";
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
  type Tenant,
} from "../../src/simulator/index.js";

// Outputs are JSON read by assertions; typing every shape would only restate the contract.
// biome-ignore-start lint/suspicious/noExplicitAny: parsed JSON in tests
export interface RunResult {
  exitCode: number;
  /** The outputContext (non-import actions). */
  output: Record<string, any>;
  /** NDJSON records (import actions). */
  records: Record<string, any>[];
  stdout: string;
  stderr: string;
}
// biome-ignore-end lint/suspicious/noExplicitAny: parsed JSON in tests

export const configurationFor = simulatorConfiguration;

export async function run(
  simulator: Simulator,
  action: string,
  input: { actionContext?: Record<string, unknown>; [context: string]: unknown } = {},
  configuration: Record<string, unknown> = {},
): Promise<RunResult> {
  const { actionContext = {}, ...contexts } = input;
  const text = JSON.stringify({
    actionContext: {
      Configuration: configurationFor(simulator, configuration),
      DryRun: false,
      ...actionContext,
    },
    ...contexts,
  });
  return runText(simulator, action, text);
}

export async function runText(simulator: Simulator, action: string, text: string): Promise<RunResult> {
  const { exitCode, stdout, stderr, lines } = await captureAction(action, text, {
    connection: { ca: simulator.caPem },
  });
  const records = lines as RunResult["records"];
  return { exitCode, output: records[0] ?? {}, records, stdout, stderr };
}

/** The audit messages of an outputContext, one per line. */
export function audit(result: RunResult): string {
  return result.output.AuditLogs.map((log: { Message: string }) => log.Message).join("\n");
}

/** The messages the connector logged on stderr (JSON lines), one per line. */
export function logged(result: RunResult): string {
  return result.stderr
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line).message)
    .join("\n");
}

/** Writes the simulator executed (writes in `$batch` items count one by one). */
export function writeCount(simulator: Simulator): number {
  return simulator.writes().length;
}

export async function withSimulator(
  options: SimulatorOptions,
  body: (simulator: Simulator) => Promise<void>,
): Promise<void> {
  const simulator = await startSimulator(options);
  try {
    await body(simulator);
  } finally {
    await simulator.close();
  }
}

export { startSimulator };

/** The tenant's mailbox record with this Guid, as the actions left it; throws when it is gone. */
export function mailboxOf(tenant: Tenant, guid: string) {
  const record = tenant.findRecipient(guid);
  if (record?.kind !== "mailbox") throw new Error(`the test mailbox ${guid} is gone`);
  return record;
}
