import type { CompositeIndicator, Indicator } from '../../server/estimation/indicators';
import type { EstimateRow } from '../../server/estimation/types';

/** A province of a made-up run: its weight total and, per base indicator, its proportion and respondents. */
export interface ProvinceSpec {
  code: string;
  region?: string;
  w: number;
  p: Record<string, number>;
  /** Respondents, per indicator where they differ. @default 100 */
  n?: number | Record<string, number>;
}

export interface ConstructedRunOptions {
  composites?: CompositeIndicator[];
  /** Publish the mean of provinces. @default true */
  mean?: boolean;
}

/**
 * The rows an estimation run would produce from these provinces, with every relation the engine keeps
 * exact: national and regions are weighted means of provinces, the mean of provinces their plain mean,
 * composites the linear combination of their parts, unweighted shares whole counts over n.
 */
export function constructedRun(provinces: readonly ProvinceSpec[], options: ConstructedRunOptions = {}): { rows: EstimateRow[]; indicators: Indicator[]; regions: Record<string, string[]> } {
  const base = Object.keys(provinces[0].p);
  const composites = options.composites ?? [];
  const rows: EstimateRow[] = [];
  const nOf = (p: ProvinceSpec, k: string) => (typeof p.n === 'number' ? p.n : p.n?.[k] ?? 100);
  const row = (domain_type: string, domain: string, indicator: string, n: number, figures: Partial<EstimateRow>): EstimateRow => ({
    scheme: 'design', domain_type, domain, indicator, n, n_psu: n, df: n - 1, sum_w: null, p_unweighted: null, p: null, se: 0.01,
    ci_xlogit_lo: null, ci_xlogit_hi: null, ci_kg_lo: null, ci_kg_hi: null, deff: null, kish_deff: null, kish_neff: null, flags: [], ...figures,
  });
  const regions: Record<string, string[]> = {};
  for (const p of provinces) if (p.region) (regions[p.region] ??= []).push(p.code);
  const aggregate = (members: readonly ProvinceSpec[], k: string) => {
    const w = members.reduce((s, p) => s + p.w, 0);
    const n = members.reduce((s, p) => s + nOf(p, k), 0);
    const counts = members.reduce((s, p) => s + Math.round(p.p[k] * nOf(p, k)), 0);
    return { n, sum_w: w, p: members.reduce((s, p) => s + p.w * p.p[k], 0) / w, p_unweighted: counts / n };
  };
  const pOf = new Map<string, number>();
  for (const k of base) {
    for (const p of provinces) {
      const n = nOf(p, k);
      rows.push(row('province', p.code, k, n, { sum_w: p.w, p: p.p[k], p_unweighted: Math.round(p.p[k] * n) / n }));
    }
    const { n, ...national } = aggregate(provinces, k);
    rows.push(row('national', 'NATIONAL', k, n, national));
    for (const [region, codes] of Object.entries(regions)) {
      const { n: nr, ...figures } = aggregate(provinces.filter((p) => codes.includes(p.code)), k);
      rows.push(row('region', region, k, nr, figures));
    }
  }
  const nAt = new Map<string, number>();
  for (const r of rows) {
    pOf.set(`${r.domain_type}|${r.domain}|${r.indicator}`, r.p!);
    nAt.set(`${r.domain_type}|${r.domain}|${r.indicator}`, r.n);
  }
  for (const c of composites) {
    const domains = [...provinces.map((p) => ['province', p.code]), ['national', 'NATIONAL'], ...Object.keys(regions).map((r) => ['region', r])];
    for (const [type, domain] of domains) {
      // A composite counts whoever answered any part.
      const n = Math.max(...c.parts.map((part) => nAt.get(`${type}|${domain}|${part.name}`)!));
      const p = c.parts.reduce((s, part) => s + part.coefficient * pOf.get(`${type}|${domain}|${part.name}`)!, 0);
      pOf.set(`${type}|${domain}|${c.name}`, p);
      rows.push(row(type, domain, c.name, n, { p }));
    }
  }
  if (options.mean ?? true) {
    for (const k of [...base, ...composites.map((c) => c.name)]) {
      const ps = provinces.map((p) => pOf.get(`province|${p.code}|${k}`)!);
      rows.push(row('national_mean_of_provinces', 'NATIONAL_MEAN_OF_PROVINCES', k, 1000, { p: ps.reduce((s, x) => s + x, 0) / ps.length }));
    }
  }
  const indicators: Indicator[] = [...base.map((name): Indicator => ({ kind: 'base', name, statements: [name] })), ...composites];
  return { rows, indicators, regions };
}
