import { collapseEmptyCells } from '../../../server/estimation/cell-collapsing';
import { AGE_GROUP_LEVELS } from '../../../server/estimation/microdata';
import { rake } from '../../../server/estimation/raking';
import type { MarginTotal } from '../../../server/estimation/types';
import { summarizeWeights } from '../../../server/estimation/weight-summary';
import { randomSurvey, surveyOf, type Respondent } from './survey-factory';

type Age = (typeof AGE_GROUP_LEVELS)[number];

function province(code: string, ages: Age[], perCell = 3): Respondent[] {
  return ages.flatMap((age_group, a) => (['F', 'M'] as const).flatMap((sex) =>
    Array.from({ length: perCell }, (_, k) => ({ province: code, stratum: code, psu: `${code}-${(a + k) % 3}`, weight: 10 + k, sex, age_group, answers: { q: 4 } }))));
}

function margins(code: string, ages: Record<Age, number>, sex = { F: 0, M: 0 }): MarginTotal[] {
  const total = Object.values(ages).reduce((a, b) => a + b, 0);
  const female = sex.F || total / 2;
  return [
    { variable: 'sex', province: code, level: 'F', total: female },
    { variable: 'sex', province: code, level: 'M', total: total - female },
    ...AGE_GROUP_LEVELS.map((level) => ({ variable: 'age_group', province: code, level, total: ages[level] })),
  ];
}

const AGES = { '18-29': 1000, '30-39': 900, '40-49': 800, '50-59': 700, '60+': 600 } as Record<Age, number>;

describe('collapsing empty raking cells', () => {
  it('when every margin level has respondents, then the margins are unchanged and raking gives the same weights', () => {
    const { respondents, margins: totals } = randomSurvey(7);
    const columns = surveyOf(respondents);
    const collapsed = collapseEmptyCells(columns, totals);
    expect(collapsed.collapsed).toEqual([]);
    expect(collapsed.margins).toEqual(totals);
    expect(rake(columns, collapsed.margins).weight).toEqual(rake(columns, totals).weight);
  });

  it('when nobody of an age group answered in a province, then its total joins the nearest sampled age group and raking succeeds', () => {
    const columns = surveyOf([...province('01', ['18-29', '40-49', '50-59', '60+']), ...province('02', [...AGE_GROUP_LEVELS])]);
    const totals = [...margins('01', AGES), ...margins('02', AGES)];
    expect(() => rake(columns, totals)).toThrow(/30-39/);

    const { margins: collapsedTotals, collapsed } = collapseEmptyCells(columns, totals);
    // 30-39 is as near to 18-29 as to 40-49; both have the same sample weight, so the younger one takes it.
    expect(collapsed).toEqual([expect.objectContaining({ province: '01', variable: 'age_group', level: '30-39', into: '18-29', total: 900 })]);
    expect(collapsed[0].vi).toContain('gộp vào 18-29');
    const raked = rake(columns, collapsedTotals).weight;
    const ageSum = (level: Age) => {
      let s = 0;
      for (let i = 0; i < columns.rowCount; i++) {
        if (columns.province.codes[i] === 0 && columns.categorical.age_group.levels[columns.categorical.age_group.codes[i]] === level) s += raked[i];
      }
      return s;
    };
    expect(ageSum('18-29')).toBeCloseTo(1900, 6);
    expect(ageSum('40-49')).toBeCloseTo(800, 6);
    expect(summarizeWeights(raked, (i) => columns.province.codes[i] === 0).sum).toBeCloseTo(4000, 6);
  });

  it('when the oldest group is empty, then it joins 50-59', () => {
    const columns = surveyOf(province('01', ['18-29', '30-39', '40-49', '50-59']));
    const { collapsed, margins: m } = collapseEmptyCells(columns, margins('01', AGES));
    expect(collapsed.map((c) => [c.level, c.into])).toEqual([['60+', '50-59']]);
    expect(rake(columns, m).weight.every((w) => w > 0)).toBe(true);
  });
});

describe('weight summaries', () => {
  it('when weights are summarised, then min, max, CV and Kish n_eff follow their formulas', () => {
    const s = summarizeWeights([1, 2, 3, 6]);
    expect(s).toMatchObject({ n: 4, sum: 12, min: 1, max: 6, mean: 3 });
    expect(s.cv).toBeCloseTo(Math.sqrt(3.5) / 3, 14);
    expect(s.kishNeff).toBeCloseTo(144 / 50, 14);
    expect(s.kishDeff).toBeCloseTo(1 + s.cv! ** 2, 14);
    expect(summarizeWeights([5, 5, 5]).kishNeff).toBe(3);
    expect(summarizeWeights([]).kishNeff).toBeNull();
  });
});
