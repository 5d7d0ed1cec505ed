import type { RunRow } from '../estimation-runs/runs.repository';
import type { Scheme } from '../estimation/types';

/**
 * Raked figures are the published ones when the wave has margins; design weights otherwise. A run made with
 * JKn replicates (raking redone in each) is preferred: the coverage study (docs/benchmarks.md, issue #19)
 * shows its national intervals covering the truth as 95% intervals should, the linearised ones too rarely.
 */
const PREFERENCE: readonly Scheme[] = ['raked_jkn', 'raked', 'design_jkn', 'design', 'design_fpc'];

/**
 * The most recent successful run of a wave's official figures on `geography`, or null when there is none
 * yet. A run of a household wave's not-sampled responses is never shown, compared or ranked.
 */
export function latestRun(runs: readonly RunRow[], geography: string): RunRow | null {
  let best: RunRow | null = null;
  for (const run of runs) {
    if (run.status !== 'succeeded' || run.not_sampled || run.geography_code !== geography) continue;
    if (!best || run.finished_at.getTime() > best.finished_at.getTime()) best = run;
  }
  return best;
}

/** The scheme a run's figures are shown in: raked when the run has it, else design. */
export function preferredScheme(schemes: readonly string[]): Scheme | null {
  return PREFERENCE.find((s) => schemes.includes(s)) ?? null;
}

/** The scheme two runs are compared in: the preferred one both have, so a difference is like for like. */
export function commonScheme(a: readonly string[], b: readonly string[]): Scheme | null {
  return preferredScheme(a.filter((s) => b.includes(s)));
}

/** The weighting of a scheme, whatever its variance method: `raked_jkn` and `raked` share their points. */
function weightingOf(scheme: string): string {
  return scheme.replace(/_jkn$/, '').replace(/_fpc$/, '');
}

/**
 * The schemes a current run and a previous one are compared in: the preferred scheme both have; else (a JKn run
 * after a run made before JKn) the current run's preferred scheme and the previous run's preferred scheme of the
 * same weighting — the same points, each wave's standard error by its own run's method.
 */
export function comparisonSchemes(current: readonly string[], previous: readonly string[]): { current: Scheme; previous: Scheme } | null {
  const common = commonScheme(current, previous);
  if (common) return { current: common, previous: common };
  for (const scheme of PREFERENCE.filter((s) => current.includes(s))) {
    const match = preferredScheme(previous.filter((s) => weightingOf(s) === weightingOf(scheme)));
    if (match) return { current: scheme, previous: match };
  }
  return null;
}
