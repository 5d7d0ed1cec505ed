import { AGE_GROUP_LEVELS } from './microdata';
import type { MarginTotal, SurveyColumns } from './types';
import type { CollapsedCell } from '../../contracts/weights';
export type { CollapsedCell } from '../../contracts/weights';

export interface CollapsedMargins {
  /** The margins to rake to: a collapsed level keeps a total of 0, its population added to `into`. */
  margins: MarginTotal[];
  collapsed: CollapsedCell[];
}

/** Margins whose levels are ordered, so an empty level joins the nearest one (by position). */
export const ORDERED_MARGINS: Record<string, readonly string[]> = { age_group: AGE_GROUP_LEVELS };

/**
 * Raking cannot reach a population total where the sample has nobody (METHOD.md §4: zero-count cells are
 * collapsed before raking). For each province present in the sample, each margin level with a positive
 * total but no respondent gives its total to the nearest level that has respondents: by position for
 * ordered margins (age groups; at equal distance the one with more sample weight, then the younger), the
 * level with most sample weight otherwise. The empty level is left with a total of 0, which `rake` accepts:
 * its model column has no weight and the Cholesky factor sets its coefficient to zero. Margins with no
 * empty level are returned unchanged, so raking results without empty cells are exactly as before.
 */
export function collapseEmptyCells(columns: SurveyColumns, margins: readonly MarginTotal[]): CollapsedMargins {
  const provinceIndex = new Map(columns.province.levels.map((p, k) => [p, k]));
  const totals = new Map(margins.map((m) => [`${m.variable}|${m.province}|${m.level}`, m.total]));
  const collapsed: CollapsedCell[] = [];
  const variables = [...new Set(margins.map((m) => m.variable))];
  for (const variable of variables) {
    const column = columns.categorical[variable];
    if (!column) continue;
    const levelCount = column.levels.length;
    const sampled = new Float64Array(columns.province.levels.length * levelCount);
    for (let i = 0; i < columns.rowCount; i++) {
      const code = column.codes[i];
      if (code >= 0) sampled[columns.province.codes[i] * levelCount + code] += columns.weight[i];
    }
    const provinces = [...new Set(margins.filter((m) => m.variable === variable).map((m) => m.province))];
    for (const province of provinces) {
      const p = provinceIndex.get(province);
      if (p === undefined) continue;
      const weightOf = (l: number) => sampled[p * levelCount + l];
      const present = column.levels.map((_, l) => l).filter((l) => weightOf(l) > 0);
      if (present.length === 0) continue;
      column.levels.forEach((level, l) => {
        const key = `${variable}|${province}|${level}`;
        const total = totals.get(key) ?? 0;
        if (weightOf(l) > 0 || total <= 0) return;
        const into = nearestLevel(l, present, weightOf, variable in ORDERED_MARGINS);
        const intoKey = `${variable}|${province}|${column.levels[into]}`;
        if (!totals.has(intoKey)) return;
        totals.set(intoKey, totals.get(intoKey)! + total);
        totals.set(key, 0);
        collapsed.push({
          province, variable, level, into: column.levels[into], total,
          vi: `Tỉnh ${province}: không có người trả lời ${variable}=${level}; tổng ${total} được gộp vào ${column.levels[into]}`,
          en: `Province ${province}: no respondent with ${variable}=${level}; its total ${total} was merged into ${column.levels[into]}`,
        });
      });
    }
  }
  if (collapsed.length === 0) return { margins: [...margins], collapsed };
  return { margins: margins.map((m) => ({ ...m, total: totals.get(`${m.variable}|${m.province}|${m.level}`)! })), collapsed };
}

/** The level with respondents that an empty level joins (see {@link collapseEmptyCells}). */
export function nearestLevel(level: number, present: number[], weightOf: (l: number) => number, ordered: boolean): number {
  const better = (a: number, b: number) => {
    if (ordered) {
      const [da, db] = [Math.abs(a - level), Math.abs(b - level)];
      if (da !== db) return da < db;
    }
    if (weightOf(a) !== weightOf(b)) return weightOf(a) > weightOf(b);
    return a < b;
  };
  return present.reduce((best, l) => (better(l, best) ? l : best));
}
