import type { Kysely } from 'kysely';
import type { Database, GeographyCode } from '../db/database';
import { listRuns, type RunRow } from '../estimation-runs/runs.repository';
import type { Scheme } from '../estimation/types';
import { earlierWaves } from '../reports/report.repository';
import type { Wave } from '../waves/waves.repository';
import { comparisonSchemes, latestRun } from './run-choice';
import type { WaveView } from './wave-view';

/** What a wave is compared with, and on which units. */
export interface ComparisonBasis {
  currentWave: Wave;
  previousWave: Wave;
  /** vn-63 only when both waves are on the 63 provinces and the view is; otherwise the 34 units. */
  geography: GeographyCode;
  /** The waves are on different geographies (before and after 2025): both are compared on the 34 units. */
  acrossReorganisation: boolean;
  current: RunRow | null;
  previous: RunRow | null;
  /** The scheme of the current run's rows compared, and of the previous run's (differs only in variance method). */
  scheme: Scheme | null;
  previousScheme: Scheme | null;
}

/**
 * The previous comparable wave (latest earlier one with a successful run, else the latest earlier one) and
 * the runs that compare the two. Across the 2025 reorganisation both waves are compared on the 34 units, from
 * runs that re-estimated the older wave's responses on them — never by averaging old provincial figures.
 */
export async function comparisonBasis(db: Kysely<Database>, view: WaveView): Promise<ComparisonBasis | null> {
  const earlier = await earlierWaves(db, view.wave);
  if (earlier.length === 0) return null;
  const runsOf = new Map<string, RunRow[]>();
  for (const wave of earlier) runsOf.set(wave.id, await listRuns(db, wave.id));
  const previousWave = earlier.find((w) => runsOf.get(w.id)!.some((r) => r.status === 'succeeded')) ?? earlier[0];
  const sameOld = view.geography === 'vn-63' && previousWave.geography_code === 'vn-63';
  const geography: GeographyCode = sameOld ? 'vn-63' : 'vn-34';
  const current = latestRun(view.runs, geography);
  const previous = latestRun(runsOf.get(previousWave.id)!, geography);
  const schemes = current && previous ? comparisonSchemes(current.schemes, previous.schemes) : null;
  return {
    currentWave: view.wave,
    previousWave,
    geography,
    acrossReorganisation: previousWave.geography_code !== view.wave.geography_code,
    current,
    previous,
    scheme: schemes?.current ?? null,
    previousScheme: schemes?.previous ?? null,
  };
}
