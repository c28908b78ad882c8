// Every request the simulator answered, so tests and benchmarks can count calls and writes.

export type RequestKind = "token" | "discovery" | "invoke" | "batch" | "batch-item" | "other";

export interface RequestLogEntry {
  /** Order in which requests (and batch items) arrived. */
  seq: number;
  /** ISO time the request arrived. */
  time: string;
  kind: RequestKind;
  method: string;
  /** URL path and query (for a batch item: its sub-request URL's). */
  path: string;
  cmdlet?: string;
  parameters?: Record<string, unknown>;
  isWrite?: boolean;
  /** True once the cmdlet ran against the tenant (whatever it returned). */
  executed?: boolean;
  /** The warnings the answer carried (e.g. a write that changed nothing says so in one). */
  warnings?: string[];
  /** The injected fault that shaped this answer, if any. */
  fault?: string;
  /** HTTP status answered; 0 when the connection was reset instead. */
  status: number;
  durationMs: number;
  clientRequestId?: string;
  anchorMailbox?: string;
  /** The request's headers (lower-case names), Authorization's value replaced by whether it was there. */
  headers?: Record<string, string>;
  /** The `id` of a batch item inside its `$batch`. */
  batchItemId?: string;
}

export class RequestLog {
  /** Live array: `clear()` empties it in place so references held by tests stay valid. */
  readonly entries: RequestLogEntry[] = [];
  private seq = 0;

  /** `echo`: also print one line per request to stderr (the `log` option). */
  constructor(private readonly echo = false) {}

  begin(kind: RequestKind, method: string, path: string): RequestLogEntry {
    this.seq += 1;
    return { seq: this.seq, time: new Date().toISOString(), kind, method, path, status: 0, durationMs: 0 };
  }

  finish(entry: RequestLogEntry, status: number, startedAt: number): void {
    entry.status = status;
    entry.durationMs = Math.round((performance.now() - startedAt) * 100) / 100;
    this.entries.push(entry);
    if (this.echo) {
      const cmdlet = entry.cmdlet ? ` ${entry.cmdlet}` : "";
      const fault = entry.fault ? ` [fault ${entry.fault}]` : "";
      process.stderr.write(
        `[simulator] ${status} ${entry.method} ${entry.path}${cmdlet}${fault} ${entry.durationMs}ms\n`,
      );
    }
  }

  /** Write cmdlets the server executed (single or batched), in arrival order. */
  writes(): RequestLogEntry[] {
    return this.entries
      .filter((e) => (e.kind === "invoke" || e.kind === "batch-item") && e.isWrite && e.executed)
      .sort((a, b) => a.seq - b.seq);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
