import { estimate } from '../../../server/estimation/estimate';
import type { EstimateRow, Scheme } from '../../../server/estimation/types';
import type { IndexDefinition } from '../../../server/surveys/index-definition';
import { randomSurvey, surveyOf, type Respondent } from './survey-factory';
import { gregResiduals, influence, rakeByIpf, textbookVariance } from './textbook';

const definition: IndexDefinition = {
  scale: { min: 1, max: 5 },
  satisfiedMin: 4,
  overall: 'overall',
  elements: [
    { id: 'access', group: 'service', label: { vi: 'a', en: 'a' }, items: ['q_access_1', 'q_access_2'] },
    { id: 'staff', group: 'service', label: { vi: 's', en: 's' }, items: ['q_staff_1', 'q_staff_2'] },
    { id: 'feedback', group: 'service', label: { vi: 'f', en: 'f' }, items: ['q_feedback_1', 'q_feedback_2'] },
  ],
  composites: [
    { id: 'service', label: { vi: 'd', en: 'd' }, parts: ['elem_access', 'elem_staff', 'elem_feedback'] },
    { id: 'everything', label: { vi: 'e', en: 'e' }, parts: ['service', 'overall'] },
  ],
};

/** The element rule written plainly: satisfied when the mean of answered statements is at least 4. */
function element(r: Respondent, items: string[]): number | null {
  const answered = items.map((q) => r.answers[q]).filter((a): a is number => a !== null && a !== undefined);
  if (answered.length === 0) return null;
  return answered.reduce((a, b) => a + b, 0) / answered.length >= 4 ? 1 : 0;
}

const { respondents, margins } = randomSurvey(7, 4);
const fpc = Object.fromEntries([...new Set(respondents.map((r) => r.stratum))].map((s) => [s, 9]));
const columns = surveyOf(respondents, fpc);
const raked = rakeByIpf(respondents, margins);
const design = respondents.map((r) => r.weight);
const y: Record<string, (number | null)[]> = {
  elem_access: respondents.map((r) => element(r, ['q_access_1', 'q_access_2'])),
  elem_staff: respondents.map((r) => element(r, ['q_staff_1', 'q_staff_2'])),
  elem_feedback: respondents.map((r) => element(r, ['q_feedback_1', 'q_feedback_2'])),
  overall: respondents.map((r) => element(r, ['overall'])),
};
const composites: Record<string, Record<string, number>> = {
  service: { elem_access: 1 / 3, elem_staff: 1 / 3, elem_feedback: 1 / 3 },
  everything: { elem_access: 1 / 6, elem_staff: 1 / 6, elem_feedback: 1 / 6, overall: 1 / 2 },
};

const rows = estimate(columns, {
  definition,
  margins,
  by: ['sex'],
  provinceUnits: { units: ['A', 'B'], unitOfProvince: Int32Array.from([0, 0, 1, 1]) },
});
const row = (scheme: Scheme, domain: string, indicator: string) =>
  rows.find((r) => r.scheme === scheme && r.domain === domain && r.indicator === indicator) as EstimateRow;

const domains: Record<string, (r: Respondent) => boolean> = {
  NATIONAL: () => true,
  A: (r) => r.province === '10' || r.province === '11',
  B: (r) => r.province === '12' || r.province === '13',
  F: (r) => r.sex === 'F',
  M: (r) => r.sex === 'M',
};

/** p̂ and v̂ of a linear combination of indicators, straight from METHOD.md. */
function textbook(scheme: Scheme, domain: string, parts: Record<string, number>) {
  const w = scheme === 'raked' ? raked : design;
  const inDomain = respondents.map(domains[domain]);
  let p = 0;
  const r = respondents.map(() => 0);
  for (const [name, coefficient] of Object.entries(parts)) {
    const part = influence(y[name], inDomain, w);
    p += coefficient * part.p;
    part.r.forEach((v, i) => (r[i] += coefficient * v));
  }
  const u = scheme === 'raked' ? gregResiduals(respondents, r, w) : r.map((v, i) => w[i] * v);
  return { p, v: textbookVariance(respondents, u, scheme === 'design_fpc' ? fpc : undefined) };
}

const cases = (['design', 'design_fpc', 'raked'] as const).flatMap((scheme) =>
  Object.keys(domains).flatMap((domain) =>
    [...Object.keys(y), ...Object.keys(composites)].map((indicator) => ({ scheme, domain, indicator })),
  ),
);

describe('the engine agrees with the estimators written out plainly', () => {
  test('raking by Newton steps gives the weights of iterative proportional fitting', () => {
    const sorted = estimate(columns, { definition, margins, schemes: ['raked'] });
    const national = sorted.find((r) => r.domain === 'NATIONAL' && r.indicator === 'overall')!;
    const totalRaked = raked.reduce((a, b) => a + b, 0);
    const populations = margins.filter((m) => m.variable === 'sex').reduce((a, m) => a + m.total, 0);
    expect(totalRaked).toBeCloseTo(populations, 6);
    const answered = respondents.map((r, i) => (y.overall[i] === null ? 0 : raked[i])).reduce((a, b) => a + b, 0);
    expect(national.sum_w! / answered).toBeCloseTo(1, 12);
  });

  test.each(cases)('$scheme $domain $indicator: p̂ and SE match the textbook to 1e-9', ({ scheme, domain, indicator }) => {
    const parts = composites[indicator] ?? { [indicator]: 1 };
    const expected = textbook(scheme, domain, parts);
    const actual = row(scheme, domain, indicator);
    expect(Math.abs(actual.p! - expected.p)).toBeLessThan(1e-9 * expected.p);
    expect(Math.abs(actual.se! - Math.sqrt(expected.v))).toBeLessThan(1e-9 * Math.sqrt(expected.v));
  });

  test('a composite row carries only n, n_psu, df, p, se and the xlogit interval', () => {
    const composite = row('raked', 'A', 'service');
    expect(composite.p).not.toBeNull();
    expect(composite.ci_xlogit_lo).not.toBeNull();
    expect([composite.sum_w, composite.p_unweighted, composite.ci_kg_lo, composite.deff, composite.kish_neff]).toEqual([
      null, null, null, null, null,
    ]);
  });

  test('a composite counts the respondents with at least one part present', () => {
    const inA = respondents.map(domains.A);
    const expected = respondents.filter((_, i) => inA[i] && ['elem_access', 'elem_staff', 'elem_feedback'].some((k) => y[k][i] !== null)).length;
    expect(row('design', 'A', 'service').n).toBe(expected);
  });
});
