import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export type Interval = readonly [lo: number, hi: number];

const ALPHA = 0.05;

/**
 * t quantiles by degrees of freedom: thousands of rows share a few hundred df values, and each quantile
 * costs tens of microseconds.
 */
const tQuantiles = new Map<number, readonly [lower: number, upper: number]>();
function tBounds(df: number): readonly [number, number] {
  let bounds = tQuantiles.get(df);
  if (!bounds) {
    bounds = [tQuantile(ALPHA / 2, df), tQuantile(1 - ALPHA / 2, df)];
    tQuantiles.set(df, bounds);
  }
  return bounds;
}

/** An interval exists only for 0 < p̂ < 1 and df > 0 (R returns NaN otherwise). */
function defined(p: number, df: number): boolean {
  return p > 0 && p < 1 && df > 0;
}

/** 95% interval on the logit scale, as `svyciprop(method = "xlogit")`. */
export function xlogitInterval(p: number, se: number, df: number): Interval | null {
  if (!defined(p, df) || !Number.isFinite(se)) return null;
  const logit = Math.log(p / (1 - p));
  const seLogit = se / (p * (1 - p));
  const [lower, upper] = tBounds(df);
  const lo = expit(logit + lower * seLogit);
  const hi = expit(logit + upper * seLogit);
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/**
 * Korn–Graubard interval, as `svyciprop(method = "beta")`: a Clopper–Pearson interval at the effective
 * sample size ñ = p̂(1 − p̂)/v̂ · (t_{n*−1}/t_df)², where n* is the row count R's design object holds.
 */
export function kornGraubardInterval(p: number, variance: number, df: number, nStar: number): Interval | null {
  if (!defined(p, df) || !(variance > 0) || nStar < 2) return null;
  const ratio = tBounds(nStar - 1)[0] / tBounds(df)[0];
  const nEffective = ((p * (1 - p)) / variance) * ratio * ratio;
  const lo = betaQuantile(ALPHA / 2, nEffective * p, nEffective * (1 - p) + 1);
  const hi = betaQuantile(1 - ALPHA / 2, nEffective * p + 1, nEffective * (1 - p));
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
