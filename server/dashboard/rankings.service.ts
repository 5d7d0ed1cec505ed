import type { AuthUser } from '../auth/auth-user';
import { visibleProvinces } from '../auth/province-scope';
import type { GeographyCode } from '../db/database';
import { ValidationError } from '../errors/app-error';
import type { ResultRow } from '../estimation-runs/runs.repository';
import { changesBetween, type Change } from './comparison';
import { comparisonBasis, type ComparisonBasis } from './comparison-basis';
import { selectResults } from './dashboard.repository';
import { indicatorsOf } from './indicators';
import { presentBasis, presentRow, presentUnit } from './present';
import { presentView } from './overview.service';
import { rankByValue } from './ranking';
import { loadUnits } from './units.repository';
import { resolveView, type DashboardDeps } from './wave-view';

export interface RankChange {
  previousRank: number | null;
  /** Positive when the unit moved up (a smaller rank number). */
  rankChange: number | null;
  change: Change;
}

/**
 * Ranks and rank changes of every unit on one indicator. The change of rank is read with the change of the
 * figure: the previous wave's rows and the current ones in the same scheme and geography, so a rank change
 * whose difference is not significant can be shown as such.
 */
async function rankChanges(deps: DashboardDeps, basis: ComparisonBasis | null, geography: GeographyCode, indicator: string) {
  const changes = new Map<string, RankChange>();
  if (!basis?.current || !basis.previous || !basis.scheme || basis.geography !== geography) return changes;
  const query = { scheme: basis.scheme, domainTypes: ['province'], indicators: [indicator] };
  const [before, after] = await Promise.all([
    selectResults(deps.db, basis.previous.id, { ...query, scheme: basis.previousScheme! }),
    selectResults(deps.db, basis.current.id, query),
  ]);
  const ranksBefore = rankByValue(before);
  const ranksAfter = rankByValue(after);
  for (const change of changesBetween(before, after)) {
    const previousRank = ranksBefore.get(change.domain) ?? null;
    const rank = ranksAfter.get(change.domain) ?? null;
    changes.set(change.domain, {
      previousRank, rankChange: previousRank !== null && rank !== null ? previousRank - rank : null, change,
    });
  }
  return changes;
}

/**
 * Every unit's figure on `indicator` with its CI, rank among all units, rank change and reliability flags.
 * Rankings are published figures, so every signed-in official receives every unit; a province official's
 * own units are named in `mine` (to highlight them). The province scope limits details, microdata and
 * fieldwork, not the ranking.
 */
export async function provinceRankings(deps: DashboardDeps, user: AuthUser, waveId: string, geography: GeographyCode | undefined, indicator: string) {
  const view = await resolveView(deps, waveId, geography);
  if (!indicatorsOf(view.definition).some((i) => i.id === indicator)) {
    throw new ValidationError([{ field: 'indicator', rule: 'not_a_choice', message: 'Chỉ số không có trong phiếu hỏi của đợt này', messageEn: 'No such indicator in this wave\'s questionnaire' }]);
  }
  const units = await loadUnits(deps.db, view.geography);
  const visible = visibleProvinces(user, view.geography);
  const base = {
    ...presentView(view, user), indicator, restricted: visible !== 'all', mine: visible === 'all' ? [] : [...visible],
    regionRule: view.geography === 'vn-63' ? 'region' as const : 'admin_centre' as const,
  };
  if (!view.run || !view.scheme) return { ...base, total: 0, comparison: null, regions: [], provinces: [] };

  const rows = await selectResults(deps.db, view.run.id, { scheme: view.scheme, domainTypes: ['province', 'region'], indicators: [indicator] });
  const provinceRows = new Map<string, ResultRow>(rows.filter((r) => r.domain_type === 'province').map((r) => [r.domain, r]));
  const ranks = rankByValue([...provinceRows.values()]);
  const basis = await comparisonBasis(deps.db, view);
  const changes = await rankChanges(deps, basis, view.geography, indicator);
  return {
    ...base,
    total: ranks.size,
    comparison: presentBasis(basis),
    regions: rows.filter((r) => r.domain_type === 'region').map(presentRow),
    provinces: units.map((u) => {
      const row = provinceRows.get(u.code);
      const change = changes.get(u.code);
      return {
        ...presentUnit(u),
        row: row ? presentRow(row) : null,
        rank: ranks.get(u.code) ?? null,
        previousRank: change?.previousRank ?? null,
        rankChange: change?.rankChange ?? null,
        change: change?.change ?? null,
      };
    }),
  };
}
