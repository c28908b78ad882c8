// Runs an action in-process and keeps what the CLI would have printed: the demo, the tests and the
// benchmarks call the same entry as the CLI without a child process.
import type { ConnectionOverrides } from "./connection.js";
import { runAction } from "./run.js";

export interface CapturedRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout's JSON lines: the outputContext, or one import record each. */
  lines: unknown[];
}

export async function captureAction(
  action: string,
  inputText: string,
  options: { connection?: ConnectionOverrides; env?: NodeJS.ProcessEnv } = {},
): Promise<CapturedRun> {
  let stdout = "";
  let stderr = "";
  const exitCode = await runAction(action, inputText, {
    writeStdout: (chunk) => {
      stdout += chunk;
    },
    writeStderr: (chunk) => {
      stderr += chunk;
    },
    env: options.env ?? {},
    connection: options.connection,
  });
  const lines = stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);
  return { exitCode, stdout, stderr, lines };
}
