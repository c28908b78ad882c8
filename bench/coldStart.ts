// Item 2: what a cold `node dist/cli.js run …` adds to an action's Exchange time. Each CLI run is paired
// with a baseline run right before it — a bare Node process making one HTTPS request to the same simulator —
// so both see the same machine load; the simulator runs in its own process at zero latency.
import { join } from "node:path";
import { type ChildRun, CLI, ROOT, rssProbe, runNode } from "./processes.js";
import type { Section, Target } from "./report.js";
import { table } from "./report.js";
import { type RemoteSimulator, startRemoteSimulator } from "./simulatorClient.js";
import { describeSpread, mb, median, ms, type Spread, spread } from "./stats.js";

const BASELINE = join(ROOT, "bench", "support", "baselineRequest.mjs");
const OVERHEAD_TARGET_MS = 150;
const RSS_TARGET_MB = 80;

interface Series {
  label: string;
  runs: ChildRun[];
  /** CLI time minus the paired baseline's. */
  differences: number[];
  roundTrips: number[];
}

function tokenRequest(simulator: RemoteSimulator): string[] {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: simulator.appId,
    client_secret: simulator.secret,
    scope: "https://outlook.office365.com/.default",
  }).toString();
  return [BASELINE, `${simulator.url}/${simulator.tenantId}/oauth2/v2.0/token`, body];
}

export async function coldStartBenchmark(options: { runs: number }): Promise<Section> {
  const runs = Math.max(15, options.runs);
  const simulator = await startRemoteSimulator({
    generate: {
      seed: 3,
      users: runs + 10,
      sharedMailboxes: 0,
      distributionGroups: runs + 10,
      securityGroups: 0,
      dirSyncedGroups: 0,
    },
    fixtures: runs + 10,
  });
  try {
    const { users, groups } = simulator.fixtures;
    const input = (extra: Record<string, unknown>) =>
      JSON.stringify({ actionContext: { Configuration: simulator.configuration, DryRun: false, ...extra } });
    const disableInput = (i: number) =>
      input({ Data: { HiddenFromAddressListsEnabled: "true" }, References: { Account: users[i] } });
    const grantInput = (i: number) =>
      input({
        References: { Account: users[i], Permission: { Id: groups[i] } },
        PermissionDisplayName: "Bench",
      });
    const env = simulator.env;
    const baselineArgs = tokenRequest(simulator);

    // Warm the file cache and the simulator (first TLS session, JIT of its handlers); not counted.
    for (let i = 0; i < 2; i++) {
      await runNode(baselineArgs, { env });
      await runNode([CLI, "run", "disable"], { env, input: disableInput(runs + i) });
      await runNode([CLI, "run", "groups/grantPermission"], { env, input: grantInput(runs + i) });
    }

    const baseline: ChildRun[] = [];
    const bare: ChildRun[] = [];
    const load: ChildRun[] = [];
    const series: Series[] = [
      { label: "`run disable`", runs: [], differences: [], roundTrips: [] },
      { label: "`run groups/grantPermission`", runs: [], differences: [], roundTrips: [] },
    ];
    const problems: string[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await runNode(["-e", "0"], { env }));
      load.push(await runNode([CLI, "actions"], { env }));
      for (const [index, args, text] of [
        [0, [CLI, "run", "disable"], disableInput(i)],
        [1, [CLI, "run", "groups/grantPermission"], grantInput(i)],
      ] as const) {
        const base = await runNode(baselineArgs, { env });
        baseline.push(base);
        await simulator.clear();
        const run = await runNode(args, { env, input: text });
        const stats = await simulator.stats();
        const entry = series[index] as Series;
        entry.runs.push(run);
        entry.differences.push(run.wallMs - base.wallMs);
        entry.roundTrips.push(stats.http);
        if (run.exitCode !== 0 || base.exitCode !== 0) {
          problems.push(`${entry.label} run ${i}: exit ${run.exitCode} ${run.stderr.slice(0, 200)}`);
        }
      }
    }
    return render({ runs, baseline, bare, load, series, problems });
  } finally {
    await simulator.close();
  }
}

function render(data: {
  runs: number;
  baseline: ChildRun[];
  bare: ChildRun[];
  load: ChildRun[];
  series: Series[];
  problems: string[];
}): Section {
  const rssOf = (runs: ChildRun[]) => runs.map((run) => run.maxRssKb ?? Number.NaN);
  const wall = (runs: ChildRun[]) => spread(runs.map((run) => run.wallMs));
  const baseWall = wall(data.baseline);
  const rows: string[][] = [
    [
      "baseline: `node` + one HTTPS request",
      describeSpread(baseWall),
      "–",
      mb(median(rssOf(data.baseline))),
      "1",
    ],
    [
      "`node -e 0` (bare start, no request)",
      describeSpread(wall(data.bare)),
      "–",
      mb(median(rssOf(data.bare))),
      "0",
    ],
    [
      "`node dist/cli.js actions` (bundle load, no request)",
      describeSpread(wall(data.load)),
      `${ms(median(data.load.map((r) => r.wallMs)) - median(data.bare.map((r) => r.wallMs)))} over bare start`,
      mb(median(rssOf(data.load))),
      "0",
    ],
  ];
  const targets: Target[] = [];
  const summaries: { label: string; diff: Spread; rss: number; rssMax: number }[] = [];
  for (const entry of data.series) {
    const diff = spread(entry.differences);
    const rss = rssOf(entry.runs);
    summaries.push({ label: entry.label, diff, rss: median(rss), rssMax: Math.max(...rss) });
    rows.push([
      entry.label,
      describeSpread(wall(entry.runs)),
      describeSpread(diff),
      `${mb(median(rss))} (max ${mb(Math.max(...rss))})`,
      [...new Set(entry.roundTrips)].join(", "),
    ]);
    targets.push({
      name: `cold CLI overhead, ${entry.label} (median of ${data.runs} paired differences)`,
      goal: `≤ ${OVERHEAD_TARGET_MS} ms`,
      measured: ms(diff.median),
      met: diff.median <= OVERHEAD_TARGET_MS && data.problems.length === 0,
      note: data.problems.length ? "some runs failed (see section 2)" : undefined,
    });
    targets.push({
      name: `peak RSS, ${entry.label}`,
      goal: `≤ ${RSS_TARGET_MB} MB`,
      measured: `${mb(median(rss))} median, ${mb(Math.max(...rss))} max`,
      met: Math.max(...rss) / 1024 <= RSS_TARGET_MB,
    });
  }
  const body = [
    `${data.runs} cold runs of each, against the simulator in its own process at zero latency; each CLI run is paired with a baseline run just before it (a bare \`node\` making one HTTPS POST to the simulator's token endpoint, trusting its CA through \`NODE_EXTRA_CA_CERTS\` as the CLI does). **Overhead** = CLI wall time − its paired baseline's: module loading, input parsing, the MSAL client, the second request and the output — everything the CLI adds to one HTTPS request. Wall time is spawn to exit as measured by the parent; peak RSS from ${rssProbe() === "gnu-time" ? "GNU time (`/usr/bin/time -f %M`)" : "a `--require` preload reporting `process.resourceUsage().maxRSS`"}. Figures: median (IQR; range).`,
    "",
    table(["process", "wall time", "overhead vs paired baseline", "peak RSS", "round trips"], rows),
    "",
    ...summaries.map(
      (s) =>
        `- ${s.label}: overhead **${ms(s.diff.median)}** median (IQR ${ms(s.diff.p25)}–${ms(s.diff.p75)}), peak RSS **${mb(s.rss)}** (max ${mb(s.rssMax)}).`,
    ),
    ...(data.problems.length ? ["", "Problems:", ...data.problems.map((p) => `- ${p}`)] : []),
  ].join("\n");
  return { id: "cold-start", title: "2. Cold CLI overhead", body, targets };
}
