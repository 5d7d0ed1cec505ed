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
      const problems = expected.flatMap((r) =>
        disagreements(key(r), r, rows.get(key(r)) as unknown as Record<string, unknown>, FIGURES),
      );
      expect(problems).toEqual([]);
    },
  );
});
