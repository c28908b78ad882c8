// The simulator in its own process (forked by bench/simulatorClient.ts), so that the connector process under
// measurement carries none of the simulator's memory or CPU. The tenant is generated here. Control over
// IPC: request counts, clearing the log, latency, steady throttling, the process's own resource use.

import type { GeneratorOptions } from "../../src/simulator/generator.js";
import { DEFAULT_APP, generateTenant, type Simulator, startSimulator } from "../../src/simulator/index.js";
import { countRequests } from "../requestStats.js";

export interface SimulatorProcessOptions {
  generate: GeneratorOptions;
  latencyMs?: number;
  pageCap?: number;
  /** How many Guids of each kind to hand back for building inputs. */
  fixtures?: number;
}

export interface Fixtures {
  users: string[];
  sharedMailboxes: string[];
  /** Cloud-only distribution groups. */
  groups: string[];
}

export interface Ready {
  type: "ready";
  url: string;
  caPath: string;
  tenantId: string;
  organization: string;
  appId: string;
  secret: string;
  fixtures: Fixtures;
  generateMs: number;
}

export type Command =
  | { type: "stats" }
  | { type: "clear" }
  | { type: "latency"; ms: number }
  | { type: "throttle"; every: number; retryAfterSeconds: number }
  | { type: "unthrottle" }
  | { type: "usage" }
  | { type: "close" };

function fixturesOf(simulator: Simulator, count: number): Fixtures {
  const fixtures: Fixtures = { users: [], sharedMailboxes: [], groups: [] };
  for (const recipient of simulator.tenant.list("recipient")) {
    if (recipient.kind === "mailbox") {
      if (recipient.recipientTypeDetails === "UserMailbox" && fixtures.users.length < count) {
        fixtures.users.push(recipient.guid);
      } else if (
        recipient.recipientTypeDetails === "SharedMailbox" &&
        fixtures.sharedMailboxes.length < count
      ) {
        fixtures.sharedMailboxes.push(recipient.guid);
      }
    } else if (!recipient.isDirSynced && !recipient.securityEnabled && fixtures.groups.length < count) {
      fixtures.groups.push(recipient.guid);
    }
  }
  return fixtures;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? "{}") as SimulatorProcessOptions;
  const started = performance.now();
  const tenant = generateTenant(options.generate);
  const generateMs = performance.now() - started;
  const simulator = await startSimulator({
    tenant,
    latencyMs: options.latencyMs ?? 0,
    pageCap: options.pageCap ?? 1000,
  });
  const send = (message: unknown) => process.send?.(message);
  process.on("message", async (raw: { id: number; command: Command }) => {
    const { id, command } = raw;
    switch (command.type) {
      case "stats":
        return send({ id, result: countRequests(simulator.requestLog) });
      case "clear":
        simulator.clearLog();
        return send({ id, result: true });
      case "latency":
        simulator.faults.latencyMs = command.ms;
        return send({ id, result: true });
      case "throttle":
        simulator.faults.rules.length = 0;
        simulator.faults.add({
          times: 1_000_000_000,
          every: command.every,
          fault: { type: "throttle", retryAfterSeconds: command.retryAfterSeconds },
        });
        return send({ id, result: true });
      case "unthrottle":
        simulator.faults.rules.length = 0;
        return send({ id, result: true });
      case "usage":
        return send({
          id,
          result: {
            maxRssKb: process.resourceUsage().maxRSS,
            cpu: process.cpuUsage(),
            heap: process.memoryUsage(),
          },
        });
      case "close":
        await simulator.close();
        send({ id, result: true });
        process.disconnect?.();
        return;
    }
  });
  const ready: Ready = {
    type: "ready",
    url: simulator.url,
    caPath: simulator.caPath,
    tenantId: simulator.tenantId,
    organization: simulator.organization,
    appId: DEFAULT_APP.appId,
    secret: DEFAULT_APP.secret ?? "",
    fixtures: fixturesOf(simulator, options.fixtures ?? 50),
    generateMs,
  };
  send(ready);
}

await main();
