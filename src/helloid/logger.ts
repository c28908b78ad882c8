// Logs go to stderr as JSON lines {"level","message",...}; stdout carries only results
// (README, 'run contract').
import type { LogFields, Logger } from "../common/logger.js";
import type { Redactor } from "./redactor.js";

export type LogLevel = "debug" | "info" | "warn" | "error";

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** A level named in any case; undefined for anything else. */
export function parseLogLevel(text: string): LogLevel | undefined {
  const level = text.trim().toLowerCase();
  return LOG_LEVELS.find((known) => known === level);
}

export class JsonLinesLogger implements Logger {
  constructor(
    private readonly write: (line: string) => void,
    private readonly redactor: Redactor,
    private readonly minimum: LogLevel = "info",
    /** Fields the first line written carries (the connector's version), so every run's log says what ran. */
    private firstLineFields?: LogFields,
    /** Fields every line carries (a service's request id: parallel actions interleave on its stderr). */
    private readonly lineFields?: LogFields,
  ) {}

  debug(message: string, fields?: LogFields): void {
    this.log("debug", message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.log("info", message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.log("warn", message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.log("error", message, fields);
  }

  private log(level: LogLevel, message: string, fields?: LogFields): void {
    if (ORDER[level] < ORDER[this.minimum]) return;
    const first = this.firstLineFields;
    this.firstLineFields = undefined;
    this.write(
      `${this.redactor.redact(JSON.stringify({ level, message, ...fields, ...first, ...this.lineFields }))}\n`,
    );
  }
}
