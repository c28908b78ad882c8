// Node side of the HelloID PowerShell V2 runtime stand-in (test/powershell/host.ps1): runs generated scripts
// in PowerShell 7 (pinned in .config/dotnet-tools.json) with the given contexts and returns what HelloID
// would keep. Two PowerShell processes serve all scripts of a test file, one script at a time each, so
// PowerShell's start-up (about a second of CPU) is paid twice, not once per script.
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const ROOT = join(import.meta.dirname, "..", "..");
const HOST = join(ROOT, "test", "powershell", "host.ps1");
/** scripts/test.mjs finds the restored PowerShell once and passes it on; a test file run alone finds it itself. */
export const PWSH_ENV = "EXO_TEST_PWSH";

// Parsed JSON from PowerShell; typing every shape would only restate the contract.
// biome-ignore-start lint/suspicious/noExplicitAny: parsed JSON in tests
export interface ScriptRun {
  /** $outputContext after the script. */
  outputContext: Record<string, any>;
  /** What the script wrote with Write-Output (import records). */
  records: Record<string, any>[];
  warnings: string[];
  information: string[];
  /** Write-Error messages. */
  errors: string[];
  /** The message of an error that escaped the script, if any. */
  terminatingError: string | null;
  durationMs: number;
  /** When the first Write-Output record arrived, ms after the script started; null without records. */
  firstRecordMs: number | null;
  /** Peak resident memory of the PowerShell process so far (kB), where /proc exists. */
  peakRssKb: number | null;
}
// biome-ignore-end lint/suspicious/noExplicitAny: parsed JSON in tests

/** The command that starts the pinned PowerShell: `dotnet <pwsh.dll>`, found once (`dotnet tool run` costs a second). */
export function powerShellCommand(): string[] {
  const known = process.env[PWSH_ENV];
  if (known) return JSON.parse(known) as string[];
  const script = "[Environment]::GetCommandLineArgs()[0]";
  const dll =
    execFileSync("dotnet", ["tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command", script], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .at(-1)
      ?.trim() ?? "";
  const command = dll.endsWith(".dll") ? ["dotnet", dll] : [dll];
  process.env[PWSH_ENV] = JSON.stringify(command);
  return command;
}

interface Job {
  script: string;
  context: string;
  result: string;
  env: Record<string, string>;
  firstRecordMarker?: string;
}

/** One PowerShell host process; it runs one job at a time and lets the test process exit when idle. */
class Worker {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly answers: ((resultPath: string) => void)[] = [];
  private log = "";
  private exited = false;

  constructor(processEnv: Record<string, string> = {}) {
    const [command, ...prefix] = powerShellCommand() as [string, ...string[]];
    this.child = spawn(command, [...prefix, "-NoProfile", "-NonInteractive", "-File", HOST], {
      env: { ...process.env, ...processEnv },
    });
    this.child.stderr.setEncoding("utf8").on("data", (chunk) => {
      this.log += chunk;
    });
    createInterface({ input: this.child.stdout }).on("line", (line) => this.answers.shift()?.(line));
    this.child.on("exit", () => {
      this.exited = true;
    });
    this.idle();
  }

  get usable(): boolean {
    return !this.exited;
  }

  run(job: Job): Promise<void> {
    this.hold(true);
    return new Promise<void>((resolve, reject) => {
      const onExit = () => reject(new Error(`the PowerShell host ended:\n${this.log}`));
      this.child.once("exit", onExit);
      this.answers.push(() => {
        this.child.off("exit", onExit);
        this.idle();
        resolve();
      });
      this.child.stdin.write(`${JSON.stringify(job)}\n`);
    });
  }

  /** Idle hosts do not keep the test process alive; when it ends, their stdin closes and they end too. */
  private idle(): void {
    this.hold(false);
  }

  private hold(on: boolean): void {
    const handles = [this.child, this.child.stdout, this.child.stderr, this.child.stdin] as unknown as {
      ref(): void;
      unref(): void;
    }[];
    for (const handle of handles) {
      if (on) handle.ref();
      else handle.unref();
    }
  }
}

const MAX_PARALLEL = 2;
const idleWorkers: Worker[] = [];
let started = 0;
const waiting: ((worker: Worker) => void)[] = [];

async function takeWorker(): Promise<Worker> {
  for (let worker = idleWorkers.pop(); worker; worker = idleWorkers.pop()) {
    if (worker.usable) return worker;
    started--;
  }
  if (started < MAX_PARALLEL) {
    started++;
    return new Worker();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

function giveBack(worker: Worker): void {
  const next = waiting.shift();
  if (next) next(worker);
  else idleWorkers.push(worker);
}

export interface ScriptOptions {
  /** Environment variables for this script (and so for the connector it starts): the agent's. */
  env?: Record<string, string>;
  /** A PowerShell process of its own (for its peak memory, or its process tree); default a shared one. */
  isolated?: boolean;
  /**
   * With `isolated`: the PowerShell process's own environment from its start, for what .NET reads natively
   * (SSL_CERT_FILE); `env` is set later, per script, where only managed code sees it.
   */
  processEnv?: Record<string, string>;
  /** A file the host writes as soon as the script's first record arrives (a connector can wait for it). */
  firstRecordMarker?: string;
  /** Called with the PowerShell process id when the script starts. */
  onStart?: (pid: number) => void;
}

/** Runs a generated script with `input` ({actionContext, personContext?, resourceContext?, outputContext?}). */
export async function runScript(
  scriptPath: string,
  input: unknown,
  options: ScriptOptions = {},
): Promise<ScriptRun> {
  const dir = mkdtempSync(join(tmpdir(), "exo-pwsh-"));
  const job: Job = {
    script: scriptPath,
    context: join(dir, "context.json"),
    result: join(dir, "result.json"),
    env: options.env ?? {},
    firstRecordMarker: options.firstRecordMarker,
  };
  writeFileSync(job.context, typeof input === "string" ? input : JSON.stringify(input));
  const worker = options.isolated ? new Worker(options.processEnv) : await takeWorker();
  try {
    if (worker.child.pid !== undefined) options.onStart?.(worker.child.pid);
    await worker.run(job);
    const result = JSON.parse(readFileSync(job.result, "utf8"));
    if (result.hostError) throw new Error(`the PowerShell host failed: ${result.hostError}`);
    return result as ScriptRun;
  } finally {
    if (options.isolated) worker.child.stdin.end();
    else giveBack(worker);
    rmSync(dir, { recursive: true, force: true });
  }
}
