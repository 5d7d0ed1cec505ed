import { compareWaves, COMPARISON_COLUMNS, type ComparisonRow } from '../../../server/estimation/compare';
import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import { estimate } from '../../../server/estimation/estimate';
import { disagreements } from './compare-to-r';
import { loadWave, readFixtureTable } from './fixtures';

const FIGURES = COMPARISON_COLUMNS.filter((c) => !['scheme', 'indicator', 'domain'].includes(c));

describe('comparing the 2023 and 2024 waves', () => {
  let rows: Map<string, ComparisonRow>;
  beforeAll(() => {
    const estimates = ['sipas-2023-small', 'sipas-2024-small'].map((wave) => {
      const { columns, margins } = loadWave(wave as 'sipas-2023-small');
      return estimate(columns, { definition: DEFAULT_INDEX_DEFINITION, margins });
    });
    rows = new Map(compareWaves(estimates[0], estimates[1]).map((r) => [`${r.scheme} ${r.domain} ${r.indicator}`, r]));
  });

  test.each(['compare-2023-2024.csv', 'compare-2023-2024-raked.csv'])(
    'every row of %s is reproduced: Δ, SE, df, t, both p-values and the interval of Δ',
    (file) => {
      const reference = readFixtureTable('sipas-2023-small', file);
      expect(reference).toHaveLength(384);
      const problems = reference.flatMap((r) => {
        const label = `${r.scheme} ${r.domain} ${r.indicator}`;
        return disagreements(label, r, rows.get(label) as unknown as Record<string, unknown>, FIGURES);
      });
      expect(problems).toEqual([]);
    },
  );
});
