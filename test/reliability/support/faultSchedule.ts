// Random faults queued before an action runs, from what Exchange Online does on a bad day
// (docs/EXCHANGE-API.md, 'Errors'): 429 with Retry-After, 5xx gateway pages, transient exceptions,
// connections reset before or after the server acted, bodies that are not JSON, and slow answers. Rules a run
// did not use are dropped after it.
import type { Fault, FaultRule, Simulator } from "../../../src/simulator/index.js";
import type { Random } from "./random.js";

export interface FaultCounts {
  /** Faults the simulator applied, by type (`reset:after`…). */
  fired: Record<string, number>;
  queued: number;
}

export function newCounts(): FaultCounts {
  return { fired: {}, queued: 0 };
}

export function totalFired(counts: FaultCounts): number {
  return Object.values(counts.fired).reduce((sum, n) => sum + n, 0);
}

function randomFault(random: Random): Fault {
  return random.weighted<Fault>([
    [3, { type: "throttle", retryAfterSeconds: random.pick([0.05, 0.1, 0.2, 0.3]) }],
    [1, { type: "throttle", retryAfterSeconds: 0.1, plainText: true }],
    [2, { type: "status", status: random.pick([500, 502, 503, 504] as const) }],
    [
      1,
      {
        type: "transientException",
        name: random.pick(["ServerBusyException", "TransientException"] as const),
      },
    ],
    [2, { type: "reset", phase: "before" }],
    [3, { type: "reset", phase: "after" }],
    [1, { type: "nonJson" }],
    [1, { type: "delay", ms: random.int(20, 150) }],
  ]);
}

/**
 * Queues 0..3 rules for the next action: most hit any cmdlet call (single or batched), some hit a write
 * cmdlet only, a few the `$batch` envelope or the token endpoint. `intensity` is the chance of any fault.
 */
export function scheduleFaults(
  simulator: Simulator,
  random: Random,
  counts: FaultCounts,
  intensity: number,
): FaultRule[] {
  const rules: FaultRule[] = [];
  if (!random.chance(intensity)) return rules;
  const n = random.int(1, 3);
  for (let i = 0; i < n; i++) {
    const fault = randomFault(random);
    const where = random.weighted<FaultRule["match"]>([
      [5, undefined],
      [3, { cmdlet: /^(Set|Add|Remove|New)-/ }],
      [1, { kind: "batch" }],
      [1, { kind: "token" }],
    ]);
    // The token endpoint and `$batch` envelopes only answer gateway-level faults.
    if (
      where?.kind === "token" &&
      fault.type !== "status" &&
      fault.type !== "reset" &&
      fault.type !== "delay"
    )
      continue;
    rules.push({
      match: where,
      times: random.weighted([
        [6, 1],
        [2, 2],
        [1, 3],
      ]),
      fault,
    });
  }
  // Now and then a fault outlasts the client's attempts: the action must then fail honestly.
  if (random.chance(0.12)) {
    const fault = random.pick<Fault>([
      { type: "status", status: 503 },
      { type: "reset", phase: "after" },
      { type: "nonJson" },
      { type: "throttle", retryAfterSeconds: 0.02 },
    ]);
    rules.push({ match: { cmdlet: /^(Set|Add|Remove|New)-/ }, times: 8, fault });
  }
  for (const rule of rules) simulator.faults.add(rule);
  counts.queued += rules.length;
  return rules;
}

/** Drops unused rules (latency and replication delay stay) and counts the faults that fired since `fromSeq`. */
export function settleFaults(simulator: Simulator, counts: FaultCounts, fromSeq: number): void {
  simulator.faults.rules.length = 0;
  for (const entry of simulator.requestLog) {
    if (entry.seq < fromSeq || !entry.fault) continue;
    const key = entry.fault === "reset" ? `reset:${entry.executed ? "after" : "before"}` : entry.fault;
    counts.fired[key] = (counts.fired[key] ?? 0) + 1;
  }
}
