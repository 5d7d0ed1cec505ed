import { CHART_COLORS, type ChartOption } from '../../components/Chart';
import type { CsvColumn } from '../../lib/csv';
import { decimal, percent, points } from '../../lib/format';
import { useLang, type Lang } from '../../lib/i18n';
import { FLAG_LABELS, NOT_SIGNIFICANT, SIGNIFICANT } from './labels';
import type { Change, ResultRow } from './types';

/** The scale CI bars are drawn on: from 40% (or lower when a figure is) to 100%. */
export function scaleOf(rows: readonly (ResultRow | null)[]): [number, number] {
  const lows = rows.flatMap((r) => (r?.ci_xlogit_lo ?? r?.p) ?? []);
  const low = Math.min(0.4, ...lows);
  return [Math.floor(low * 10) / 10, 1];
}

/** A 95% CI as a bar with the estimate marked; decorative, the numbers are in the same row. */
export function CiBar({ row, scale }: { row: ResultRow | null; scale: [number, number] }) {
  if (!row || row.p === null) return null;
  const at = (x: number) => `${((x - scale[0]) / (scale[1] - scale[0])) * 100}%`;
  const lo = row.ci_xlogit_lo ?? row.p;
  const hi = row.ci_xlogit_hi ?? row.p;
  return (
    <span className="ci-bar" aria-hidden="true">
      <span className="ci-band" style={{ left: at(lo), width: `calc(${at(hi)} - ${at(lo)})` }} />
      <span className="ci-point" style={{ left: at(row.p) }} />
    </span>
  );
}

export function ciText(row: ResultRow | null, lang: Lang): string {
  if (!row || row.ci_xlogit_lo === null || row.ci_xlogit_hi === null) return '—';
  return `${percent(row.ci_xlogit_lo, lang, 1)} – ${percent(row.ci_xlogit_hi, lang, 1)}`;
}

/** Reliability flags in words (METHOD.md §5); "tin cậy" when there is none. */
export function Flags({ flags }: { flags: readonly string[] }) {
  const { t } = useLang();
  if (flags.length === 0) return <span className="flag ok">{t({ vi: 'Đủ tin cậy', en: 'Reliable' })}</span>;
  return (
    <span className="flag warn">
      {t({ vi: 'Cần thận trọng: ', en: 'Use with care: ' })}
      {flags.map((f) => t(FLAG_LABELS[f] ?? { vi: f, en: f })).join('; ')}
    </span>
  );
}

function pValue(p: number | null, lang: Lang): string {
  if (p === null) return 'p —';
  return p < 0.001 ? `p < ${decimal(0.001, lang)}` : `p = ${decimal(p, lang)}`;
}

/** A change between two waves, with whether the t test calls it a change. */
export function ChangeText({ change }: { change: Change | null | undefined }) {
  const { t, lang } = useLang();
  if (!change) return <span>—</span>;
  return (
    <span className={change.significant ? 'change significant' : 'change'}>
      {points(change.diff, lang)}{' '}
      <small>({change.significant ? t(SIGNIFICANT) : t(NOT_SIGNIFICANT)}; {pValue(change.p_value_t, lang)})</small>
    </span>
  );
}

export interface CiItem { label: string; row: ResultRow | null; compare?: ResultRow | null }

/** A horizontal chart of estimates with their 95% CI (a band) and, optionally, a second marker (e.g. national). */
export function ciChartOption(items: readonly CiItem[], lang: Lang, names: { estimate: string; ci: string; compare?: string }): ChartOption {
  const scale = scaleOf(items.flatMap((i) => [i.row, i.compare ?? null]));
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? null : x * 100);
  return {
    animation: false,
    aria: { enabled: false },
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: '#1b1b1b' } },
    tooltip: { trigger: 'item', valueFormatter: (v: number) => (typeof v === 'number' ? percent(v / 100, lang) : '') },
    xAxis: { type: 'value', min: scale[0] * 100, max: 100, axisLabel: { formatter: '{value}%', color: '#1b1b1b' } },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => i.label), axisLabel: { color: '#1b1b1b', width: 280, overflow: 'truncate' } },
    series: [
      { type: 'bar', stack: 'ci', silent: true, itemStyle: { color: 'transparent' }, data: items.map((i) => pct(i.row?.ci_xlogit_lo)), tooltip: { show: false } },
      { type: 'bar', stack: 'ci', name: names.ci, barWidth: '45%', itemStyle: { color: CHART_COLORS.band },
        data: items.map((i) => (i.row?.ci_xlogit_lo != null && i.row?.ci_xlogit_hi != null ? (i.row.ci_xlogit_hi - i.row.ci_xlogit_lo) * 100 : null)) },
      { type: 'scatter', name: names.estimate, symbolSize: 9, itemStyle: { color: CHART_COLORS.main }, data: items.map((i) => [pct(i.row?.p), i.label]) },
      ...(names.compare ? [{
        type: 'scatter', name: names.compare, symbol: 'diamond', symbolSize: 9, itemStyle: { color: CHART_COLORS.national },
        data: items.map((i) => [pct(i.compare?.p), i.label]),
      }] : []),
    ],
  };
}

/** The CSV columns of a result row, named as in METHOD.md §6. */
export function rowColumns<T>(get: (x: T) => ResultRow | null): CsvColumn<T>[] {
  const keys = ['scheme', 'domain_type', 'domain', 'indicator', 'n', 'n_psu', 'df', 'sum_w', 'p_unweighted', 'p', 'se',
    'ci_xlogit_lo', 'ci_xlogit_hi', 'ci_kg_lo', 'ci_kg_hi', 'deff', 'kish_deff', 'kish_neff'] as const;
  return [
    ...keys.map((k) => ({ header: k, value: (x: T) => get(x)?.[k] ?? null })),
    { header: 'flags', value: (x: T) => get(x)?.flags.join(';') ?? null },
  ];
}

export function changeColumns<T>(get: (x: T) => Change | null): CsvColumn<T>[] {
  const keys = ['p_a', 'se_a', 'df_a', 'n_a', 'p_b', 'se_b', 'df_b', 'n_b', 'diff', 'se_diff', 'df', 't', 'p_value_t', 'p_value_z', 'ci_diff_lo', 'ci_diff_hi', 'significant'] as const;
  return keys.map((k) => ({ header: k === 'significant' ? 'significant_5pct' : k, value: (x: T) => {
    const v = get(x)?.[k];
    return typeof v === 'boolean' ? String(v) : v ?? null;
  } }));
}
