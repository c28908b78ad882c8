// Starts bench/support/simulatorProcess.ts as a separate process and talks to it over IPC.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./processes.js";
import type { RequestCounts } from "./requestStats.js";
import type { Command, Ready, SimulatorProcessOptions } from "./support/simulatorProcess.js";

export interface SimulatorUsage {
  maxRssKb: number;
  cpu: { user: number; system: number };
}

export interface RemoteSimulator extends Ready {
  /** Environment for a connector process: trust the simulator's CA. */
  env: NodeJS.ProcessEnv;
  /** actionContext.Configuration pointing at this simulator. */
  configuration: Record<string, unknown>;
  stats(): Promise<RequestCounts>;
  clear(): Promise<void>;
  latency(ms: number): Promise<void>;
  /** One 429 (Retry-After) every `every` cmdlet requests, until unthrottle(). */
  throttle(every: number, retryAfterSeconds: number): Promise<void>;
  unthrottle(): Promise<void>;
  usage(): Promise<SimulatorUsage>;
  close(): Promise<void>;
}

export async function startRemoteSimulator(options: SimulatorProcessOptions): Promise<RemoteSimulator> {
  const child: ChildProcess = fork(
    join(ROOT, "bench", "support", "simulatorProcess.ts"),
    [JSON.stringify(options)],
    {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  let nextId = 0;
  const pending = new Map<number, (result: unknown) => void>();
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`simulator process exited early (${code})`)));
    child.on("message", (message: { type?: string; id?: number; result?: unknown }) => {
      if (message.type === "ready") resolve(message as Ready);
      else if (message.id !== undefined) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      }
    });
  });
  child.removeAllListeners("exit");
  const call = <T>(command: Command): Promise<T> =>
    new Promise((resolve, reject) => {
      if (!child.connected) {
        reject(new Error("simulator process is gone"));
        return;
      }
      const id = nextId++;
      pending.set(id, resolve as (result: unknown) => void);
      child.send({ id, command });
    });
  return {
    ...ready,
    env: { NODE_EXTRA_CA_CERTS: ready.caPath },
    configuration: {
      Organization: ready.organization,
      TenantID: ready.tenantId,
      AppId: ready.appId,
      AppSecret: ready.secret,
      AdminApiUrl: ready.url,
      AuthorityUrl: ready.url,
      // Each process authenticates as without a token cache (and none writes to the user's cache directory);
      // the cold-start benchmark turns it on in a directory of its own.
      TokenCache: false,
    },
    stats: () => call<RequestCounts>({ type: "stats" }),
    clear: () => call<void>({ type: "clear" }),
    latency: (ms) => call<void>({ type: "latency", ms }),
    throttle: (every, retryAfterSeconds) => call<void>({ type: "throttle", every, retryAfterSeconds }),
    unthrottle: () => call<void>({ type: "unthrottle" }),
    usage: () => call<SimulatorUsage>({ type: "usage" }),
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      await Promise.race([call<void>({ type: "close" }), new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill();
      await exited;
    },
  };
}
