// Item 2: what a cold `node dist/cli.js run …` adds to an action's Exchange time. Each CLI run is paired
// with a baseline run right before it — a bare Node process making one HTTPS request to the same simulator —
// so both see the same machine load; the simulator runs in its own process at zero latency. Each action runs
// with a warm token cache (another process left a token: the action's one request is all there is) and with a
// cold one (an empty cache directory: a token request first, and the entry written).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BuildOptions, build } from "esbuild";
import { type ChildRun, CLI, ROOT, rssProbe, runNode } from "./processes.js";
import type { Section, Target } from "./report.js";
import { table } from "./report.js";
import { type RemoteSimulator, startRemoteSimulator } from "./simulatorClient.js";
import { describeSpread, mb, median, ms, type Spread, spread } from "./stats.js";

const BASELINE = join(ROOT, "bench", "support", "baselineRequest.mjs");

/**
 * The same code as dist/cli.js, split into chunks (esbuild `splitting`): a process then reads and parses only
 * the chunks its command imports. Not shipped (the agent gets one file); measured to show what one file costs.
 */
async function buildSplitVariant(outdir: string): Promise<string> {
  // @ts-expect-error scripts/build.mjs is plain JavaScript: its options are esbuild's BuildOptions.
  const { buildOptions } = (await import("../scripts/build.mjs")) as { buildOptions: BuildOptions };
  await build({ ...buildOptions, absWorkingDir: ROOT, outdir, splitting: true, sourcemap: false });
  // The chunks are ES modules named .js, as in dist/ (whose package.json says "type": "module").
  writeFileSync(join(outdir, "package.json"), '{ "type": "module" }\n');
  return join(outdir, "cli.js");
}
const OVERHEAD_TARGET_MS = 60;
const RSS_TARGET_MB = 80;

interface Series {
  label: string;
  /** Targets apply to the warm runs: the process a cached token serves. */
  warm: boolean;
  /** A variant measured for comparison only: no targets. */
  comparison?: boolean;
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
      users: 3 * runs + 10,
      sharedMailboxes: 0,
      distributionGroups: 2 * runs + 10,
      securityGroups: 0,
      dirSyncedGroups: 0,
    },
    fixtures: 3 * runs + 10,
  });
  try {
    const { users, groups } = simulator.fixtures;
    const cacheRoot = mkdtempSync(join(tmpdir(), "exo-bench-cache-"));
    const split = await buildSplitVariant(join(cacheRoot, "split-build"));
    const warmDirectory = join(cacheRoot, "warm");
    let coldDirectories = 0;
    /** A warm run shares one directory; a cold one gets an empty directory of its own. */
    const input = (warm: boolean, extra: Record<string, unknown>) =>
      JSON.stringify({
        actionContext: {
          Configuration: {
            ...simulator.configuration,
            TokenCache: true,
            TokenCacheDirectory: warm ? warmDirectory : join(cacheRoot, `cold-${coldDirectories++}`),
          },
          DryRun: false,
          ...extra,
        },
      });
    const disableInput = (i: number, warm: boolean) =>
      input(warm, { Data: { HiddenFromAddressListsEnabled: "true" }, References: { Account: users[i] } });
    const grantInput = (i: number, warm: boolean) =>
      input(warm, {
        References: { Account: users[i], Permission: { Id: groups[i] } },
        PermissionDisplayName: "Bench",
      });
    const env = simulator.env;
    const baselineArgs = tokenRequest(simulator);

    // Warm the OS file cache, the simulator (first TLS session, JIT of its handlers) and the token cache of
    // the warm runs; not counted.
    for (let i = 0; i < 2; i++) {
      await runNode(baselineArgs, { env });
      await runNode([CLI, "run", "disable"], { env, input: disableInput(runs + i, true) });
      await runNode([CLI, "run", "groups/grantPermission"], { env, input: grantInput(runs + i, true) });
      await runNode([split, "run", "disable"], { env, input: disableInput(runs + i, true) });
    }

    const baseline: ChildRun[] = [];
    const bare: ChildRun[] = [];
    const load: ChildRun[] = [];
    const actions = [
      { label: "`run disable`", args: [CLI, "run", "disable"], input: disableInput },
      {
        label: "`run groups/grantPermission`",
        args: [CLI, "run", "groups/grantPermission"],
        input: grantInput,
      },
    ];
    const splitSeries: Series = {
      label: "`run disable`, warm token cache, **split build** (not shipped)",
      warm: true,
      comparison: true,
      runs: [],
      differences: [],
      roundTrips: [],
    };
    const series: Series[] = actions.flatMap((action) =>
      [true, false].map((warm) => ({
        label: `${action.label}, ${warm ? "warm" : "cold"} token cache`,
        warm,
        runs: [],
        differences: [],
        roundTrips: [],
      })),
    );
    const problems: string[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await runNode(["-e", "0"], { env }));
      load.push(await runNode([CLI, "actions"], { env }));
      // Each warm and cold pair acts on a user or group of its own: a second change of the same one would
      // find nothing to do and take another path.
      const work = [
        ...actions.flatMap((action, a) =>
          [true, false].map((warm, w) => ({
            entry: series[a * 2 + w] as Series,
            args: action.args,
            text: action.input(warm ? i : runs + 2 + i, warm),
          })),
        ),
        { entry: splitSeries, args: [split, "run", "disable"], text: disableInput(2 * runs + 4 + i, true) },
      ];
      for (const { entry, args, text } of work) {
        const base = await runNode(baselineArgs, { env });
        baseline.push(base);
        await simulator.clear();
        const run = await runNode(args, { env, input: text });
        const stats = await simulator.stats();
        entry.runs.push(run);
        entry.differences.push(run.wallMs - base.wallMs);
        entry.roundTrips.push(stats.http);
        if (run.exitCode !== 0 || base.exitCode !== 0) {
          problems.push(`${entry.label} run ${i}: exit ${run.exitCode} ${run.stderr.slice(0, 200)}`);
        }
      }
    }
    rmSync(cacheRoot, { recursive: true, force: true });
    return render({ runs, baseline, bare, load, series: [...series, splitSeries], problems });
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
  // CPU time (user + system) moves less with the machine's load than wall time does.
  const cpuOf = (runs: ChildRun[]) => median(runs.map((run) => run.cpuMs ?? Number.NaN));
  const baseCpu = cpuOf(data.baseline);
  const cpu = (runs: ChildRun[], over = true) =>
    over ? `${ms(cpuOf(runs))} (+${ms(cpuOf(runs) - baseCpu)})` : ms(cpuOf(runs));
  const wall = (runs: ChildRun[]) => spread(runs.map((run) => run.wallMs));
  const baseWall = wall(data.baseline);
  const rows: string[][] = [
    [
      "baseline: `node` + one HTTPS request",
      describeSpread(baseWall),
      "–",
      cpu(data.baseline, false),
      mb(median(rssOf(data.baseline))),
      "1",
    ],
    [
      "`node -e 0` (bare start, no request)",
      describeSpread(wall(data.bare)),
      "–",
      cpu(data.bare, false),
      mb(median(rssOf(data.bare))),
      "0",
    ],
    [
      "`node dist/cli.js actions` (bundle load, no request)",
      describeSpread(wall(data.load)),
      `${ms(median(data.load.map((r) => r.wallMs)) - median(data.bare.map((r) => r.wallMs)))} over bare start`,
      cpu(data.load),
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
      cpu(entry.runs),
      `${mb(median(rss))} (max ${mb(Math.max(...rss))})`,
      [...new Set(entry.roundTrips)].join(", "),
    ]);
    const roundTrips = [...new Set(entry.roundTrips)];
    if (entry.comparison) continue;
    if (entry.warm) {
      targets.push({
        name: `HTTPS requests, ${entry.label}`,
        goal: "1",
        measured: roundTrips.join(", "),
        met: roundTrips.length === 1 && roundTrips[0] === 1,
      });
    }
    targets.push({
      name: `cold CLI overhead, ${entry.label} (median of ${data.runs} paired differences)`,
      goal: entry.warm ? `≤ ${OVERHEAD_TARGET_MS} ms` : "informational: adds the token request",
      measured: ms(diff.median),
      met: entry.warm ? diff.median <= OVERHEAD_TARGET_MS && data.problems.length === 0 : undefined,
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
    `${data.runs} cold runs of each, against the simulator in its own process at zero latency; each CLI run is paired with a baseline run just before it (a bare \`node\` making one HTTPS POST to the simulator's token endpoint, trusting its CA through \`NODE_EXTRA_CA_CERTS\` as the CLI does). **Overhead** = CLI wall time − its paired baseline's: module loading, input parsing, reading the token cache and the output — everything the CLI adds to one HTTPS request — and, with a cold token cache, MSAL, the token request and the cache write too. A warm run reads the token another process left in its cache directory; a cold run starts with an empty one. Wall time is spawn to exit as measured by the parent; peak RSS from ${rssProbe() === "gnu-time" ? "GNU time (`/usr/bin/time -f %M`)" : "a `--require` preload reporting `process.resourceUsage().maxRSS`"}. Figures: median (IQR; range). CPU time (user + system, from GNU time) is the median of each process's own, and moves less than wall time when the machine is busy.`,
    "",
    table(
      [
        "process",
        "wall time",
        "overhead vs paired baseline",
        "CPU time (over the baseline's)",
        "peak RSS",
        "round trips",
      ],
      rows,
    ),
    "",
    ...summaries.map(
      (s) =>
        `- ${s.label}: overhead **${ms(s.diff.median)}** median (IQR ${ms(s.diff.p25)}–${ms(s.diff.p75)}), peak RSS **${mb(s.rss)}** (max ${mb(s.rssMax)}).`,
    ),
    ...(data.problems.length ? ["", "Problems:", ...data.problems.map((p) => `- ${p}`)] : []),
  ].join("\n");
  return { id: "cold-start", title: "2. Cold CLI overhead", body, targets };
}
