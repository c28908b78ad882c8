// Counting what reached "Exchange", from the simulator's request log: HTTP round trips by kind, cmdlets
// (a `$batch` carries several), writes, throttled answers, and sequential waves (requests in flight
// together count as one wave: what latency multiplies).
import type { RequestLogEntry } from "../src/simulator/index.js";

export interface RequestCounts {
  /** HTTP requests of every kind (a `$batch` POST counts once). */
  http: number;
  token: number;
  discovery: number;
  /** Single InvokeCommand POSTs (each page of a listing counts). */
  invoke: number;
  invokeReads: number;
  invokeWrites: number;
  batch: number;
  /** Cmdlets carried inside `$batch` POSTs. */
  batchItems: number;
  batchReads: number;
  batchWrites: number;
  /** Write cmdlets the server executed (single or batched). */
  writes: number;
  /** Answers that were an injected 429. */
  throttled: number;
  /** Requests answered with any other status >= 400 (cmdlet errors such as "already a member" included). */
  errors: number;
  /**
   * Sequential waves: the longest chain of HTTP requests each sent after the previous one's answer (requests
   * in flight together — the `$batch` POSTs of one call, an import's concurrent reads — share a step).
   * What latency multiplies.
   */
  waves: number;
  /** The largest number of HTTP requests in flight at once. */
  maxInFlight: number;
  /** Cmdlets in arrival order, `$batch` items as `[Name]`. */
  sequence: string[];
  /** How often each cmdlet ran (single or batched; each page of a listing counts). */
  cmdlets: Record<string, number>;
}

/**
 * Overlap tolerance: log times have millisecond resolution, and a busy server may log a request's end a few
 * milliseconds after the client already sent the next one. Concurrent requests under latency overlap by far more.
 */
const SLACK_MS = 25;

/** Length of the longest chain of intervals that follow one another without overlapping. */
function criticalPath(intervals: readonly [number, number][]): number {
  const byEnd = [...intervals].sort((a, b) => a[1] - b[1]);
  const depth: number[] = [];
  let longest = 0;
  for (const [i, [start]] of byEnd.entries()) {
    let before = 0;
    for (let j = 0; j < i; j++) {
      const [, end] = byEnd[j] as [number, number];
      if (end - SLACK_MS <= start) before = Math.max(before, depth[j] as number);
    }
    depth[i] = before + 1;
    longest = Math.max(longest, before + 1);
  }
  return longest;
}

export function countRequests(entries: readonly RequestLogEntry[]): RequestCounts {
  const counts: RequestCounts = {
    http: 0,
    token: 0,
    discovery: 0,
    invoke: 0,
    invokeReads: 0,
    invokeWrites: 0,
    batch: 0,
    batchItems: 0,
    batchReads: 0,
    batchWrites: 0,
    writes: 0,
    throttled: 0,
    errors: 0,
    waves: 0,
    maxInFlight: 0,
    sequence: [],
    cmdlets: {},
  };
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  const intervals: [number, number][] = [];
  for (const entry of ordered) {
    if (entry.fault === "throttle") counts.throttled += 1;
    else if (entry.status >= 400) counts.errors += 1;
    if (entry.isWrite && entry.executed) counts.writes += 1;
    if (entry.cmdlet) counts.cmdlets[entry.cmdlet] = (counts.cmdlets[entry.cmdlet] ?? 0) + 1;
    if (entry.kind === "batch-item") {
      counts.batchItems += 1;
      if (entry.isWrite) counts.batchWrites += 1;
      else counts.batchReads += 1;
      counts.sequence.push(`[${entry.cmdlet ?? "?"}]`);
      continue;
    }
    counts.http += 1;
    const start = Date.parse(entry.time);
    intervals.push([start, start + entry.durationMs]);
    switch (entry.kind) {
      case "token":
        counts.token += 1;
        counts.sequence.push("token");
        break;
      case "discovery":
        counts.discovery += 1;
        counts.sequence.push("discovery");
        break;
      case "invoke":
        counts.invoke += 1;
        if (entry.isWrite) counts.invokeWrites += 1;
        else counts.invokeReads += 1;
        counts.sequence.push(entry.cmdlet ?? "?");
        break;
      case "batch":
        counts.batch += 1;
        counts.sequence.push("$batch");
        break;
      default:
        counts.sequence.push(entry.kind);
    }
  }
  counts.waves = criticalPath(intervals);
  const events = intervals.flatMap(([start, end]) => [
    [start, 1],
    [Math.max(start + 0.001, end - SLACK_MS), -1],
  ]);
  events.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  let inFlight = 0;
  for (const [, delta] of events) {
    inFlight += delta as number;
    counts.maxInFlight = Math.max(counts.maxInFlight, inFlight);
  }
  return counts;
}

/** "token + Get-Mailbox + $batch[Add-MailboxPermission ×3]" — the shape of an action's traffic. */
export function describeSequence(sequence: readonly string[]): string {
  const parts: string[] = [];
  let batchItems: string[] | undefined;
  const flush = () => {
    if (!batchItems) return;
    const tally = new Map<string, number>();
    for (const item of batchItems) tally.set(item, (tally.get(item) ?? 0) + 1);
    parts.push(`$batch[${[...tally].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(", ")}]`);
    batchItems = undefined;
  };
  for (const step of sequence) {
    if (step === "$batch") {
      flush();
      batchItems = [];
    } else if (step.startsWith("[") && batchItems) {
      batchItems.push(step.slice(1, -1));
    } else {
      flush();
      parts.push(step);
    }
  }
  flush();
  // Collapse runs of the same step: "Get-Mailbox ×100".
  const collapsed: string[] = [];
  let last: string | undefined;
  let run = 0;
  for (const part of [...parts, "\u0000"]) {
    if (part === last) {
      run += 1;
      continue;
    }
    if (last !== undefined) collapsed.push(run > 1 ? `${last} ×${run}` : last);
    last = part;
    run = 1;
  }
  return collapsed.join(" → ") || "none";
}
