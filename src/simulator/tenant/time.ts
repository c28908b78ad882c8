// Exchange's date rendering: ISO-8601 with 7 fractional digits, "+00:00" for local-style properties, "Z" for *UTC ones.

export function exchangeDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000+00:00`;
}

export function exchangeUtcDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000Z`;
}
