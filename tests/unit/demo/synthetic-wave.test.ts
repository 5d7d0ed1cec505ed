import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateSyntheticWave } from '../../../server/demo/synthetic-wave';
import { compileValidationPlan, validateAnswers } from '../../../server/surveys/validation-plan';

const questionnaire = JSON.parse(readFileSync(path.resolve(__dirname, '../../../surveys/sipas-2023.json'), 'utf8'));
const provinces = [
  { code: '01', population: 8_000_000, isCity: true },
  { code: '04', population: 550_000, isCity: false },
  { code: '22', population: 1_400_000, isCity: false },
];

describe('synthetic waves', () => {
  const wave = generateSyntheticWave({ provinces, year: 2025, respondents: 3000, seed: 7 });

  it('when generated twice with one seed, then the waves are identical; another seed gives another wave', () => {
    expect(generateSyntheticWave({ provinces, year: 2025, respondents: 3000, seed: 7 })).toEqual(wave);
    expect(generateSyntheticWave({ provinces, year: 2025, respondents: 3000, seed: 8 }).responses[0].answers)
      .not.toEqual(wave.responses[0].answers);
  });

  it('when every answer set is checked against the questionnaire, then none is refused', () => {
    const plan = compileValidationPlan(questionnaire);
    const communesOf = new Map<string, Set<string>>();
    for (const c of wave.communes) communesOf.set(c.provinceCode, (communesOf.get(c.provinceCode) ?? new Set()).add(c.code));
    const refused = wave.responses.flatMap((r) => validateAnswers(plan, { province: r.provinceCode, commune: r.communeCode, ...r.answers }, {
      externalChoices: { province: new Set(provinces.map((p) => p.code)), commune: communesOf.get(r.provinceCode)! },
    }));
    expect(refused).toEqual([]);
  });

  it('when respondents are counted, then women and older people are over-represented against the margins', () => {
    const share = (pred: (a: Record<string, unknown>) => boolean) => wave.responses.filter((r) => pred(r.answers)).length / wave.responses.length;
    expect(share((a) => a.sex === 'F')).toBeGreaterThan(0.53);
    expect(share((a) => a.age_group === '60+')).toBeGreaterThan(0.22);
    expect(share((a) => a.age_group === '18-29')).toBeLessThan(0.2);
  });

  it('when the weights of a province are summed, then they estimate its adult population within a few percent', () => {
    for (const p of provinces) {
      const sum = wave.responses.filter((r) => r.provinceCode === p.code).reduce((a, r) => a + r.baseWeight, 0);
      expect(Math.abs(sum / (p.population * 0.72) - 1)).toBeLessThan(0.05);
    }
  });

  it('when margins are listed, then sex and age totals agree in every province', () => {
    for (const p of provinces) {
      const total = (v: string) => wave.margins.filter((m) => m.province === p.code && m.variable === v).reduce((a, m) => a + m.total, 0);
      expect(total('sex')).toBe(total('age_group'));
    }
  });
});
