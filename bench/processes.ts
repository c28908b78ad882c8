// Child processes the way HelloID starts the connector: a fresh `node dist/cli.js …`, timed from spawn to
// exit, with its peak RSS — from GNU time (`/usr/bin/time -f %M`) where present, else from a preload that
// reports `process.resourceUsage().maxRSS` on exit (bench/support/maxrss.cjs).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
export const CLI = join(ROOT, "dist", "cli.js");
const PRELOAD = join(ROOT, "bench", "support", "maxrss.cjs");

export type RssProbe = "gnu-time" | "preload";

let probe: RssProbe | undefined;

/** GNU time when it works here (BENCH_RSS=preload forces the fallback). */
export function rssProbe(): RssProbe {
  if (probe) return probe;
  const forced = process.env.BENCH_RSS === "preload";
  const result = forced ? undefined : spawnSync("/usr/bin/time", ["-f", "%M", "true"], { encoding: "utf8" });
  probe = result && result.status === 0 && /^\d+\s*$/m.test(result.stderr) ? "gnu-time" : "preload";
  return probe;
}

export interface ChildRun {
  wallMs: number;
  exitCode: number | null;
  /** Peak resident set size in KB. */
  maxRssKb: number | undefined;
  /** User + system CPU time of the process, ms. */
  cpuMs: number | undefined;
  stdout: string;
  stderr: string;
  /** Bytes the child wrote to stdout (also when stdout was not kept). */
  stdoutBytes: number;
}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, then closed. */
  input?: string;
  /** Keep stdout as text (default true); false only counts bytes (streamed outputs of 100,000 records). */
  keepStdout?: boolean;
  /** Kill after this long (ms). */
  timeoutMs?: number;
}

/** Runs `node <args>` in a fresh process and measures it. */
export function runNode(args: readonly string[], options: ChildOptions = {}): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), "exo-bench-"));
  const rssFile = join(dir, "maxrss");
  const viaTime = rssProbe() === "gnu-time";
  const command = viaTime ? "/usr/bin/time" : process.execPath;
  const argv = viaTime
    ? ["-f", "%M %U %S", "-o", rssFile, process.execPath, ...args]
    : ["--require", PRELOAD, ...args];
  const env = { ...process.env, ...options.env, ...(viaTime ? {} : { BENCH_MAXRSS_FILE: rssFile }) };
  const keep = options.keepStdout !== false;
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let stdoutBytes = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (keep) out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (err.length < 2000) err.push(chunk);
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      if (timer) clearTimeout(timer);
      let maxRssKb: number | undefined;
      let cpuMs: number | undefined;
      try {
        // The last line: "<max RSS KB> <user s> <system s>" (GNU time may print an exit-status line first).
        const last = readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "";
        const [rss, user, system] = last.trim().split(/\s+/).map(Number);
        maxRssKb = rss !== undefined && Number.isFinite(rss) && rss > 0 ? rss : undefined;
        cpuMs =
          user !== undefined && system !== undefined && Number.isFinite(user + system)
            ? (user + system) * 1000
            : undefined;
      } catch {
        maxRssKb = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      resolvePromise({
        wallMs,
        exitCode: code,
        maxRssKb,
        cpuMs,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        stdoutBytes,
      });
    });
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}
