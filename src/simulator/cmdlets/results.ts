// List results: ResultSize capping with Exchange's warning, and rows built on first access so that a
// page the server slices out of 100,000 matches costs 1 page of row objects, not 100,000. The paging store
// reads a listing through rowSource(), which builds each page afresh and keeps only the matching records.
import type { Params } from "./parameters.js";
import type { Selection } from "./rows.js";
import type { CmdletResult, Row } from "./types.js";

export const MORE_RESULTS =
  "There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.";

function indexOf(key: string | symbol, length: number): number | undefined {
  if (typeof key !== "string") return undefined;
  const i = Number(key);
  return Number.isInteger(i) && i >= 0 && i < length && String(i) === key ? i : undefined;
}

/** What a paging snapshot keeps of a listing: its length and a way to build any slice of its rows. */
export interface RowSource {
  readonly length: number;
  /**
   * The rows [start, end), built now; the source keeps none of them. With `select` (lower-case `$select`
   * names) a row may leave out unselected properties: the caller applies `$select` to what it gets.
   */
  slice(start: number, end?: number, select?: Selection): Row[];
}

const sources = new WeakMap<Row[], RowSource>();

/**
 * The rows of a cmdlet result as the paging store should hold them: for a list result, the matching records
 * (rows built per page and then dropped, so a 100,000-row listing never holds 100,000 row objects); for
 * any other result, the rows themselves.
 */
export function rowSource(rows: Row[]): RowSource {
  return sources.get(rows) ?? rows;
}

/** A row builder; `select` lets it skip properties nobody asked for. */
export type RowBuilder<T> = (item: T, select?: Selection) => Row;

/** An ordinary-looking Row[] whose element i is built from items[i] the first time it is read. */
function lazyRows<T>(items: readonly T[], build: RowBuilder<T>): Row[] {
  const rows = new Array<Row>(items.length);
  const materialize = (i: number) => {
    if (!(i in rows)) rows[i] = build(items[i] as T);
    return rows[i];
  };
  const proxy = new Proxy(rows, {
    get(target, key, receiver) {
      const i = indexOf(key, target.length);
      return i === undefined ? Reflect.get(target, key, receiver) : materialize(i);
    },
    has(target, key) {
      return indexOf(key, target.length) !== undefined || Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      const i = indexOf(key, target.length);
      if (i !== undefined) materialize(i);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      for (let i = 0; i < target.length; i++) materialize(i);
      return Reflect.ownKeys(target);
    },
  });
  sources.set(proxy, {
    length: items.length,
    slice: (start, end, select) => items.slice(start, end).map((item) => build(item, select)),
  });
  return proxy;
}

/** Takes at most ResultSize items (default 1000) and warns when more were available. */
export function listResult<T>(items: Iterable<T>, params: Params, build: RowBuilder<T>): CmdletResult {
  const cap = params.resultSize();
  const taken: T[] = [];
  let more = false;
  for (const item of items) {
    if (taken.length >= cap) {
      more = true;
      break;
    }
    taken.push(item);
  }
  return { rows: lazyRows(taken, build), warnings: more ? [MORE_RESULTS] : [] };
}

export function noRows(warnings: string[] = []): CmdletResult {
  return { rows: [], warnings };
}
