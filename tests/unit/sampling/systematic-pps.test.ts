import { seededRandom, uint32Stream } from '../../../server/sampling/seeded-random';
import { certaintyUnits, drawSystematicPps, type SizedUnit } from '../../../server/sampling/systematic-pps';

const units = (sizes: number[]): SizedUnit[] => sizes.map((size, k) => ({ id: `c${String(k + 1).padStart(2, '0')}`, size }));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const selectedIds = (draw: ReturnType<typeof drawSystematicPps>) => draw.filter((u) => u.selected).map((u) => u.id);

/** A stratum like a province's communes: a town far larger than the rest, a mid-sized ward, villages. */
const FRAME = units([6000, 3500, 500, 500, 500, 500, 500, 500, 1200, 800, 300, 2200]);

describe('the seeded random source', () => {
  it('when seeded with the same text, then it gives the same numbers on every run and Node version (pinned values)', () => {
    const random = seededRandom('sipas');
    expect([random(), random(), random()]).toEqual([0.9840491893398784, 0.7510561677346561, 0.6921419834261121]);
    const ints = uint32Stream('2026:01');
    expect([ints(), ints(), ints()]).toEqual([1924625412, 2857580677, 1436350474]);
  });

  it('when drawing many numbers, then they stay in [0, 1) and average about one half', () => {
    const random = seededRandom('uniformity');
    let total = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
      total += x;
    }
    expect(total / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('systematic PPS selection with certainty units', () => {
  it('when a stratum is drawn, then its inclusion probabilities add up to the sample size n', () => {
    for (const n of [1, 2, 3, 5, 8]) {
      const draw = drawSystematicPps(FRAME, n, seededRandom(`sum:${n}`));
      expect(sum(draw.map((u) => u.probability))).toBeCloseTo(n, 12);
      expect(selectedIds(draw)).toHaveLength(n);
      for (const u of draw) expect(u.probability).toBeGreaterThan(0);
      for (const u of draw) expect(u.probability).toBeLessThanOrEqual(1);
    }
  });

  it('when units are larger than the sampling interval, then they are taken with certainty, iteratively', () => {
    // T = 1250, n = 3: interval 416.7, so 600 is certain; then T′ = 650, n′ = 2: interval 325, so 350 is too.
    const frame = units([600, 350, 50, 50, 50, 50, 50, 50]);
    expect([...certaintyUnits(frame.map((u) => u.size), 3)]).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    const draw = drawSystematicPps(frame, 3, seededRandom('certainty'));
    expect(draw.slice(0, 2).map((u) => [u.probability, u.certainty, u.selected])).toEqual([[1, true, true], [1, true, true]]);
    for (const u of draw.slice(2)) expect(u.probability).toBeCloseTo(1 / 6, 15);
    expect(selectedIds(draw)).toHaveLength(3);
  });

  it('when a stratum has no more communes than n, then every one is taken with π = 1', () => {
    const draw = drawSystematicPps(units([10, 20, 30]), 5, seededRandom('small'));
    expect(draw.map((u) => [u.probability, u.certainty, u.selected])).toEqual([[1, true, true], [1, true, true], [1, true, true]]);
  });

  it('when the same seed is used twice, then the same communes are drawn; with other seeds, other samples come out', () => {
    const first = selectedIds(drawSystematicPps(FRAME, 4, seededRandom('2026:01')));
    expect(selectedIds(drawSystematicPps(FRAME, 4, seededRandom('2026:01')))).toEqual(first);
    const others = new Set(Array.from({ length: 20 }, (_, k) => selectedIds(drawSystematicPps(FRAME, 4, seededRandom(`${k}:01`))).join(',')));
    expect(others.size).toBeGreaterThan(1);
    expect(selectedIds(drawSystematicPps(FRAME, 4, seededRandom('2027:01')))).not.toEqual(first);
  });

  it('when drawn with many seeds, then each commune is selected about as often as its π says', () => {
    const draws = 20_000;
    const n = 4;
    const counts = new Map<string, number>();
    let probabilities: number[] = [];
    for (let seed = 0; seed < draws; seed++) {
      const draw = drawSystematicPps(FRAME, n, seededRandom(`${seed}:frequency`));
      probabilities = draw.map((u) => u.probability);
      for (const id of selectedIds(draw)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    FRAME.forEach((u, k) => {
      const p = probabilities[k];
      const observed = (counts.get(u.id) ?? 0) / draws;
      // Four standard errors of a binomial share: fails by chance about once in 15,000 runs per unit.
      expect(Math.abs(observed - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / draws) + 1e-12);
    });
  });

  it('when a unit has no positive size, then the draw refuses it', () => {
    expect(() => drawSystematicPps(units([10, 0]), 1, seededRandom('x'))).toThrow(/positive size/);
  });
});
