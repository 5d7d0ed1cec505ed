import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import { estimate } from '../../../server/estimation/estimate';
import type { EstimateRow, EstimationNotice } from '../../../server/estimation/types';
import { disagreements } from './compare-to-r';
import { loadWave, readFixtureTable, WAVES, type Wave } from './fixtures';

/**
 * JKn replicate variance against R (tests/fixtures/jkn-reference.R: `as.svrepdesign(type = "JKn", mse = TRUE)`,
 * `rake(…, control = list(maxit = 200, epsilon = 1e-12))`, `svymean`, `svyciprop(method = "xlogit", df =
 * degf(design))`), national, province and sex domains of the six base indicators of the fixtures.
 */
const FIGURES = ['p', 'se', 'ci_xlogit_lo', 'ci_xlogit_hi'];

type Keyed = Partial<Record<'scheme' | 'domain_type' | 'domain' | 'indicator', string>>;
const key = (r: Keyed) => `${r.scheme} ${r.domain_type} ${r.domain} ${r.indicator}`;

function engine(wave: Wave): { rows: Map<string, EstimateRow>; notices: EstimationNotice[] } {
  const { columns, margins } = loadWave(wave);
  const notices: EstimationNotice[] = [];
  const rows = estimate(columns, {
    definition: DEFAULT_INDEX_DEFINITION,
    margins,
    by: ['sex'],
    variance: 'jkn',
    onNotice: (n) => notices.push(n),
  });
  return { rows: new Map(rows.map((r) => [key(r), r])), notices };
}

describe.each(WAVES)('JKn estimates of %s', (wave) => {
  const reference = readFixtureTable(wave, 'reference-jkn.csv');
  let result: ReturnType<typeof engine>;
  beforeAll(() => {
    result = engine(wave);
  });

  test.each(['design_jkn', 'raked_jkn'])('every %s row has R’s n and df exactly', (scheme) => {
    const expected = reference.filter((r) => r.scheme === scheme);
    expect(expected.length).toBe(6 * (1 + 63 + 2));
    const problems = expected.flatMap((r) => {
      const row = result.rows.get(key(r));
      if (!row) return [`${key(r)}: no row`];
      return ['n', 'df'].filter((c) => Number(r[c]) !== row[c as keyof EstimateRow]).map((c) => `${key(r)} ${c}: R ${r[c]}, engine ${String(row[c as keyof EstimateRow])}`);
    });
    expect(problems).toEqual([]);
  });

  test.each(['design_jkn', 'raked_jkn'])('every %s row has R’s p, SE and xlogit interval to a relative 1e-9', (scheme) => {
    const expected = reference.filter((r) => r.scheme === scheme);
    const problems = expected.flatMap((r) =>
      disagreements(key(r), r, result.rows.get(key(r)) as unknown as Record<string, unknown>, FIGURES),
    );
    expect(problems).toEqual([]);
  });
});

test('a replicate that leaves a province without a margin level is raked with that level merged, and says so', () => {
  // In 2023 every 60+ respondent of province 06 sits in one PSU: R's rake() gives that replicate NaN weights.
  // The reference rakes it again with 60+ merged into 50-59 (tests/fixtures/jkn-reference.R), as the engine does.
  const { notices } = engine('sipas-2023-small');
  expect(notices).toEqual([
    expect.objectContaining({
      scheme: 'raked_jkn',
      en: expect.stringMatching(/^replicate 06-\w+\/PSU 060007: province 06 has no respondent left in age_group=60\+ → 50-59; that level was merged for this replicate's raking$/),
    }),
  ]);
  expect(engine('sipas-2024-small').notices).toEqual([]);
});
