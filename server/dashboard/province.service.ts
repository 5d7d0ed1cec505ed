import type { AuthUser } from '../auth/auth-user';
import { assertProvinceAccess } from '../auth/province-scope';
import type { GeographyCode } from '../db/database';
import { NotFoundError } from '../errors/app-error';
import { listRuns, type ResultRow } from '../estimation-runs/runs.repository';
import { changesBetween } from './comparison';
import { comparisonBasis, type ComparisonBasis } from './comparison-basis';
import { comparableWaves, selectResults } from './dashboard.repository';
import { nationalChanges, presentView } from './overview.service';
import { presentBasis, presentRow, presentRunSummary, presentUnit, presentWave } from './present';
import { rankByValue } from './ranking';
import { latestRun, preferredScheme } from './run-choice';
import { loadUnits } from './units.repository';
import { resolveView, type DashboardDeps, type WaveView } from './wave-view';

const COMPOSITES = ['sipas', 'policy', 'service'];

/** The province's changes from the previous wave, when the comparison is made on the view's units. */
async function provinceChanges(deps: DashboardDeps, basis: ComparisonBasis | null, view: WaveView, code: string) {
  if (!basis?.current || !basis.previous || !basis.scheme || basis.geography !== view.geography) return [];
  const query = { scheme: basis.scheme, domainTypes: ['province'], domains: [code] };
  const [before, after] = await Promise.all([
    selectResults(deps.db, basis.previous.id, { ...query, scheme: basis.previousScheme! }),
    selectResults(deps.db, basis.current.id, query),
  ]);
  return changesBetween(before, after);
}

/**
 * The ranks the unit could take given the intervals: from 1 + the units whose interval lies wholly above its
 * own, to the ranked units less those whose interval lies wholly below. Null when its interval is undefined.
 */
export function rankRange(rows: readonly Pick<ResultRow, 'domain' | 'p' | 'ci_xlogit_lo' | 'ci_xlogit_hi'>[], code: string): { best: number; worst: number } | null {
  const own = rows.find((r) => r.domain === code);
  if (!own || own.p === null || own.ci_xlogit_lo === null || own.ci_xlogit_hi === null) return null;
  const ranked = rows.filter((r) => r.p !== null);
  const above = ranked.filter((r) => r.domain !== code && r.ci_xlogit_lo !== null && r.ci_xlogit_lo > own.ci_xlogit_hi!).length;
  const below = ranked.filter((r) => r.domain !== code && r.ci_xlogit_hi !== null && r.ci_xlogit_hi < own.ci_xlogit_lo!).length;
  return { best: 1 + above, worst: ranked.length - below };
}

/** Rank of the unit among all units on each composite index, with the range of ranks its interval allows. */
async function ranksOf(deps: DashboardDeps, view: WaveView, code: string) {
  const rows = await selectResults(deps.db, view.run!.id, { scheme: view.scheme!, domainTypes: ['province'], indicators: COMPOSITES });
  return COMPOSITES.map((indicator) => {
    const mine = rows.filter((r) => r.indicator === indicator);
    const ranks = rankByValue(mine);
    return { indicator, rank: ranks.get(code) ?? null, of: ranks.size, range: rankRange(mine, code) };
  });
}

/**
 * The unit's composite indices in every comparable wave estimated on the same units (oldest first). Waves
 * with no run on these units are listed as unavailable, so the page can say where to find them.
 */
async function trendOf(deps: DashboardDeps, view: WaveView, code: string) {
  const waves = await comparableWaves(deps.db, view.wave);
  // The waves are read side by side (on PostgreSQL each on its own connection).
  return Promise.all(waves.map(async (wave) => {
    const run = latestRun(await listRuns(deps.db, wave.id), view.geography);
    const scheme = run ? preferredScheme(run.schemes) : null;
    if (!run || !scheme) return { wave: presentWave(wave), run: null, scheme: null, province: [], national: [] };
    const rows = await selectResults(deps.db, run.id, { scheme, domainTypes: ['province', 'national'], indicators: COMPOSITES });
    return {
      wave: presentWave(wave), run: presentRunSummary(run), scheme,
      province: rows.filter((r) => r.domain_type === 'province' && r.domain === code).map(presentRow),
      national: rows.filter((r) => r.domain_type === 'national').map(presentRow),
    };
  }));
}

/**
 * One unit's page: every indicator beside the national figure, its ranks, its change from the previous
 * wave and its trend. Breakdowns by sex and age group are the national ones: the stored runs cross them with
 * the nation only, and a province's ~600 respondents split ten ways would mostly be flagged unreliable.
 * Refused (403) unless the user may see this unit in detail.
 */
export async function provinceDetail(deps: DashboardDeps, user: AuthUser, waveId: string, code: string, geography?: GeographyCode) {
  const view = await resolveView(deps, waveId, geography);
  assertProvinceAccess(user, view.geography, code);
  const [units, old] = await Promise.all([loadUnits(deps.db, view.geography), loadUnits(deps.db, 'vn-63')]);
  const unit = units.find((u) => u.code === code);
  if (!unit) throw new NotFoundError(`Không có tỉnh, thành phố mã "${code}" trong ${view.geography}`, `No unit "${code}" in ${view.geography}`);
  /** The former provinces a unit of the 34 merged, by name. */
  const members = unit.members.map((m) => old.find((o) => o.code === m)).filter((o) => o !== undefined)
    .map((o) => ({ code: o.code, nameVi: o.nameVi, nameEn: o.nameEn }));
  const base = { ...presentView(view, user), province: presentUnit(unit), members };
  if (!view.run || !view.scheme) {
    return { ...base, figures: [], national: [], breakdowns: [], ranks: [], comparison: null, changes: [], nationalChanges: [], trend: await trendOf(deps, view, code) };
  }
  const basisThenChanges = comparisonBasis(deps.db, view).then(async (basis) => {
    const [changes, national] = await Promise.all([provinceChanges(deps, basis, view, code), nationalChanges(deps, basis)]);
    return { basis, changes, national };
  });
  const [rows, ranks, compared, trend] = await Promise.all([
    selectResults(deps.db, view.run.id, {
      scheme: view.scheme, domainTypes: ['province', 'national', 'national_mean_of_provinces', 'sex', 'age_group'],
    }),
    ranksOf(deps, view, code),
    basisThenChanges,
    trendOf(deps, view, code),
  ]);
  return {
    ...base,
    figures: rows.filter((r) => r.domain_type === 'province' && r.domain === code).map(presentRow),
    national: rows.filter((r) => r.domain_type === 'national' || r.domain_type === 'national_mean_of_provinces').map(presentRow),
    breakdowns: rows.filter((r) => r.domain_type === 'sex' || r.domain_type === 'age_group').map(presentRow),
    ranks,
    comparison: presentBasis(compared.basis),
    changes: compared.changes,
    nationalChanges: compared.national,
    trend,
  };
}
