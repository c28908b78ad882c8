// How the demo shows each step: the audit logs HelloID would show, the connector's log lines, every
// Exchange request with its time, and the step's total. On a terminal a progress line runs while a step
// works (and colours mark outcomes); anywhere else the same content comes as plain lines.
import type { Writable } from "node:stream";
import { isNoOp } from "../exchange/index.js";
import type { RequestLogEntry } from "../simulator/index.js";

export interface StepReport {
  index: number;
  total: number;
  title: string;
  action: string;
  exitCode: number;
  elapsedMs: number;
  audits: readonly { message: string; isError: boolean }[];
  logs: readonly { level: string; message: string }[];
  requests: readonly RequestLogEntry[];
  /** Extra lines about the result (records listed, permissions found …). */
  notes: readonly string[];
  /** The step's input as JSON with its secrets masked, when the demo shows inputs. */
  input?: string;
}

/** A write Exchange ran but that changed nothing: its answer's warning says so ("no settings … modified"). */
export function isNoOpWrite(entry: RequestLogEntry): boolean {
  return entry.isWrite === true && isNoOp(entry.warnings ?? []);
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

function requestLabel(entry: RequestLogEntry): string {
  switch (entry.kind) {
    case "token":
      return "token request (Entra ID)";
    case "discovery":
      return "authority discovery";
    case "batch":
      return "$batch";
    case "batch-item":
      return `  ${entry.cmdlet ?? entry.path}`;
    case "invoke":
      return entry.cmdlet ?? entry.path;
    default:
      return `${entry.method} ${entry.path}`;
  }
}

export class DemoPrinter {
  private readonly tty: boolean;
  private spinner: NodeJS.Timeout | undefined;

  constructor(private readonly out: Writable & { isTTY?: boolean; columns?: number }) {
    this.tty = out.isTTY === true;
  }

  private color(code: number, text: string): string {
    return this.tty ? `\x1b[${code}m${text}\x1b[0m` : text;
  }
  private dim = (text: string) => this.color(2, text);
  private bold = (text: string) => this.color(1, text);

  line(text = ""): void {
    this.out.write(`${text}\n`);
  }

  heading(text: string): void {
    this.line(this.bold(text));
  }

  stepStarted(index: number, total: number, title: string): void {
    if (!this.tty) return;
    const started = performance.now();
    let frame = 0;
    const draw = () => {
      const width = 24;
      const done = Math.round((width * (index - 1)) / total);
      const bar = `${"█".repeat(done)}${"░".repeat(width - done)}`;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const text = `${FRAMES[frame % FRAMES.length]} ${bar} ${index}/${total} ${title} ${seconds}s`;
      frame += 1;
      this.out.write(`\r\x1b[2K${text.slice(0, (this.out.columns ?? 100) - 1)}`);
    };
    draw();
    this.spinner = setInterval(draw, 80);
    this.spinner.unref();
  }

  private clearProgress(): void {
    if (this.spinner) clearInterval(this.spinner);
    this.spinner = undefined;
    if (this.tty) this.out.write("\r\x1b[2K");
  }

  stepSkipped(index: number, total: number, title: string, action: string, reason: string): void {
    this.clearProgress();
    this.line(`${this.bold(`[${index}/${total}] ${title}`)}`);
    this.line(`  ${this.color(33, "skipped")}  ${action}: ${reason}`);
    this.line();
  }

  stepFinished(report: StepReport): void {
    this.clearProgress();
    const { index, total } = report;
    this.line(this.bold(`[${index}/${total}] ${report.title}`));
    this.line(this.dim(`  $ exo-connector run ${report.action}`));
    if (report.input !== undefined)
      for (const line of report.input.split("\n")) this.line(`  input        ${line}`);
    for (const audit of report.audits) {
      const mark = audit.isError ? this.color(31, "audit  error") : this.color(32, "audit  ok   ");
      this.line(`  ${mark}  ${audit.message}`);
    }
    for (const note of report.notes) this.line(`  result       ${note}`);
    for (const log of report.logs) {
      const level =
        log.level === "warn" || log.level === "error"
          ? this.color(33, log.level.padEnd(5))
          : log.level.padEnd(5);
      this.line(`  log    ${level}  ${log.message}`);
    }
    for (const request of report.requests) {
      const write = isNoOpWrite(request) ? " (no change)" : request.isWrite ? " (write)" : "";
      const status =
        request.status === 200 || request.kind === "batch-item" ? "" : ` [${request.status || "reset"}]`;
      const label = `${requestLabel(request)}${write}${status}`;
      this.line(
        `  ${this.dim("exchange")}     ${label.padEnd(52)} ${request.durationMs.toFixed(1).padStart(7)} ms`,
      );
    }
    const writeRequests = report.requests.filter((r) => r.isWrite && r.kind !== "batch");
    const noOps = writeRequests.filter(isNoOpWrite).length;
    const writes = writeRequests.length - noOps;
    const calls = report.requests.filter((r) => r.kind !== "batch-item").length;
    if (!report.requests.some((r) => r.kind === "token") && calls > 0) {
      this.line(`  ${this.dim("token")}        none requested: this process already holds one (see above)`);
    }
    const outcome =
      report.exitCode === 0
        ? this.color(32, "success")
        : this.color(31, `failed (exit code ${report.exitCode})`);
    this.line(
      `  ${outcome} in ${report.elapsedMs.toFixed(0)} ms: ${calls} HTTPS request${calls === 1 ? "" : "s"} to Exchange Online, ${writes} write${writes === 1 ? "" : "s"}${noOps ? `, ${noOps} that changed nothing` : ""}`,
    );
    this.line();
  }

  close(): void {
    this.clearProgress();
  }
}
