import { collapseEmptyCells } from '../../../server/estimation/cell-collapsing';
import { AGE_GROUP_LEVELS } from '../../../server/estimation/microdata';
import { rake } from '../../../server/estimation/raking';
import type { MarginTotal } from '../../../server/estimation/types';
import { finalWeights, type WeightedRespondent } from '../../../server/exports/final-weights';
import { surveyOf } from '../estimation/survey-factory';

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
  it('when nobody of an age group answered in a province, then the weights are still given, raked as the run rakes (cell collapsed)', () => {
    const people = [...respondents('01', ['18-29', '40-49', '50-59', '60+']), ...respondents('02', AGE_GROUP_LEVELS)];
    const totals = [...margins('01'), ...margins('02')];
    const weights = finalWeights(people, totals);
    expect(weights).not.toBeNull();

    const columns = surveyOf(people.map((p, i) => ({
      province: p.province, stratum: p.province, psu: String(i), weight: p.weight, sex: p.sex as 'F', age_group: p.ageGroup as '60+', answers: {},
    })));
    const expected = rake(columns, collapseEmptyCells(columns, totals).margins).weight;
    expect([...weights!]).toEqual([...expected]);
    const provinceSum = (code: string) => people.reduce((s, p, i) => s + (p.province === code ? weights![i] : 0), 0);
    expect(provinceSum('01')).toBeCloseTo(4000, 6);
    expect(provinceSum('02')).toBeCloseTo(4000, 6);
  });

  it('when the wave has no margins, then there are no final weights', () => {
    expect(finalWeights(respondents('01', AGE_GROUP_LEVELS), [])).toBeNull();
  });
});
