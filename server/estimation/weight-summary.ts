import type { WeightSummary } from '../../contracts/weights';
export type { WeightSummary } from '../../contracts/weights';
/** Summary of `weight[i]` for the rows where `include(i)` holds (all rows by default). */
export function summarizeWeights(weight: ArrayLike<number>, include: (i: number) => boolean = () => true): WeightSummary {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < weight.length; i++) {
    if (!include(i)) continue;
    const w = weight[i];
    n++;
    sum += w;
    sumSquares += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  if (n === 0) return { n, sum, min: null, max: null, mean: null, cv: null, kishNeff: null, kishDeff: null };
  const mean = sum / n;
  const variance = Math.max(0, sumSquares / n - mean * mean);
  const kishNeff = (sum * sum) / sumSquares;
  return { n, sum, min, max, mean, cv: Math.sqrt(variance) / mean, kishNeff, kishDeff: n / kishNeff };
}
