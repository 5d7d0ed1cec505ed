/**
 * Slow, direct versions of the estimators, written from the formulas of METHOD.md §4–5 with plain arrays and
 * maps, to check the engine's fast paths on data R did not cover (composites, domains that cut across
 * provinces under raking).
 */
import type { MarginTotal } from '../../../server/estimation/types';
import type { Respondent } from './survey-factory';

/** Σ_h (1 − f_h)·n_h/(n_h − 1)·Σ_j (z_hj − z̄_h)² over every PSU of the sample; a lonely PSU gives (1 − f_h)·z². */
export function textbookVariance(respondents: readonly Respondent[], u: readonly number[], fpc?: Record<string, number>): number {
  const strata = new Map<string, Map<string, number>>();
  respondents.forEach((r, i) => {
    const psus = strata.get(r.stratum) ?? new Map<string, number>();
    psus.set(r.psu, (psus.get(r.psu) ?? 0) + u[i]);
    strata.set(r.stratum, psus);
  });
  let v = 0;
  for (const [stratum, psus] of strata) {
    const totals = [...psus.values()];
    const n = totals.length;
    const keep = fpc ? 1 - n / fpc[stratum] : 1;
    if (n === 1) {
      v += keep * totals[0] ** 2;
      continue;
    }
    const mean = totals.reduce((a, b) => a + b, 0) / n;
    v += ((keep * n) / (n - 1)) * totals.reduce((s, z) => s + (z - mean) ** 2, 0);
  }
  return v;
}

/** r_i = δ_i(y_i − p̂)/Ŵ and p̂ for a 0/1/null indicator over a domain. */
export function influence(y: readonly (number | null)[], inDomain: readonly boolean[], w: readonly number[]) {
  let sw = 0;
  let swy = 0;
  y.forEach((v, i) => {
    if (v !== null && inDomain[i]) {
      sw += w[i];
      swy += w[i] * v;
    }
  });
  const p = swy / sw;
  return { p, r: y.map((v, i) => (v !== null && inDomain[i] ? (v - p) / sw : 0)) };
}

/** Raking by iterative proportional fitting, alternating margins until the weights stop changing. */
export function rakeByIpf(respondents: readonly Respondent[], margins: readonly MarginTotal[]): number[] {
  const w = respondents.map((r) => r.weight);
  const level = (r: Respondent, variable: string) => (variable === 'sex' ? r.sex : r.age_group) ?? '';
  for (let sweep = 0; sweep < 10_000; sweep++) {
    let change = 0;
    for (const variable of ['sex', 'age_group']) {
      const sums = new Map<string, number>();
      respondents.forEach((r, i) => {
        const key = `${r.province}|${level(r, variable)}`;
        sums.set(key, (sums.get(key) ?? 0) + w[i]);
      });
      const target = new Map(margins.filter((m) => m.variable === variable).map((m) => [`${m.province}|${m.level}`, m.total]));
      respondents.forEach((r, i) => {
        const key = `${r.province}|${level(r, variable)}`;
        const factor = target.get(key)! / sums.get(key)!;
        change = Math.max(change, Math.abs(factor - 1));
        w[i] *= factor;
      });
    }
    if (change < 1e-15) break;
  }
  return w;
}

/**
 * GREG residuals u_i = w_i(r_i − m_i′B̂) with B̂ the d-weighted least-squares fit of r on the dummies of
 * province × sex and province × age group (all of them, collinear), by modified Gram–Schmidt with dependent
 * columns dropped — the way R's `qr.resid` treats them.
 */
export function gregResiduals(respondents: readonly Respondent[], r: readonly number[], w: readonly number[]): number[] {
  const columns: number[][] = [];
  const keys = new Set<string>();
  for (const x of respondents) keys.add(`${x.province}|sex|${x.sex}`).add(`${x.province}|age|${x.age_group}`);
  const root = respondents.map((x) => Math.sqrt(x.weight));
  for (const key of keys) {
    const [province, kind, value] = key.split('|');
    let column = respondents.map((x, i) =>
      x.province === province && (kind === 'sex' ? x.sex : x.age_group) === value ? root[i] : 0,
    );
    const norm0 = Math.hypot(...column);
    for (const q of columns) {
      const dot = column.reduce((s, v, i) => s + v * q[i], 0);
      column = column.map((v, i) => v - dot * q[i]);
    }
    const norm = Math.hypot(...column);
    if (norm > 1e-9 * norm0) columns.push(column.map((v) => v / norm));
  }
  let e = r.map((v, i) => v * root[i]);
  for (const q of columns) {
    const dot = e.reduce((s, v, i) => s + v * q[i], 0);
    e = e.map((v, i) => v - dot * q[i]);
  }
  return e.map((v, i) => (w[i] / root[i]) * v);
}
