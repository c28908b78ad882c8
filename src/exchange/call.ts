// What one cmdlet invocation is (the unit of invoke, pages and batch) and what comes back.
import type { ExchangeError } from "./errors.js";

/** One row of cmdlet output: Exchange's PascalCase property names, annotation keys removed. */
export type Row = Record<string, unknown>;

declare const rowType: unique symbol;

/** Exactly what goes into `CmdletInput.Parameters`; undefined values are left out. */
export type CmdletParameters = Readonly<Record<string, unknown>>;

export interface CallOptions {
  /** `?$select=`: only these properties come back. */
  readonly select?: readonly string[];
}

export interface CmdletCall<R = Row> extends CallOptions {
  readonly cmdlet: string;
  readonly parameters: CmdletParameters;
  /** Carries the row type for typed results; never set at run time. */
  readonly [rowType]?: R;
}

export interface CmdletResult<R = Row> {
  rows: R[];
  /** `@adminapi.warnings` (and any `@adminapi.errors`); see warnings.ts to classify them. */
  warnings: string[];
}

export type BatchItemResult<R = Row> =
  | { ok: true; result: CmdletResult<R> }
  | { ok: false; error: ExchangeError };

/** The row type a call carries. */
export type RowOf<C> = C extends CmdletCall<infer R> ? R : Row;
