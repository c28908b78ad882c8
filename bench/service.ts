// 7. Through the service: the same action, run by HelloID's way today (one Node.js process per action) and
// posted to one `exo-connector serve` process, at 0 and 300 ms per Exchange request. Both at the same number
// of actions in flight; the processes use the token cache (the shipped default), the service its memory.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { exampleInput } from "../src/demo/examples.js";
import { type Simulator, sampleTenant, startSimulator } from "../src/simulator/index.js";
import { CLI, runNode } from "./processes.js";
import { type Section, table } from "./report.js";
import { ms, quantile } from "./stats.js";

const API_KEY = "bench-key-0123456789abcdef";
const ACTION = "disable";

interface Figures {
  actionsPerSecond: number;
  p50: number;
  p95: number;
}

export async function serviceBenchmark(options: { actions: number; concurrency: number }): Promise<Section> {
  const rows: string[][] = [];
  for (const latencyMs of [0, 300]) {
    const simulator = await startSimulator({ tenant: sampleTenant(), latencyMs });
    const cache = mkdtempSync(join(tmpdir(), "exo-bench-cache-"));
    try {
      const input = inputFor(simulator, cache);
      const processes = await measure(options, async () => {
        const run = await runNode([CLI, "run", ACTION], {
          input,
          env: { NODE_EXTRA_CA_CERTS: simulator.caPath },
          keepStdout: true,
        });
        if (run.exitCode !== 0) throw new Error(`run ${ACTION} exited ${run.exitCode}: ${run.stderr}`);
      });
      const service = await measureService(simulator, input, options);
      for (const [how, figures] of [
        ["a process per action", processes],
        ["one service", service],
      ] as const) {
        rows.push([
          `${latencyMs} ms`,
          how,
          figures.actionsPerSecond.toFixed(1),
          ms(figures.p50),
          ms(figures.p95),
        ]);
      }
    } finally {
      rmSync(cache, { recursive: true, force: true });
      await simulator.close();
    }
  }
  return {
    id: "service",
    title: "7. Through the service",
    body: [
      `\`${ACTION}\` on the sample mailbox (after the first run, a read that finds nothing to change) ${options.actions} times, ${options.concurrency} at once, per Exchange latency: started as a Node.js process per action (token from the token cache) and posted to one \`exo-connector serve\` (one warm-up action first; token and connections kept in memory).`,
      "",
      table(["latency per request", "how", "actions/s", "p50", "p95"], rows),
    ].join("\n"),
    targets: [],
  };
}

function inputFor(simulator: Simulator, cacheDirectory: string): string {
  const input = exampleInput(ACTION, { simulatorUrl: simulator.url, dryRun: false }) as {
    actionContext: { Configuration: Record<string, unknown> };
  };
  Object.assign(input.actionContext.Configuration, { TokenCache: true, TokenCacheDirectory: cacheDirectory });
  return JSON.stringify(input);
}

/** Runs `action` options.actions times with options.concurrency in flight; throughput and latency quantiles. */
async function measure(
  options: { actions: number; concurrency: number },
  action: () => Promise<void>,
): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.actions) {
      next++;
      const t = performance.now();
      await action();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const totalMs = performance.now() - started;
  return {
    actionsPerSecond: (options.actions * 1000) / totalMs,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
  };
}

async function measureService(
  simulator: Simulator,
  input: string,
  options: { actions: number; concurrency: number },
): Promise<Figures> {
  const child = spawn(process.execPath, [CLI, "serve", "--listen", "127.0.0.1:0"], {
    env: { ...process.env, EXO_CONNECTOR_API_KEYS: API_KEY, NODE_EXTRA_CA_CERTS: simulator.caPath },
    stdio: ["ignore", "pipe", "ignore"],
  });
  const exited = once(child, "exit");
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const { listening } = JSON.parse(line) as { listening: string };
    const post = async () => {
      const answer = await fetch(`${listening}/v1/run/${ACTION}`, {
        method: "POST",
        body: input,
        headers: { authorization: `Bearer ${API_KEY}` },
      });
      const output = (await answer.json()) as { Success?: boolean };
      if (output.Success !== true) throw new Error(`the service answered ${JSON.stringify(output)}`);
    };
    await post();
    return await measure(options, post);
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}
