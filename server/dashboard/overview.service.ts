import type { AuthUser } from '../auth/auth-user';
import type { GeographyCode } from '../db/database';
import { changesBetween, type Change } from './comparison';
import { headlineIndicator } from '../reports/report-summary';
import { comparisonBasis, type ComparisonBasis } from './comparison-basis';
import { selectResults } from './dashboard.repository';
import { headlineOf } from './headline';
import { indicatorsOf } from './indicators';
import { presentBasis, presentRow, presentRunSummary, presentWave } from './present';
import { loadUnits } from './units.repository';
import { resolveView, type DashboardDeps, type WaveView } from './wave-view';

const NATIONAL = ['national', 'national_mean_of_provinces'];
const BREAKDOWNS = ['sex', 'age_group', 'region'];

/** Analysts and administrators may start the run a view is missing; officials ask them. */
export function canStartRuns(user: AuthUser): boolean {
  return user.role === 'national_admin' || user.role === 'analyst';
}

export function presentView(view: WaveView, user: AuthUser) {
  return {
    wave: presentWave(view.wave),
    geography: view.geography,
    /** The wave's responses were re-estimated with the 34 new units as domains. */
    reestimated: view.geography !== view.wave.geography_code,
    run: view.run ? presentRunSummary(view.run) : null,
    scheme: view.scheme,
    canStartRun: canStartRuns(user),
    indicators: indicatorsOf(view.definition),
  };
}

/** National changes (weighted figure and mean of provinces) from the previous wave, as METHOD.md §5. */
export async function nationalChanges(deps: DashboardDeps, basis: ComparisonBasis | null): Promise<Change[]> {
  if (!basis?.current || !basis.previous || !basis.scheme) return [];
  const query = { scheme: basis.scheme, domainTypes: NATIONAL };
  const [before, after] = await Promise.all([
    selectResults(deps.db, basis.previous.id, { ...query, scheme: basis.previousScheme! }),
    selectResults(deps.db, basis.current.id, query),
  ]);
  return changesBetween(before, after);
}

/**
 * The dashboard's national page: first the headline (the official mean of provinces with its interval and
 * change, top and bottom five units, the service elements, the population-weighted figure beside it), then
 * the weighted national figures and the equal-weight mean of provinces of every indicator, the change from
 * the previous wave with its test, and the national breakdowns by sex, age group and (on the 63 provinces)
 * region — all read from the stored run, never recomputed.
 */
export async function nationalOverview(deps: DashboardDeps, user: AuthUser, waveId: string, geography?: GeographyCode) {
  const view = await resolveView(deps, waveId, geography);
  const base = presentView(view, user);
  if (!view.run || !view.scheme) return { ...base, headline: null, national: [], meanOfProvinces: [], breakdowns: [], comparison: null, changes: [] };
  const indicator = headlineIndicator(view.definition);
  const [rows, provinceRows, units, basis] = await Promise.all([
    selectResults(deps.db, view.run.id, { scheme: view.scheme, domainTypes: [...NATIONAL, ...BREAKDOWNS] }),
    selectResults(deps.db, view.run.id, { scheme: view.scheme, domainTypes: ['province'], indicators: [indicator] }),
    loadUnits(deps.db, view.geography),
    comparisonBasis(deps.db, view),
  ]);
  const changes = await nationalChanges(deps, basis);
  return {
    ...base,
    headline: headlineOf(indicator, base.indicators, [...rows, ...provinceRows], changes, units),
    national: rows.filter((r) => r.domain_type === 'national').map(presentRow),
    meanOfProvinces: rows.filter((r) => r.domain_type === 'national_mean_of_provinces').map(presentRow),
    breakdowns: rows.filter((r) => BREAKDOWNS.includes(r.domain_type)).map(presentRow),
    comparison: presentBasis(basis),
    changes,
  };
}
