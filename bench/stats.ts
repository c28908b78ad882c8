// Small statistics for a shared, noisy machine: medians and spreads (never a single time), ratios.

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export interface Spread {
  n: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return {
    n: values.length,
    median: median(values),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** "123 ms" with sensible precision. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (Math.abs(value) >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (Math.abs(value) >= 100) return `${Math.round(value)} ms`;
  return `${value.toFixed(1)} ms`;
}

export function seconds(valueMs: number): string {
  return Number.isFinite(valueMs) ? `${(valueMs / 1000).toFixed(valueMs >= 100_000 ? 0 : 1)} s` : "–";
}

/** "median (p25–p75, min–max)". */
export function describeSpread(s: Spread, format: (value: number) => string = ms): string {
  return `${format(s.median)} (IQR ${format(s.p25)}–${format(s.p75)}; range ${format(s.min)}–${format(s.max)})`;
}

export function mb(kilobytes: number | undefined): string {
  return kilobytes === undefined || !Number.isFinite(kilobytes) ? "–" : `${(kilobytes / 1024).toFixed(0)} MB`;
}

export function ratio(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)}×` : "–";
}

export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "–";
}
