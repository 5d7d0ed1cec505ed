import type { RandomSource } from './seeded-random';

/** A unit of one stratum's frame, in frame order; `size` is its measure of size (adult population). */
export interface SizedUnit { id: string; size: number }

export interface UnitSelection {
  id: string;
  /** Inclusion probability π: 1 for certainty units, n′·size/T′ for the others (see {@link drawSystematicPps}). */
  probability: number;
  /** Taken with certainty: larger than the sampling interval (or the stratum has no more units than n). */
  certainty: boolean;
  selected: boolean;
}

/**
 * Which units are taken with certainty when `n` are drawn with probability proportional to size: every
 * unit at least as large as the sampling interval T′/n′ (T′ and n′ the size and sample left once earlier
 * certainty units are set aside), repeated until none is, since setting units aside shortens the interval.
 */
export function certaintyUnits(sizes: readonly number[], n: number): Uint8Array {
  const certain = new Uint8Array(sizes.length);
  if (n >= sizes.length) return certain.fill(1);
  let taken = 0;
  for (;;) {
    const left = n - taken;
    if (left <= 0) return certain;
    let total = 0;
    sizes.forEach((s, i) => { if (!certain[i]) total += s; });
    let found = false;
    sizes.forEach((s, i) => {
      // size ≥ T′/n′, compared without dividing.
      if (!certain[i] && s * left >= total) {
        certain[i] = 1;
        taken++;
        found = true;
      }
    });
    if (!found || taken >= n) {
      if (taken > n) throw new Error('more certainty units than the sample size');
      return certain;
    }
  }
}

/**
 * Systematic PPS selection of `n` units (Madow 1949): certainty units first ({@link certaintyUnits}), then
 * one random start r in [0, I) on the cumulated sizes of the others, in frame order, and the points r + kI,
 * k = 0…n′−1, with I = T′/n′. Each remaining unit is hit at most once, with probability n′·size/T′, so the
 * probabilities add up to n. Arithmetic is scaled by n′ so the comparisons stay exact for integer sizes.
 */
export function drawSystematicPps(units: readonly SizedUnit[], n: number, random: RandomSource): UnitSelection[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
  for (const u of units) if (!(u.size > 0)) throw new RangeError(`unit ${u.id} has no positive size`);
  const certain = certaintyUnits(units.map((u) => u.size), n);
  let taken = 0;
  let total = 0;
  units.forEach((u, i) => { if (certain[i]) taken++; else total += u.size; });
  const left = n - taken;

  const hits = new Uint8Array(units.length);
  if (left > 0) {
    let point = random() * total;
    let hitsLeft = left;
    let cumulated = 0;
    for (let i = 0; i < units.length && hitsLeft > 0; i++) {
      if (certain[i]) continue;
      cumulated += units[i].size * left;
      if (point < cumulated) {
        hits[i] = 1;
        point += total;
        hitsLeft--;
      }
    }
  }
  return units.map((u, i) => ({
    id: u.id,
    probability: certain[i] ? 1 : (u.size * left) / total,
    certainty: certain[i] === 1,
    selected: certain[i] === 1 || hits[i] === 1,
  }));
}
