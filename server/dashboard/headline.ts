import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { ResultRow } from '../estimation-runs/runs.repository';
import type { IndicatorInfo } from './indicators';
import type { Change } from './comparison';
import { presentRow, type PresentedRow } from './present';
import { rankByValue } from './ranking';
import type { Unit } from './units.repository';

/**
 * The figure the ministry publishes first (METHOD.md §5): the national SIPAS as the unweighted mean of the
 * provincial indices. Its stored row holds p, se and df only, so its 95% interval is p ± t(0.975, df)·se,
 * clipped to [0, 1]; null when it cannot be computed.
 */
export function meanInterval(row: Pick<ResultRow, 'p' | 'se' | 'df'> | null): { lo: number; hi: number } | null {
  if (!row || row.p === null || row.se === null || !(row.df > 0)) return null;
  const half = tQuantile(0.975, row.df) * row.se;
  return { lo: Math.max(0, row.p - half), hi: Math.min(1, row.p + half) };
}

/** One indicator's official figure (mean of provinces) beside the population-weighted national one. */
export interface HeadlineFigure {
  indicator: string;
  mean: PresentedRow | null;
  meanInterval: { lo: number; hi: number } | null;
  meanChange: Change | null;
  weighted: PresentedRow | null;
  weightedChange: Change | null;
}

export interface HeadlineProvince {
  code: string; nameVi: string; nameEn: string; rank: number; of: number; row: PresentedRow;
}

export interface Headline {
  indicator: string;
  /** How many units the mean is over (those with a defined estimate). */
  provinces: number;
  figure: HeadlineFigure;
  top: HeadlineProvince[];
  bottom: HeadlineProvince[];
  /** The five service elements (and any other element of the service composite), official and weighted. */
  elements: HeadlineFigure[];
}

function figureOf(indicator: string, rows: readonly ResultRow[], changes: readonly Change[]): HeadlineFigure {
  const mean = rows.find((r) => r.domain_type === 'national_mean_of_provinces' && r.indicator === indicator) ?? null;
  const weighted = rows.find((r) => r.domain_type === 'national' && r.indicator === indicator) ?? null;
  const change = (type: string) => changes.find((c) => c.domain_type === type && c.indicator === indicator) ?? null;
  return {
    indicator,
    mean: mean ? presentRow(mean) : null,
    meanInterval: meanInterval(mean),
    meanChange: change('national_mean_of_provinces'),
    weighted: weighted ? presentRow(weighted) : null,
    weightedChange: change('national'),
  };
}

/**
 * The headline block of the dashboard from one run's rows: the official national figure with its interval
 * and change, the top and bottom five units on it (five each, fewer when there are under ten units), and the
 * service elements — everything from stored rows, nothing recomputed but the mean's interval.
 */
export function headlineOf(
  indicator: string, indicators: readonly IndicatorInfo[], rows: readonly ResultRow[], changes: readonly Change[], units: readonly Unit[],
): Headline {
  const provinceRows = rows.filter((r) => r.domain_type === 'province' && r.indicator === indicator);
  const ranks = rankByValue(provinceRows);
  const unitOf = new Map(units.map((u) => [u.code, u]));
  const ranked = provinceRows.filter((r) => ranks.has(r.domain))
    .sort((a, b) => ranks.get(a.domain)! - ranks.get(b.domain)! || a.domain.localeCompare(b.domain))
    .map((r): HeadlineProvince => {
      const unit = unitOf.get(r.domain);
      return { code: r.domain, nameVi: unit?.nameVi ?? r.domain, nameEn: unit?.nameEn ?? r.domain, rank: ranks.get(r.domain)!, of: ranks.size, row: presentRow(r) };
    });
  const five = Math.min(5, Math.floor(ranked.length / 2));
  const serviceElements = indicators.filter((i) => i.kind === 'element' && i.group === 'service').map((i) => i.id);
  return {
    indicator,
    provinces: ranks.size,
    figure: figureOf(indicator, rows, changes),
    top: ranked.slice(0, five),
    bottom: five > 0 ? ranked.slice(-five).reverse() : [],
    elements: serviceElements.map((id) => figureOf(id, rows, changes)),
  };
}
