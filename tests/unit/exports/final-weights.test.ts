import { AGE_GROUP_LEVELS } from '../../../server/estimation/microdata';
import type { MarginTotal } from '../../../server/estimation/types';
import { finalWeights, type WeightedRespondent } from '../../../server/exports/final-weights';

const AGES = { '18-29': 1000, '30-39': 900, '40-49': 800, '50-59': 700, '60+': 600 } as Record<string, number>;

function respondents(code: string, ages: readonly string[]): WeightedRespondent[] {
  return ages.flatMap((ageGroup) => (['F', 'M'] as const).flatMap((sex) =>
    [10, 11, 12].map((weight) => ({ province: code, sex, ageGroup, weight }))));
}

function margins(code: string): MarginTotal[] {
  return [
    { variable: 'sex', province: code, level: 'F', total: 2000 },
    { variable: 'sex', province: code, level: 'M', total: 2000 },
    ...AGE_GROUP_LEVELS.map((level) => ({ variable: 'age_group', province: code, level, total: AGES[level] })),
  ];
}

describe('final weights of the microdata export', () => {
  it('when nobody of an age group answered in a province, then the weights are still given, raked with the empty cell collapsed into its neighbour', () => {
    const people = [...respondents('01', ['18-29', '40-49', '50-59', '60+']), ...respondents('02', AGE_GROUP_LEVELS)];
    const totals = [...margins('01'), ...margins('02')];
    const weights = finalWeights(people, totals);
    expect(weights).not.toBeNull();

    const sum = (keep: (p: WeightedRespondent) => boolean) => people.reduce((s, p, i) => s + (keep(p) ? weights![i] : 0), 0);
    // Province 01 has nobody aged 30-39: its 900 join 18-29 (the nearer group, as the run collapses it).
    expect(sum((p) => p.province === '01' && p.ageGroup === '18-29')).toBeCloseTo(1900, 6);
    expect(sum((p) => p.province === '01' && p.ageGroup === '40-49')).toBeCloseTo(800, 6);
    expect(sum((p) => p.province === '01' && p.ageGroup === '60+')).toBeCloseTo(600, 6);
    expect(sum((p) => p.province === '01' && p.sex === 'F')).toBeCloseTo(2000, 6);
    expect(sum((p) => p.province === '02' && p.ageGroup === '30-39')).toBeCloseTo(900, 6);
    expect(sum((p) => p.province === '02')).toBeCloseTo(4000, 6);
  });

  it('when the wave has no margins, then there are no final weights', () => {
    expect(finalWeights(respondents('01', AGE_GROUP_LEVELS), [])).toBeNull();
  });
});
