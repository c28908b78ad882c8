// Exchange's date rendering: ISO-8601 with 7 fractional digits, "+00:00" for local-style properties, "Z" for *UTC ones.

export function exchangeDate(ms: number): string {
  return `${isoMilliseconds(ms)}0000+00:00`;
}

export function exchangeUtcDate(ms: number): string {
  return `${isoMilliseconds(ms)}0000Z`;
}

// A row shows each of its record's times two or three times, and pages are built by the thousand.
let lastMs = Number.NaN;
let lastIso = "";
let previousMs = Number.NaN;
let previousIso = "";

/** "2024-05-22T16:52:26.365" for an epoch time in milliseconds; the two latest answers are remembered. */
function isoMilliseconds(ms: number): string {
  if (ms === lastMs) return lastIso;
  if (ms === previousMs) return previousIso;
  previousMs = lastMs;
  previousIso = lastIso;
  lastMs = ms;
  lastIso = new Date(ms).toISOString().slice(0, 23);
  return lastIso;
}
