// The HelloID folder as an implementer gets it (`exo-connector package --out DIR` with the built CLI), the
// packaged single-file connector run directly (`node exo-connector.mjs run <action>`), and what HelloID keeps
// of a direct run: the yardstick every shim run in PowerShell is compared with.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { simulatorConfiguration } from "../../src/demo/configuration.js";
import { scriptPath } from "../../src/package/layout.js";
import type { Simulator } from "../../src/simulator/index.js";

const CLI = join(import.meta.dirname, "..", "..", "dist", "cli.js");

let folder: string | undefined;

/** The package folder, written once per test process from dist/cli.js (`npm run build` first). */
export function packageFolder(): string {
  if (folder) return folder;
  const out = join(mkdtempSync(join(tmpdir(), "exo-helloid-")), "package");
  execFileSync(process.execPath, [CLI, "package", "--out", out], { stdio: "pipe" });
  folder = out;
  return out;
}

export const connectorPath = () => join(packageFolder(), "connector", "exo-connector.mjs");
export const scriptOf = (action: string) => join(packageFolder(), ...scriptPath(action).split("/"));

/** What the agent's environment needs for a simulator: `node` on PATH, the simulator's CA trusted by Node. */
export function agentEnv(simulator: Simulator): Record<string, string> {
  return {
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
    NODE_EXTRA_CA_CERTS: simulator.caPath,
  };
}

/** The configuration HelloID would hand over for this simulator, with the shim's ConnectorPath set. */
export function agentConfiguration(simulator: Simulator, overrides: Record<string, unknown> = {}) {
  return { ...simulatorConfiguration(simulator), ConnectorPath: connectorPath(), ...overrides };
}

// biome-ignore-start lint/suspicious/noExplicitAny: parsed JSON in tests
export interface DirectRun {
  exitCode: number;
  /** stdout's JSON lines: the outputContext, or one import record each. */
  lines: Record<string, any>[];
  stderr: string;
}

/** `node exo-connector.mjs run <action>` with the input on stdin, as the shim starts it. */
export function runDirect(
  action: string,
  inputText: string,
  env: Record<string, string>,
): Promise<DirectRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [connectorPath(), "run", action], {
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const lines = stdout
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line));
      resolve({ exitCode: code ?? -1, lines, stderr });
    });
    child.stdin.end(inputText);
  });
}

export interface Prefilled {
  Data: Record<string, any>;
  PreviousData: Record<string, any>;
}

/** The outputContext HelloID ends with when the connector answers `answer`: its pre-filled object, updated. */
export function helloidOutcome(answer: Record<string, any>, prefilled: Prefilled): Record<string, any> {
  return {
    Success: answer.Success ?? false,
    AccountReference: answer.AccountReference ?? null,
    AccountCorrelated: answer.AccountCorrelated ?? false,
    Data: answer.Data ?? prefilled.Data,
    PreviousData: answer.PreviousData ?? prefilled.PreviousData,
    AuditLogs: answer.AuditLogs ?? [],
    Permissions: answer.Permissions ?? [],
    SubPermissions: answer.SubPermissions ?? [],
  };
}
// biome-ignore-end lint/suspicious/noExplicitAny: parsed JSON in tests
