// The built CLI (dist/cli.js) as a separate process, as HelloID's shim runs it: input on stdin, only the
// environment given (plus PATH).
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { listActions } from "../../src/actions/registry.js";
import { ACTION_SECONDS, connectorDeadlineSeconds } from "../../src/helloid/timeLimits.js";
import { createTestCertificate } from "../../src/simulator/index.js";

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
 * Whether `serve <args>`, as a service's configuration gives them, starts: "" once it prints where it listens,
 * else what it printed. What only the service's machine has is replaced by this machine's: the --listen address
 * by a free loopback port, the --tls-pfx file by a test certificate; the API key and the variable named by
 * --tls-passphrase-env are set. The service is stopped at once.
 */
export async function serveArgumentsRefusal(args: string[]): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), "exo-serve-args-"));
  const certificate = createTestCertificate({ commonName: "localhost" });
  const pfx = join(folder, "service.pfx");
  writeFileSync(pfx, Buffer.from(certificate.pfxBase64, "base64"));
  const after = (option: string) => (args.indexOf(option) >= 0 ? args[args.indexOf(option) + 1] : undefined);
  const local = args.map((arg, i) => {
    if (args[i - 1] === "--listen") return "127.0.0.1:0";
    if (args[i - 1] === "--tls-pfx") return pfx;
    return arg;
  });
  const passphraseVariable = after("--tls-passphrase-env");
  const child = spawn(process.execPath, [BUILT_CLI, "serve", ...local], {
    env: {
      PATH: process.env.PATH ?? "",
      EXO_CONNECTOR_API_KEYS: "test-key-0123456789abcdef",
      ...(passphraseVariable ? { [passphraseVariable]: certificate.password } : {}),
    },
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, "exit");
  const listening = await Promise.race([
    once(createInterface({ input: child.stdout }), "line").then(([line]) =>
      String(line).includes("listening"),
    ),
    exited.then(() => false),
  ]);
  if (listening) child.kill("SIGTERM");
  await exited;
  rmSync(folder, { recursive: true, force: true });
  return listening ? "" : stderr;
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
