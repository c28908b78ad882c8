// `Retry-After` from Exchange is a decimal number of seconds ("1.5"; docs/EXCHANGE-API.md, 'Errors'); HTTP
// also allows a date.

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP-date has a day and month name ("Wed, 21 Oct 2015 07:28:00 GMT"); "-1" is not one.
  if (!/[A-Za-z]/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
