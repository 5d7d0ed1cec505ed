import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import { estimate } from '../../../server/estimation/estimate';
import { loadWave, readFixtureTable, WAVES } from './fixtures';

/**
 * The fixtures are simulated from a known population, so the raked 95% intervals should cover the true
 * provincial shares about 95% of the time (observed: xlogit 93.2%, Korn–Graubard 93.6% over 747 defined
 * intervals). The bounds leave room for sampling noise, which is larger than binomial because the six
 * indicators of a province share one sample.
 */
describe('raked 95% intervals against the true population shares', () => {
  const rows = WAVES.flatMap((wave) => {
    const { columns, margins } = loadWave(wave);
    const truth = new Map(readFixtureTable(wave, 'truth.csv').map((t) => [`${t.domain} ${t.indicator}`, Number(t.true_share)]));
    return estimate(columns, { definition: DEFAULT_INDEX_DEFINITION, margins, schemes: ['raked'] })
      .filter((r) => r.domain_type === 'province' && truth.has(`${r.domain} ${r.indicator}`))
      .map((r) => ({ ...r, truth: truth.get(`${r.domain} ${r.indicator}`)! }));
  });
  const coverage = (lo: 'ci_xlogit_lo' | 'ci_kg_lo', hi: 'ci_xlogit_hi' | 'ci_kg_hi') => {
    const defined = rows.filter((r) => r[lo] !== null && r[hi] !== null);
    return defined.filter((r) => r[lo]! <= r.truth && r.truth <= r[hi]!).length / defined.length;
  };

  test('every province × indicator of the truth tables is estimated, and few intervals are undefined', () => {
    expect(rows).toHaveLength(2 * 63 * 6);
    expect(rows.filter((r) => r.ci_xlogit_lo === null).length).toBeLessThan(10);
  });

  test('the xlogit intervals cover the truth between 89% and 98% of the time', () => {
    const rate = coverage('ci_xlogit_lo', 'ci_xlogit_hi');
    expect(rate).toBeGreaterThan(0.89);
    expect(rate).toBeLessThan(0.98);
  });

  test('the Korn–Graubard intervals cover the truth between 89% and 98% of the time', () => {
    const rate = coverage('ci_kg_lo', 'ci_kg_hi');
    expect(rate).toBeGreaterThan(0.89);
    expect(rate).toBeLessThan(0.98);
  });
});
