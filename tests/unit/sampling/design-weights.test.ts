import { communeTarget, householdDesignWeight } from '../../../server/sampling/design-weight';
import { seededRandom } from '../../../server/sampling/seeded-random';
import { drawSystematicPps } from '../../../server/sampling/systematic-pps';

describe('design weights from a sample plan', () => {
  it('when a commune was drawn with π = 0.4 and 20 of its 2,000 adults are to answer, then each weighs 2000 / (0.4 · 20) = 250', () => {
    expect(householdDesignWeight({ probability: 0.4, population: 2000, target: 20 })).toBe(250);
  });

  it('when a commune is taken with certainty, then its weight is its adults over its target', () => {
    expect(householdDesignWeight({ probability: 1, population: 6000, target: 30 })).toBe(200);
  });

  it('when a commune has fewer adults than the plan asks, then its target is its adults and each weighs 1/π', () => {
    expect(communeTarget(30, 12)).toBe(12);
    expect(householdDesignWeight({ probability: 0.25, population: 12, target: communeTarget(30, 12) })).toBe(4);
  });

  it('when weights follow a PPS plan with equal targets, then every non-certainty respondent weighs the same: T′ / (n′ · m)', () => {
    // Sizes 6000 (certain: ≥ T/n = 15600/3 = 5200), then T′ = 9600 and n′ = 2 for the others.
    const frame = [6000, 3000, 2400, 1800, 1200, 600, 600].map((size, k) => ({ id: `c${k}`, size }));
    const draw = drawSystematicPps(frame, 3, seededRandom('weights'));
    const m = 25;
    const weights = draw.map((u, k) => householdDesignWeight({ probability: u.probability, population: frame[k].size, target: m }));
    expect(draw[0].certainty).toBe(true);
    expect(weights[0]).toBe(6000 / 25);
    for (const w of weights.slice(1)) expect(w).toBeCloseTo(9600 / (2 * 25), 10);
  });
});
