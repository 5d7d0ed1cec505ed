import type { ResultRow, RunRow } from '../estimation-runs/runs.repository';
import type { Wave } from '../waves/waves.repository';
import type { ComparisonBasis } from './comparison-basis';
import type { Unit } from './units.repository';

export function presentWave(w: Wave) {
  return {
    id: w.id, year: w.year, geography: w.geography_code, titleVi: w.title_vi, titleEn: w.title_en,
    design: w.design, status: w.status, isSynthetic: w.is_synthetic,
    /** False for an `open` (self-selected) wave: every screen of its figures says so (METHOD.md §7). */
    probabilitySample: w.design !== 'open',
  };
}

export function presentRunSummary(r: RunRow) {
  return {
    id: r.id, geography: r.geography_code, schemes: r.schemes, status: r.status, error: r.error,
    respondentCount: r.respondent_count, finishedAt: r.finished_at, notSampled: r.not_sampled,
  };
}

/** A stored result row as the run route gives it (METHOD.md §6 fields and flags). */
export function presentRow({ run_id: _run, ...row }: ResultRow) {
  return row;
}

export type PresentedRow = ReturnType<typeof presentRow>;

/** What the comparison is against and whether it can be made; `missingRun` names the run to start. */
export function presentBasis(basis: ComparisonBasis | null) {
  if (!basis) return null;
  const missing = !basis.current
    ? { wave: basis.currentWave.id, geography: basis.geography }
    : !basis.previous ? { wave: basis.previousWave.id, geography: basis.geography } : null;
  return {
    previousWave: presentWave(basis.previousWave),
    geography: basis.geography,
    acrossReorganisation: basis.acrossReorganisation,
    scheme: basis.scheme,
    previousScheme: basis.previousScheme,
    currentRunId: basis.current?.id ?? null,
    previousRunId: basis.previous?.id ?? null,
    missingRun: missing,
  };
}

export function presentUnit(u: Unit) {
  return { code: u.code, nameVi: u.nameVi, nameEn: u.nameEn, region: u.region, members: u.members, successor: u.successor };
}
