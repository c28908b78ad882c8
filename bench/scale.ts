// Item 4: large tenants. The connector runs as HelloID runs it (a cold `node dist/cli.js run …`), the
// simulator with the generated tenant in another process, so the connector's peak RSS is its own. Outputs are
// streamed through a pipe and counted, not kept by the connector.
import { type ChildRun, CLI, runNode } from "./processes.js";
import type { Section, Target } from "./report.js";
import { table } from "./report.js";
import type { RequestCounts } from "./requestStats.js";
import { type RemoteSimulator, startRemoteSimulator } from "./simulatorClient.js";
import { count, mb, seconds } from "./stats.js";

const RSS_TARGET_MB = 200;
/** The listing of every shared mailbox: its whole outputContext is held until it is written. */
const LISTING_RSS_TARGET_MB = 150;
/** Exchange-like throttling: one cmdlet request in `every` answered 429 with Retry-After (1 s). */
const RETRY_AFTER_SECONDS = 1;
const THROTTLE_EVERY = 20;

export interface ScaleSizes {
  permissionsMailboxes: number;
  importMailboxes: number;
  /** Shared mailboxes of the holder import (one FullAccess read each). */
  holderImportMailboxes: number;
}

interface ScaleRun {
  label: string;
  objects: string;
  run: ChildRun;
  counts: RequestCounts;
  /** Permissions or records the output held. */
  items: number;
  throttled?: boolean;
  throttleEvery?: number;
  simulatorRssKb?: number;
  /** CPU the simulator process spent during the run (it also runs the stats, a few ms). */
  simulatorCpuMs?: number;
  generateMs: number;
}

function input(simulator: RemoteSimulator, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    actionContext: { Configuration: simulator.configuration, DryRun: false, ...extra },
  });
}

function lines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n += 1;
  return n;
}

async function measure(
  simulator: RemoteSimulator,
  label: string,
  objects: string,
  action: string,
  text: string,
  items: (stdout: string) => number,
  throttleEvery?: number,
): Promise<ScaleRun> {
  const throttled = throttleEvery !== undefined;
  await simulator.clear();
  const before = await simulator.usage();
  if (throttled) await simulator.throttle(throttleEvery, RETRY_AFTER_SECONDS);
  const run = await runNode([CLI, "run", action], { env: simulator.env, input: text, timeoutMs: 600_000 });
  if (throttled) await simulator.unthrottle();
  const counts = await simulator.stats();
  const usage = await simulator.usage();
  const simulatorCpuMs = (usage.cpu.user + usage.cpu.system - before.cpu.user - before.cpu.system) / 1000;
  if (run.exitCode !== 0) throw new Error(`${label}: exit ${run.exitCode}: ${run.stderr.slice(0, 400)}`);
  return {
    label,
    objects,
    run,
    counts,
    items: items(run.stdout),
    throttled,
    throttleEvery,
    simulatorRssKb: usage.maxRssKb,
    simulatorCpuMs,
    generateMs: simulator.generateMs,
  };
}

/** The large listing's figures, for the simulator's share (section 5). */
export interface ListingFigures {
  /** Shared mailboxes listed. */
  objects: number;
  pages: number;
  wallMs: number;
  connectorCpuMs: number | undefined;
  simulatorCpuMs: number | undefined;
}

export interface ScaleResult {
  section: Section;
  listing: ListingFigures;
}

export async function scaleBenchmark(sizes: ScaleSizes): Promise<ScaleResult> {
  const runs: ScaleRun[] = [];

  const listing = await startRemoteSimulator({
    generate: { seed: 11, users: 0, sharedMailboxes: sizes.permissionsMailboxes, groups: 0 },
    fixtures: 1,
  });
  try {
    runs.push(
      await measure(
        listing,
        "`sharedMailboxes/permissions`",
        `${count(sizes.permissionsMailboxes)} shared mailboxes`,
        "sharedMailboxes/permissions",
        input(listing),
        (stdout) => (JSON.parse(stdout) as { Permissions: unknown[] }).Permissions.length,
      ),
    );
  } finally {
    await listing.close();
  }

  const accounts = await startRemoteSimulator({
    generate: {
      seed: 12,
      users: sizes.importMailboxes,
      sharedMailboxes: sizes.holderImportMailboxes,
      groups: 0,
      fullAccessPerSharedMailbox: 2,
    },
    fixtures: 1,
  });
  try {
    const importInput = input(accounts, { ImportFields: ["Guid", "UserPrincipalName", "CustomAttribute1"] });
    runs.push(
      await measure(
        accounts,
        "`import`",
        `${count(sizes.importMailboxes)} user mailboxes`,
        "import",
        importInput,
        lines,
      ),
    );
    runs.push(
      await measure(
        accounts,
        "`import`, throttled",
        `${count(sizes.importMailboxes)} user mailboxes`,
        "import",
        importInput,
        lines,
        // One 429 per three pages or so: the listing has one request per 1,000 mailboxes.
        Math.min(THROTTLE_EVERY, Math.max(2, Math.floor(sizes.importMailboxes / 1000 / 3))),
      ),
    );
    for (const throttled of [false, true]) {
      runs.push(
        await measure(
          accounts,
          `\`sharedMailboxes/importPermission\`${throttled ? ", throttled" : ""}`,
          `${count(sizes.holderImportMailboxes)} shared mailboxes, ${count(sizes.importMailboxes)} users`,
          "sharedMailboxes/importPermission",
          input(accounts),
          lines,
          throttled ? THROTTLE_EVERY : undefined,
        ),
      );
    }
  } finally {
    await accounts.close();
  }
  const large = runs[0] as ScaleRun;
  return {
    section: render(runs, sizes),
    listing: {
      objects: large.items,
      pages: large.counts.invoke,
      wallMs: large.run.wallMs,
      connectorCpuMs: large.run.cpuMs,
      simulatorCpuMs: large.simulatorCpuMs,
    },
  };
}

/** What each 429 added to the wall time, against the same run unthrottled. */
function stall(run: ScaleRun, runs: ScaleRun[]): string {
  const plain = runs.find((p) => !p.throttled && p.label === run.label.replace(", throttled", ""));
  if (!plain || run.counts.throttled === 0) return "";
  const each = (run.run.wallMs - plain.run.wallMs) / run.counts.throttled;
  return `; +${(each / 1000).toFixed(2)} s wall per 429`;
}

function render(runs: ScaleRun[], sizes: ScaleSizes): Section {
  const rows = runs.map((r) => {
    const perSecond = r.items / (r.run.wallMs / 1000);
    return [
      r.label,
      r.objects,
      seconds(r.run.wallMs),
      `${count(r.counts.http)} (${r.counts.token} token, ${count(r.counts.invoke)} InvokeCommand${r.counts.batch ? `, ${r.counts.batch} $batch` : ""})`,
      `${count(r.items)} (${mb(r.run.stdoutBytes / 1024)})`,
      `${count(perSecond)}/s`,
      r.throttled
        ? `1 in ${r.throttleEvery}: ${r.counts.throttled} × 429 → ${r.counts.throttled} retries${stall(r, runs)}`
        : "none",
      String(r.counts.maxInFlight),
      `**${mb(r.run.maxRssKb)}**`,
      r.run.cpuMs === undefined ? "–" : seconds(r.run.cpuMs),
      r.simulatorCpuMs === undefined ? "–" : seconds(r.simulatorCpuMs),
      mb(r.simulatorRssKb),
    ];
  });
  const targets: Target[] = runs
    .filter((r) => !r.throttled)
    .map((r, index) => {
      const limit = index === 0 ? LISTING_RSS_TARGET_MB : RSS_TARGET_MB;
      return {
        name: `peak RSS, ${r.label} over ${r.objects}`,
        goal: `≤ ${limit} MB, output streamed`,
        measured: `${mb(r.run.maxRssKb)} in ${seconds(r.run.wallMs)}`,
        met: (r.run.maxRssKb ?? Number.POSITIVE_INFINITY) / 1024 <= limit,
      };
    });
  const throttledRuns = runs.filter((r) => r.throttled);
  targets.push({
    name: "imports under throttling",
    goal: "bounded concurrency, every 429 retried, nothing lost",
    measured: throttledRuns
      .map((r) => {
        const plain = runs.find((p) => !p.throttled && p.label === r.label.replace(", throttled", ""));
        const complete = plain ? r.items === plain.items : true;
        return `${r.label}: ${r.counts.throttled} retries, max ${r.counts.maxInFlight} in flight, ${complete ? "all" : "NOT all"} records`;
      })
      .join("; "),
    met: throttledRuns.every((r) => {
      const plain = runs.find((p) => !p.throttled && p.label === r.label.replace(", throttled", ""));
      return r.counts.throttled > 0 && (!plain || r.items === plain.items);
    }),
  });
  const body = [
    `Tenants generated in the simulator's own process (${count(sizes.permissionsMailboxes)} shared mailboxes in ${seconds(runs[0]?.generateMs ?? Number.NaN)}); the connector is a cold \`node dist/cli.js run …\` whose stdout goes through a pipe to the bench, which counts it. Throttled runs: the simulator answers one cmdlet request in N (column "throttling") with 429 and \`Retry-After: ${RETRY_AFTER_SECONDS}\` (Exchange's per-tenant concurrency throttling, \`docs/EXCHANGE-API.md\`, "Throttling"). Retries are the 429s the simulator sent (each was retried: the output is complete). "In flight" is the most requests the simulator saw at once.`,
    "",
    table(
      [
        "action",
        "tenant",
        "wall time",
        "requests",
        "output (records/permissions, bytes)",
        "throughput",
        "throttling",
        "max in flight",
        "connector peak RSS",
        "connector CPU",
        "simulator CPU",
        "simulator peak RSS",
      ],
      rows,
    ),
  ].join("\n");
  return { id: "scale", title: "4. Scale", body, targets };
}
