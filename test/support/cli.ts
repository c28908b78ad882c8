// The built CLI (dist/cli.js) as a separate process, as HelloID's shim runs it: input on stdin, only the
// environment given (plus PATH).
import { execFile } from "node:child_process";
import { join } from "node:path";

export const BUILT_CLI = join(import.meta.dirname, "..", "..", "dist", "cli.js");

export function runBuiltCli(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
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
