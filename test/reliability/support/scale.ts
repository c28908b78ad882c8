// How big the reliability suites run. `npm test` runs them bounded and seeded; the on-demand size is
// `EXO_RELIABILITY_SCALE=large` (`npm run test:reliability:large`). `RELIABILITY_RUNS=n` overrides the
// number of sequences / fuzz cases; `RELIABILITY_SEED=n` replays one failing seed printed by a suite.

const env = process.env;

export const LARGE = env.EXO_RELIABILITY_SCALE?.toLowerCase() === "large";

/** The bounded figure, or the large one when the suites run at the larger size. */
export function size(bounded: number, large: number): number {
  return LARGE ? large : bounded;
}

/** The number of runs (sequences, fuzz cases) of a suite; RELIABILITY_RUNS overrides both sizes. */
export function runs(bounded: number, large: number): number {
  const forced = Number(env.RELIABILITY_RUNS);
  return Number.isInteger(forced) && forced > 0 ? forced : size(bounded, large);
}

/** A seed to replay, when RELIABILITY_SEED is set. */
export const REPLAY_SEED: number | undefined = (() => {
  const seed = Number(env.RELIABILITY_SEED);
  return env.RELIABILITY_SEED !== undefined && Number.isInteger(seed) ? seed : undefined;
})();

/** The seeds a suite runs: the replayed one alone, or `count` seeds derived from the suite's base seed. */
export function seeds(base: number, count: number): number[] {
  if (REPLAY_SEED !== undefined) return [REPLAY_SEED];
  return Array.from({ length: count }, (_, i) => base + i);
}

/** How to replay a failure, printed with every failing seed. */
export function replayHint(file: string, seed: number): string {
  return `replay: RELIABILITY_SEED=${seed}${LARGE ? " EXO_RELIABILITY_SCALE=large" : ""} npm test -- ${file}`;
}
