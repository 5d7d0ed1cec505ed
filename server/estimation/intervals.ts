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

/** Below this design effect the variance is taken as zero (it comes out as exactly 0 or as rounding, ~1e-18). */
const ZERO_DESIGN_EFFECT = 1e-9;

/**
 * Korn–Graubard interval, as `svyciprop(method = "beta")`: a Clopper–Pearson interval at the effective
 * sample size ñ = p̂(1 − p̂)/v̂ · (t_{n*−1}/t_df)², where n* is the row count R's design object holds.
 *
 * Where the design effect cannot be estimated — p̂ ∈ {0, 1}, or a variance of zero (the same share in every
 * PSU), whether it comes out as exactly 0 or as rounding — Korn and Graubard (1998) take the effective sample
 * size to be the domain's n (design effect 1): ñ = n·(t_{n*−1}/t_df)², and the interval is [0, upper] for
 * p̂ = 0 and [lower, 1] for p̂ = 1. R returns NaN there; the platform gives this one answer everywhere.
 */
export function kornGraubardInterval(p: number, variance: number, df: number, nStar: number, n: number): Interval | null {
  if (!(df > 0) || !(p >= 0 && p <= 1) || nStar < 2 || !Number.isFinite(variance)) return null;
  const ratio = tBounds(nStar - 1)[0] / tBounds(df)[0];
  const srsVariance = (p * (1 - p)) / n;
  const designEffectKnown = p > 0 && p < 1 && variance > ZERO_DESIGN_EFFECT * srsVariance;
  const nEffective = (designEffectKnown ? (p * (1 - p)) / variance : n) * ratio * ratio;
  const lo = p === 0 ? 0 : betaQuantile(ALPHA / 2, nEffective * p, nEffective * (1 - p) + 1);
  const hi = p === 1 ? 1 : betaQuantile(1 - ALPHA / 2, nEffective * p + 1, nEffective * (1 - p));
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
