// List results: ResultSize capping with Exchange's warning, and rows built on first access so that a
// page the server slices out of 100,000 matches costs 1 page of row objects, not 100,000.
import type { Params } from "./parameters.js";
import type { CmdletResult, Row } from "./types.js";

export const MORE_RESULTS =
  "There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.";

function indexOf(key: string | symbol, length: number): number | undefined {
  if (typeof key !== "string") return undefined;
  const i = Number(key);
  return Number.isInteger(i) && i >= 0 && i < length && String(i) === key ? i : undefined;
}

/** An ordinary-looking Row[] whose element i is built from items[i] the first time it is read. */
function lazyRows<T>(items: readonly T[], build: (item: T) => Row): Row[] {
  const rows = new Array<Row>(items.length);
  const materialize = (i: number) => {
    if (!(i in rows)) rows[i] = build(items[i] as T);
    return rows[i];
  };
  return new Proxy(rows, {
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
}

/** Takes at most ResultSize items (default 1000) and warns when more were available. */
export function listResult<T>(items: Iterable<T>, params: Params, build: (item: T) => Row): CmdletResult {
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
