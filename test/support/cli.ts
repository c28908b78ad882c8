// The built CLI (dist/cli.js) as a separate process, as HelloID's shim runs it: input on stdin, only the
// environment given (plus PATH).
import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";
import { listActions } from "../../src/actions/registry.js";
import { ACTION_SECONDS, connectorDeadlineSeconds } from "../../src/helloid/timeLimits.js";

export const BUILT_CLI = join(import.meta.dirname, "..", "..", "dist", "cli.js");

export function runBuiltCli(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BUILT_CLI, ...args],
      { env: { PATH: process.env.PATH ?? "", ...options.env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? "");
  });
}

/**
 * Whether the CLI takes `serve <args>` as a service's configuration gives them: "" when it does (its command line
 * parser, --listen and the TLS options pass, and serve stops only at the API key it is not given here), else
 * what it printed. Nothing is started: the key is checked before anything listens.
 */
export function serveArgumentsRefusal(args: string[]): string {
  const result = spawnSync(process.execPath, [BUILT_CLI, "serve", ...args], {
    env: { PATH: process.env.PATH ?? "" },
    encoding: "utf8",
    timeout: 30_000,
  });
  return result.stderr.includes("EXO_CONNECTOR_API_KEYS: set at least one API key") ? "" : result.stderr;
}

/** A command line as Windows programs split it: words, and "double-quoted words" without their quotes. */
export function windowsCommandLineWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? "");
}

/** The longest deadline of any action, in seconds: how long a service's stop must wait for its drain. */
export function longestActionDeadlineSeconds(): number {
  return Math.max(
    ...listActions().map((action) =>
      action.timeLimitSeconds === undefined
        ? ACTION_SECONDS
        : connectorDeadlineSeconds(action.timeLimitSeconds),
    ),
  );
}
