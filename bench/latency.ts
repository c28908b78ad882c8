// Item 3: with every request delayed 300 ms (a distant, busy tenant), an action's wall time should be its
// sequential round trips × the latency — nothing of our own worth counting on top — and sub-permission changes
// should take no more waves than the `$batch` limit requires.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listedActions } from "./actionList.js";
import type { Section, Target } from "./report.js";
import { table } from "./report.js";
import { countRequests, describeSequence, type RequestCounts } from "./requestStats.js";
import { asProcess, startBenchSimulator } from "./roundTrips.js";
import { allScenarios, ScenarioContext } from "./scenarios.js";
import { median, ms, ratio, seconds } from "./stats.js";
import { runInProcess } from "./support/inProcess.js";

export const LATENCY_MS = 300;
const TOLERANCE = 0.2;

interface Measured {
  counts: RequestCounts;
  walls: number[];
}

interface Row {
  action: string;
  /** Runs with a cold token cache (a token request first), and with a warm one. */
  cold: Measured;
  warm: Measured;
  problem?: string;
}

export async function latencyBenchmark(options: { repetitions: number }): Promise<Section> {
  const scenarios = allScenarios();
  const simulator = await startBenchSimulator();
  const tokenCache = mkdtempSync(join(tmpdir(), "exo-bench-tokens-"));
  const rows: Row[] = [];
  const skipped: string[] = [];
  try {
    // One unmeasured run first: the TLS context, MSAL and the JIT warm up once per process, not per action.
    const warmUp = scenarios.disable;
    if (warmUp)
      await runInProcess(simulator, "disable", await warmUp.prepare(new ScenarioContext(simulator)));
    for (const action of listedActions()) {
      const scenario = scenarios[action];
      if (!scenario) {
        skipped.push(action);
        continue;
      }
      const runs = { cold: { walls: [] as number[] }, warm: { walls: [] as number[] } } as Record<
        "cold" | "warm",
        { walls: number[]; counts?: RequestCounts }
      >;
      let problem: string | undefined;
      for (let i = 0; i < options.repetitions && !problem; i++) {
        for (const temperature of ["cold", "warm"] as const) {
          try {
            // Set-up runs at full speed; only the measured run pays the latency.
            simulator.faults.latencyMs = 0;
            const input = await asProcess(
              simulator,
              await scenario.prepare(new ScenarioContext(simulator)),
              temperature === "warm" ? tokenCache : undefined,
            );
            simulator.clearLog();
            simulator.faults.latencyMs = LATENCY_MS;
            const run = await runInProcess(simulator, action, input);
            if (run.exitCode !== 0) problem = `${temperature}: exit ${run.exitCode}`;
            runs[temperature].walls.push(run.wallMs);
            runs[temperature].counts = countRequests(simulator.requestLog);
          } catch (error) {
            problem = `${temperature} scenario failed: ${(error as Error).message}`;
          }
        }
      }
      const { cold, warm } = runs;
      if (cold.counts && warm.counts) {
        rows.push({
          action,
          cold: { counts: cold.counts, walls: cold.walls },
          warm: { counts: warm.counts, walls: warm.walls },
          problem,
        });
      } else skipped.push(action);
    }
  } finally {
    simulator.faults.latencyMs = 0;
    rmSync(tokenCache, { recursive: true, force: true });
    await simulator.close();
  }
  return render(rows, skipped, options.repetitions);
}

/** A run's fit to waves × latency. */
function fit(measured: Measured): { wall: number; expected: number; ratio: number; within: boolean } {
  const wall = median(measured.walls);
  const expected = measured.counts.waves * LATENCY_MS;
  const r = expected === 0 ? Number.NaN : wall / expected;
  const within = expected === 0 ? wall < LATENCY_MS * TOLERANCE : Math.abs(r - 1) <= TOLERANCE;
  return { wall, expected, ratio: r, within };
}

function render(rows: Row[], skipped: string[], repetitions: number): Section {
  const table_: string[][] = [];
  const outside: string[] = [];
  let checked = 0;
  let coldTotal = 0;
  let warmTotal = 0;
  let subPermissions: { action: string; waves: number; needed: number; changes: number }[] = [];
  for (const row of rows) {
    const { counts } = row.cold;
    const cold = fit(row.cold);
    const warm = fit(row.warm);
    coldTotal += cold.wall;
    warmTotal += warm.wall;
    checked += 1;
    if (!cold.within || !warm.within) outside.push(row.action);
    if (row.action.endsWith("/subPermissions")) {
      const changes = counts.batchItems + counts.invokeWrites;
      // token + one lookup + one wave of `$batch` POSTs (10 changes each, 2 in flight).
      const needed = 2 + Math.ceil(Math.ceil(changes / 10) / 2);
      subPermissions = [...subPermissions, { action: row.action, waves: counts.waves, needed, changes }];
    }
    table_.push([
      `\`${row.action}\``,
      `${counts.http} / ${row.warm.counts.http}`,
      `${counts.waves} / ${row.warm.counts.waves}`,
      `${ms(cold.expected)} / ${ms(warm.expected)}`,
      `${ms(cold.wall)} / ${ms(warm.wall)}`,
      ms(cold.wall - warm.wall),
      [cold, warm].map((f) => (f.expected === 0 ? "–" : ratio(f.ratio))).join(" / "),
      cold.within && warm.within ? "yes" : "**no**",
      describeSequence(counts.sequence),
      row.problem ?? "",
    ]);
  }
  const subOk = subPermissions.every((s) => s.waves <= s.needed);
  const body = [
    `Every action's common case (the scenarios of section 1), run ${repetitions}× in process through \`runAction\` with the simulator adding **${LATENCY_MS} ms to every request** (set-up runs excepted), each run as a new process would: with a **cold token cache** (it requests its token) and with a **warm** one (another process left the token in the cache directory). Cells give cold / warm. **Waves** are the sequential round trips: requests in flight together (the \`$batch\` POSTs of one call, the concurrent reads of an import) count once. Expected = waves × ${LATENCY_MS} ms; the ratio is the median wall time over it. Target: within ±${TOLERANCE * 100}%.`,
    "",
    `The ${rows.length} actions one after the other: **${seconds(coldTotal)}** with a cold token cache, **${seconds(warmTotal)}** with a warm one (${ms(coldTotal - warmTotal)} saved, ${ms((coldTotal - warmTotal) / Math.max(1, rows.length))} an action).`,
    "",
    table(
      [
        "action",
        "round trips",
        "waves",
        "expected",
        "wall (median)",
        "saved by the warm cache",
        "ratio",
        "within ±20%",
        "sequence (cold)",
        "note",
      ],
      table_,
    ),
    "",
    `Sub-permission changes (cold): ${subPermissions
      .map(
        (s) =>
          `\`${s.action}\` ${s.changes} changes in ${s.waves} waves (the batch limit needs ${s.needed}: token, lookup, ${s.needed - 2} $batch wave)`,
      )
      .join("; ")}.`,
    ...(skipped.length
      ? ["", `Not measured (no scenario yet): ${skipped.map((a) => `\`${a}\``).join(", ")}.`]
      : []),
  ].join("\n");
  const targets: Target[] = [
    {
      name: `latency-bound wall time = waves × ${LATENCY_MS} ms, cold and warm token cache`,
      goal: "within ±20%, every action",
      measured: `${checked - outside.length}/${checked} within`,
      met: outside.length === 0 && skipped.length === 0,
      note: outside.length ? `outside: ${outside.join(", ")}` : undefined,
    },
    {
      name: `the ${rows.length} actions at ${LATENCY_MS} ms a request, cold vs warm token cache`,
      goal: "informational",
      measured: `${seconds(coldTotal)} vs ${seconds(warmTotal)}`,
      met: undefined,
    },
    {
      name: "sub-permission changes (5 grants + 5 revokes, or 6 + 4 for 2-right shared mailboxes)",
      goal: "no more waves than the batch limit requires",
      measured: subPermissions.map((s) => `${s.waves}/${s.needed}`).join(", ") || "–",
      met: subPermissions.length > 0 && subOk,
    },
  ];
  return { id: "latency", title: `3. Latency-bound actions (${LATENCY_MS} ms a request)`, body, targets };
}
