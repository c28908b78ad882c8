// The one bounded-concurrency helper: $batch POSTs and the per-object reads of an import run a few at a time,
// so large tenants finish without flooding Exchange's throttling, and results come out in input order as soon
// as they are ready.

/** Maps `source` through `fn` with at most `limit` calls in flight; yields results in source order. */
export async function* mapConcurrent<T, U>(
  source: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: (item: T) => Promise<U>,
): AsyncGenerator<U> {
  const inFlight: Promise<U>[] = [];
  for await (const item of source) {
    const result = fn(item);
    // Awaited in order below; until then a rejection must not count as unhandled.
    result.catch(() => {});
    inFlight.push(result);
    if (inFlight.length >= limit) yield await (inFlight.shift() as Promise<U>);
  }
  while (inFlight.length > 0) yield await (inFlight.shift() as Promise<U>);
}

/** The items of `source` in arrays of `size` (the last may be shorter). */
export async function* chunked<T>(source: Iterable<T> | AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of source) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
