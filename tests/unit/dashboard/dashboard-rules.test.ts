import { sharesOf } from '../../../server/dashboard/perceptions.service';
import { rankByValue } from '../../../server/dashboard/ranking';
import { commonScheme, comparisonSchemes, latestRun, preferredScheme } from '../../../server/dashboard/run-choice';
import type { RunRow } from '../../../server/estimation-runs/runs.repository';

function run(overrides: Partial<RunRow>): RunRow {
  return {
    id: 'r', wave_id: 'w', geography_code: 'vn-63', schemes: ['design', 'raked'], parameters: {}, input_fingerprint: 'x',
    margins_fingerprint: null, code_version: 'v', respondent_count: 1, status: 'succeeded', error: null, started_by: null,
    started_at: new Date(0), finished_at: new Date(0), published_at: null, published_by: null, disclosure: null, not_sampled: false, perceptions_tallied: false, ...overrides,
  };
}

describe('dashboard rules', () => {
  it('when figures tie, then they share a rank and the next rank skips; units with no estimate get none', () => {
    const ranks = rankByValue([
      { domain: 'a', p: 0.8 }, { domain: 'b', p: 0.9 }, { domain: 'c', p: 0.8 }, { domain: 'd', p: null }, { domain: 'e', p: 0.7 },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ b: 1, a: 2, c: 2, e: 4 });
  });

  it('when a run has the raked scheme, then it is shown; otherwise design; comparisons use a scheme both runs have', () => {
    expect(preferredScheme(['design', 'raked'])).toBe('raked');
    expect(preferredScheme(['design'])).toBe('design');
    expect(preferredScheme(['design_jkn', 'raked_jkn'])).toBe('raked_jkn');
    expect(preferredScheme([])).toBeNull();
    expect(commonScheme(['design', 'raked'], ['design'])).toBe('design');
    expect(commonScheme(['raked'], ['design'])).toBeNull();
  });

  it('when a JKn run is compared with a run made before JKn, then the same weighting is paired, each side under its own variance', () => {
    expect(comparisonSchemes(['design_jkn', 'raked_jkn'], ['design_jkn', 'raked_jkn'])).toEqual({ current: 'raked_jkn', previous: 'raked_jkn' });
    expect(comparisonSchemes(['design', 'raked', 'design_jkn', 'raked_jkn'], ['design', 'raked'])).toEqual({ current: 'raked', previous: 'raked' });
    expect(comparisonSchemes(['design_jkn', 'raked_jkn'], ['design', 'raked'])).toEqual({ current: 'raked_jkn', previous: 'raked' });
    expect(comparisonSchemes(['design_jkn', 'raked_jkn'], ['design', 'design_fpc'])).toEqual({ current: 'design_jkn', previous: 'design' });
    expect(comparisonSchemes(['raked_jkn'], ['design'])).toBeNull();
  });

  it('when a wave has several runs, then the latest successful one on the asked geography answers', () => {
    const runs = [
      run({ id: 'old', finished_at: new Date(1000) }),
      run({ id: 'new', finished_at: new Date(2000) }),
      run({ id: 'failed', finished_at: new Date(3000), status: 'failed' }),
      run({ id: 'other-units', finished_at: new Date(4000), geography_code: 'vn-34' }),
    ];
    expect(latestRun(runs, 'vn-63')?.id).toBe('new');
    expect(latestRun(runs, 'vn-34')?.id).toBe('other-units');
    expect(latestRun([], 'vn-34')).toBeNull();
  });

  it('when answers are tallied, then shares are weighted over those who answered and unknown answers are left out', () => {
    const options = [{ value: 'none', label: { vi: 'Không', en: 'None' } }, { value: 'some', label: { vi: 'Ít', en: 'Some' } }];
    const result = sharesOf([
      { province_code: '01', row: null, level: 'none', n: 3, weight: 30 },
      { province_code: '02', row: null, level: 'none', n: 1, weight: 50 },
      { province_code: '01', row: null, level: 'some', n: 2, weight: 20 },
      { province_code: '01', row: null, level: 'bogus', n: 9, weight: 900 },
    ], options);
    expect(result.n).toBe(6);
    expect(result.shares.map((s) => [s.value, s.n, s.share])).toEqual([['none', 4, 0.8], ['some', 2, 0.2]]);
    expect(sharesOf([], options).shares.map((s) => [s.value, s.share])).toEqual([['none', null], ['some', null]]);
  });
});
