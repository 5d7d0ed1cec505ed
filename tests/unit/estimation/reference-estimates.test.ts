import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import { estimate } from '../../../server/estimation/estimate';
import type { EstimateRow } from '../../../server/estimation/types';
import { disagreements } from './compare-to-r';
import { loadWave, readFixtureTable, WAVES, type Wave } from './fixtures';

const EXACT = ['n', 'n_psu', 'df'];
const FIGURES = [
  'sum_w', 'p_unweighted', 'p', 'se', 'ci_xlogit_lo', 'ci_xlogit_hi', 'ci_kg_lo', 'ci_kg_hi', 'deff', 'kish_deff',
  'kish_neff',
];
const SCHEMES = ['design', 'design_fpc', 'raked'];

/** Where the design effect cannot be estimated: p̂ ∈ {0, 1} or a variance that is zero up to rounding. */
const zeroDesignEffect = (row: EstimateRow) =>
  row.p === 0 || row.p === 1 || row.se! ** 2 <= 1e-9 * ((row.p! * (1 - row.p!)) / row.n);

type Keyed = Partial<Record<'scheme' | 'domain_type' | 'domain' | 'indicator', string>>;
const key = (r: Keyed) => `${r.scheme} ${r.domain_type} ${r.domain} ${r.indicator}`;

function engineRows(wave: Wave): Map<string, EstimateRow> {
  const { columns, margins } = loadWave(wave);
  const rows = estimate(columns, { definition: DEFAULT_INDEX_DEFINITION, margins });
  return new Map(rows.map((r) => [key(r), r]));
}

describe.each(WAVES)('estimates of %s', (wave) => {
  const reference = readFixtureTable(wave, 'reference-estimates.csv');
  let rows: Map<string, EstimateRow>;
  beforeAll(() => {
    rows = engineRows(wave);
  });

  test.each(SCHEMES)('every %s row has R’s n, n_psu and df exactly', (scheme) => {
    const expected = reference.filter((r) => r.scheme === scheme);
    expect(expected.length).toBe(390);
    const problems = expected.flatMap((r) => {
      const row = rows.get(key(r));
      if (!row) return [`${key(r)}: no row`];
      return EXACT.filter((c) => Number(r[c]) !== row[c as keyof EstimateRow]).map((c) => `${key(r)} ${c}`);
    });
    expect(problems).toEqual([]);
  });

  test.each(SCHEMES)(
    'every %s row has R’s p, SE, intervals, deff and Kish figures to a relative 1e-9, empty where R has NA',
    (scheme) => {
      const expected = reference.filter((r) => r.scheme === scheme);
      const problems = expected.flatMap((r) => {
        const row = rows.get(key(r));
        // Where R has none, the platform adds the mean of provinces' xlogit interval, and a Korn–Graubard
        // interval by Korn and Graubard's ñ = n rule where the design effect is undefined (checked below).
        const figures = FIGURES.filter(
          (c) =>
            !(r.domain_type === 'national_mean_of_provinces' && c.startsWith('ci_xlogit')) &&
            !(c.startsWith('ci_kg') && r[c] === '' && row && zeroDesignEffect(row)),
        );
        return disagreements(key(r), r, row as unknown as Record<string, unknown>, figures);
      });
      expect(problems).toEqual([]);
    },
  );

  test('where R has no Korn–Graubard interval because p̂ is 0 or 1 or v̂ is 0, the engine gives ñ = n’s', () => {
    const rule = reference.filter(
      (r) => SCHEMES.includes(r.scheme) && r.ci_kg_lo === '' && r.p !== '' && r.domain_type !== 'national_mean_of_provinces' && Number(r.df) > 0 &&
        zeroDesignEffect(rows.get(key(r))!),
    );
    expect(rule.length).toBeGreaterThan(0);
    for (const r of rule) {
      const row = rows.get(key(r))!;
      expect(row.ci_kg_lo).not.toBeNull();
      expect(row.ci_kg_lo!).toBeLessThanOrEqual(row.p!);
      expect(row.ci_kg_hi!).toBeGreaterThanOrEqual(row.p!);
    }
  });
});
