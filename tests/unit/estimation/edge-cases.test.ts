import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import { estimate } from '../../../server/estimation/estimate';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { EstimationError } from '../../../server/estimation/estimation-error';
import type { EstimateRow, MarginTotal } from '../../../server/estimation/types';
import { AGE_GROUP_LEVELS } from '../../../server/estimation/microdata';
import { randomSurvey, surveyOf, type Respondent } from './survey-factory';

const person = (overrides: Partial<Respondent> & { overall: number | null }): Respondent => ({
  province: '01',
  stratum: 'S1',
  psu: 'a',
  weight: 1,
  sex: 'F',
  age_group: '18-29',
  ...overrides,
  answers: { overall: overrides.overall },
});

const national = (rows: EstimateRow[], scheme = 'design') =>
  rows.find((r) => r.scheme === scheme && r.domain === 'NATIONAL' && r.indicator === 'overall')!;

describe('undefined intervals', () => {
  test.each([
    { name: 'everyone is satisfied (p = 1)', answers: [5, 4, 5, 4], expectedP: 1 },
    { name: 'nobody is satisfied (p = 0)', answers: [1, 2, 3, 3], expectedP: 0 },
  ])('when $name, the xlogit interval is empty, Korn–Graubard takes ñ = n, and the row is flagged', ({ answers, expectedP }) => {
    const respondents = answers.map((overall, k) => person({ overall, stratum: `S${k % 2}`, psu: `p${k}` }));
    const row = national(estimate(surveyOf(respondents), { definition: DEFAULT_INDEX_DEFINITION }));
    expect(row.p).toBe(expectedP);
    expect(row.se).toBe(0);
    expect([row.ci_xlogit_lo, row.ci_xlogit_hi, row.deff]).toEqual([null, null, null]);
    // Korn–Graubard's rule: design effect 1, ñ = n·(t_{n−1}/t_df)², Clopper–Pearson at ñ: [(α/2)^{1/ñ}, 1] for p̂ = 1.
    const nEffective = 4 * (tQuantile(0.025, 3) / tQuantile(0.025, 2)) ** 2;
    const bound = 0.025 ** (1 / nEffective);
    const [lo, hi] = expectedP === 1 ? [bound, 1] : [0, 1 - bound];
    expect(row.ci_kg_lo).toBeCloseTo(lo, 12);
    expect(row.ci_kg_hi).toBeCloseTo(hi, 12);
    expect(expectedP === 1 ? row.ci_kg_hi : row.ci_kg_lo).toBe(expectedP);
    expect(row.flags).toContain('interval_undefined');
  });

  test('a share equal in every PSU has zero variance, and Korn–Graubard gives the same ñ = n interval whether v̂ is 0 or rounding', () => {
    // Two strata of two PSUs, each PSU one satisfied and one not: p̂ = 0.5 with every PSU total equal.
    const respondents = [0, 1, 2, 3].flatMap((k) => [
      person({ overall: 5, stratum: `S${k % 2}`, psu: `p${k}`, weight: 1 + k / 3 }),
      person({ overall: 1, stratum: `S${k % 2}`, psu: `p${k}`, weight: 1 + k / 3 }),
    ]);
    const row = national(estimate(surveyOf(respondents), { definition: DEFAULT_INDEX_DEFINITION }));
    expect(row.p).toBeCloseTo(0.5, 14);
    expect(row.se!).toBeLessThan(1e-9);
    const nEffective = 8 * (tQuantile(0.025, 7) / tQuantile(0.025, 2)) ** 2;
    expect(row.ci_kg_lo).toBeCloseTo(betaQuantile(0.025, nEffective * row.p!, nEffective * (1 - row.p!) + 1), 12);
    expect(row.ci_kg_hi).toBeCloseTo(betaQuantile(0.975, nEffective * row.p! + 1, nEffective * (1 - row.p!)), 12);
    expect(row.ci_kg_hi! - row.ci_kg_lo!).toBeGreaterThan(0.3);
  });

  test('when a domain’s respondents all sit in one PSU, df is 0 and the intervals are empty', () => {
    const respondents = [
      person({ overall: 5, province: '01', psu: 'a' }),
      person({ overall: 2, province: '01', psu: 'a' }),
      person({ overall: 4, province: '02', psu: 'b' }),
      person({ overall: 1, province: '02', psu: 'c' }),
    ];
    const rows = estimate(surveyOf(respondents), { definition: DEFAULT_INDEX_DEFINITION });
    const province = rows.find((r) => r.scheme === 'design' && r.domain === '01' && r.indicator === 'overall')!;
    expect([province.n, province.n_psu, province.df]).toEqual([2, 1, 0]);
    expect(province.p).toBe(0.5);
    expect(province.ci_xlogit_lo).toBeNull();
    expect(province.ci_kg_lo).toBeNull();
    expect(province.flags).toEqual(['interval_undefined', 'small_n', 'small_n_eff']);
  });
});

describe('lonely PSU', () => {
  // Stratum S1 has one PSU (totals −0.125), S2 two PSUs with equal totals: p̂ = 3/4, Ŵ = 4,
  // v̂ = 1·(−0.125)² + 2/1·0 = 0.015625; with 4 PSUs in S1's frame, (1 − 1/4)·0.015625.
  const respondents = [
    person({ overall: 5, stratum: 'S1', psu: 'a' }),
    person({ overall: 1, stratum: 'S1', psu: 'a' }),
    person({ overall: 5, stratum: 'S2', psu: 'b' }),
    person({ overall: 5, stratum: 'S2', psu: 'c' }),
  ];

  test('a stratum with a single PSU contributes its uncentred squared total (R’s "adjust")', () => {
    const row = national(estimate(surveyOf(respondents), { definition: DEFAULT_INDEX_DEFINITION }));
    expect(row.p).toBe(0.75);
    expect(row.se! ** 2).toBeCloseTo(0.015625, 15);
    expect(row.df).toBe(1);
  });

  test('with the frame’s PSU count, the lonely stratum is scaled by 1 − f', () => {
    const rows = estimate(surveyOf(respondents, { S1: 4, S2: 2 }), { definition: DEFAULT_INDEX_DEFINITION });
    expect(national(rows, 'design_fpc').se! ** 2).toBeCloseTo(0.75 * 0.015625, 15);
  });
});

describe('raking inputs', () => {
  const { respondents, margins } = randomSurvey(3, 2);

  test('when a margin level has no respondent in a province, raking stops with a message naming the cell', () => {
    const noMen = respondents.map((r) => (r.province === '11' ? { ...r, sex: 'F' as const } : r));
    expect(() => estimate(surveyOf(noMen), { definition: DEFAULT_INDEX_DEFINITION, margins, schemes: ['raked'] })).toThrow(
      /empty raking cell: province 11, sex=M has no respondent/,
    );
  });

  test('margins that cannot be met (every man 60+, every woman younger, M ≠ 60+ total): adjacent age groups are merged until they can, and the province is named', () => {
    let women = 0;
    const apart = respondents.map((r) =>
      r.province === '11' ? { ...r, age_group: r.sex === 'M' ? '60+' : AGE_GROUP_LEVELS[women++ % 4] } : r,
    );
    const notices: { en: string }[] = [];
    const rows = estimate(surveyOf(apart), {
      definition: DEFAULT_INDEX_DEFINITION,
      margins,
      schemes: ['raked'],
      onNotice: (n) => notices.push(n),
    });
    expect(notices.map((n) => n.en)).toEqual([
      expect.stringMatching(/^Province 11: its margins cannot be met as given; adjacent age groups were merged: .*60\+ → 50-59|.*50-59 → 60\+/),
    ]);
    const province = rows.find((r) => r.domain === '11' && r.indicator === 'overall')!;
    expect(province.p).not.toBeNull();
    expect(province.flags).not.toContain('not_raked');
    // The merged margins are met: weighted men equal the province's men.
    const men = estimate(surveyOf(apart.map((r) => ({ ...r, answers: { overall: r.sex === 'M' ? 5 : 1 } }))), {
      definition: DEFAULT_INDEX_DEFINITION, margins, schemes: ['raked'],
    }).find((r) => r.domain === '11' && r.indicator === 'overall')!;
    const total = (level: string) => margins.find((m) => m.province === '11' && m.level === level)!.total;
    expect(men.p! * men.sum_w!).toBeCloseTo(total('M'), 4);
  });

  test('margins that cannot be met and have no age groups to merge: the province keeps its design weights, its rows are flagged not_raked, and the message names province and margin', () => {
    // Margins on sex and an unordered column: in province 11 every man has level A and every woman B, while
    // the population has fewer A than men. Nothing can be merged, so 11 falls back; 10 is raked.
    const columns = surveyOf(respondents);
    const levelOf = respondents.map((r) => (r.province === '11' ? (r.sex === 'M' ? 0 : 1) : respondents.indexOf(r) % 2));
    columns.categorical.edu = { codes: Int32Array.from(levelOf), levels: ['A', 'B'] };
    const edu = margins.filter((m) => m.variable === 'sex').map((m) => ({
      ...m, variable: 'edu', level: m.level === 'F' ? 'A' : 'B',
      total: m.province === '11' ? (m.level === 'F' ? m.total + 500 : m.total - 500) : m.total,
    }));
    const notices: { scheme: string; en: string }[] = [];
    const rows = estimate(columns, {
      definition: DEFAULT_INDEX_DEFINITION,
      margins: [...margins.filter((m) => m.variable === 'sex'), ...edu],
      schemes: ['design', 'raked'],
      onNotice: (n) => notices.push(n),
    });
    expect(notices.map((n) => n.en)).toEqual([
      expect.stringMatching(/^Province 11: cell (sex=M|sex=F|edu=A|edu=B) \(margin total \d+, closest reached \d+\) cannot be met even with every age group merged; the province keeps its design weights \(not raked\)$/),
    ]);
    const row = (scheme: string, domain: string) => rows.find((r) => r.scheme === scheme && r.domain === domain && r.indicator === 'overall')!;
    expect(row('raked', '11').flags).toContain('not_raked');
    expect(row('raked', '11').p).toBe(row('design', '11').p);
    expect(row('raked', '11').sum_w).toBeCloseTo(row('design', '11').sum_w!, 9);
    for (const other of ['10']) {
      expect(row('raked', other).flags).not.toContain('not_raked');
      expect(row('raked', other).p).not.toBe(row('design', other).p);
    }
    // The nation is still estimated, from province 11's design weights and the others' raked ones.
    expect(row('raked', 'NATIONAL').p).not.toBeNull();
  });

  test('a margin cell with a total of 0 that has respondents (men, in a province whose men total 0): the province keeps its design weights and the message names the cell, Vietnamese first', () => {
    const men = margins.find((m) => m.province === '11' && m.level === 'M')!.total;
    const zero = margins.map((m) =>
      m.province !== '11' || m.variable !== 'sex' ? m : { ...m, total: m.level === 'M' ? 0 : m.total + men });
    const notices: { scheme: string; vi: string; en: string }[] = [];
    const rows = estimate(surveyOf(respondents), {
      definition: DEFAULT_INDEX_DEFINITION, margins: zero, schemes: ['design', 'raked'], onNotice: (n) => notices.push(n),
    });
    expect(notices).toEqual([{
      scheme: 'raked',
      vi: 'Tỉnh 11: không thể đạt ô sex=M (tổng biên 0 nhưng có người trả lời) kể cả khi gộp mọi nhóm tuổi; tỉnh này dùng trọng số thiết kế (không hiệu chỉnh)',
      en: 'Province 11: cell sex=M (margin total 0, yet it has respondents) cannot be met even with every age group merged; the province keeps its design weights (not raked)',
    }]);
    const row = (domain: string) => rows.find((r) => r.scheme === 'raked' && r.domain === domain && r.indicator === 'overall')!;
    expect(row('11').flags).toContain('not_raked');
    expect(row('10').flags).not.toContain('not_raked');
    expect(row('NATIONAL').p).not.toBeNull();
  });

  test.each<{ name: string; change: (m: MarginTotal[]) => MarginTotal[]; message: RegExp }>([
    {
      name: 'a province has no margins',
      change: (m) => m.filter((x) => x.province !== '10'),
      message: /no margin totals for province 10/,
    },
    {
      name: 'a level’s total is missing',
      change: (m) => m.filter((x) => !(x.province === '10' && x.level === '60+')),
      message: /margin total age_group=60\+ of province 10 is missing/,
    },
    {
      name: 'sex and age totals of a province disagree',
      change: (m) => m.map((x) => (x.province === '10' && x.level === 'F' ? { ...x, total: x.total + 1000 } : x)),
      message: /margin age_group adds up to .* but sex to .* in province 10/,
    },
  ])('when $name, estimation is refused', ({ change, message }) => {
    const run = () => estimate(surveyOf(respondents), { definition: DEFAULT_INDEX_DEFINITION, margins: change(margins), schemes: ['raked'] });
    expect(run).toThrow(EstimationError);
    expect(run).toThrow(message);
  });

  test('the raked weights reproduce every margin total to 1e-10', () => {
    const rows = estimate(surveyOf(respondents.map((r) => ({ ...r, answers: { overall: 4 } }))), {
      definition: DEFAULT_INDEX_DEFINITION,
      margins,
      schemes: ['raked'],
      by: ['sex'],
    });
    const population = margins.filter((m) => m.variable === 'sex').reduce((s, m) => s + m.total, 0);
    const female = margins.filter((m) => m.level === 'F').reduce((s, m) => s + m.total, 0);
    expect(Math.abs(national(rows, 'raked').sum_w! - population)).toBeLessThan(1e-10 * population);
    const women = rows.find((r) => r.domain_type === 'sex' && r.domain === 'F')!;
    expect(Math.abs(women.sum_w! - female)).toBeLessThan(1e-10 * female);
  });
});

describe('schemes and domains', () => {
  const { respondents, margins } = randomSurvey(5, 2);

  test('by default every scheme the inputs allow is estimated', () => {
    const schemes = (m: MarginTotal[] | undefined, fpc?: Record<string, number>) =>
      [...new Set(estimate(surveyOf(respondents, fpc), { definition: DEFAULT_INDEX_DEFINITION, margins: m }).map((r) => r.scheme))];
    expect(schemes(undefined)).toEqual(['design']);
    expect(schemes(margins)).toEqual(['design', 'raked']);
    const frame = Object.fromEntries(respondents.map((r) => [r.stratum, 20]));
    expect(schemes(margins, frame)).toEqual(['design', 'design_fpc', 'raked']);
  });

  test('asking for raked without margins, or design_fpc without frame counts, is refused', () => {
    const columns = surveyOf(respondents);
    expect(() => estimate(columns, { definition: DEFAULT_INDEX_DEFINITION, schemes: ['raked'] })).toThrow(/needs margins/);
    expect(() => estimate(columns, { definition: DEFAULT_INDEX_DEFINITION, schemes: ['design_fpc'] })).toThrow(/fpc_psu/);
  });

  test('estimating by a column the data do not have is refused', () => {
    expect(() => estimate(surveyOf(respondents), { definition: DEFAULT_INDEX_DEFINITION, by: ['ethnicity'] })).toThrow(
      /no column ethnicity/,
    );
  });

  test('a domain without respondents for an indicator has n = 0 and no estimate', () => {
    const rows = estimate(surveyOf(respondents.map((r) => (r.province === '10' ? { ...r, answers: { ...r.answers, q_feedback_1: null, q_feedback_2: null } } : r))), {
      definition: {
        ...DEFAULT_INDEX_DEFINITION,
        elements: [{ id: 'feedback', group: 'service', label: { vi: 'f', en: 'f' }, items: ['q_feedback_1', 'q_feedback_2'] }],
        composites: [],
      },
    });
    const empty = rows.find((r) => r.domain === '10' && r.indicator === 'elem_feedback')!;
    expect([empty.n, empty.p, empty.se]).toEqual([0, null, null]);
    expect(empty.flags).toEqual(['no_respondent']);
  });

  test('a composite is empty in a domain where one of its parts has no respondent, yet counts its respondents', () => {
    const noFeedbackIn10 = respondents.map((r) =>
      r.province === '10' ? { ...r, answers: { ...r.answers, q_feedback_1: null, q_feedback_2: null } } : r,
    );
    const definition = {
      ...DEFAULT_INDEX_DEFINITION,
      elements: [
        { id: 'access', group: 'service' as const, label: { vi: 'a', en: 'a' }, items: ['q_access_1', 'q_access_2'] },
        { id: 'feedback', group: 'service' as const, label: { vi: 'f', en: 'f' }, items: ['q_feedback_1', 'q_feedback_2'] },
      ],
      composites: [{ id: 'service', label: { vi: 's', en: 's' }, parts: ['elem_access', 'elem_feedback'] }],
    };
    const rows = estimate(surveyOf(noFeedbackIn10), { definition, margins });
    for (const scheme of ['design', 'raked'] as const) {
      const at = (domain: string, indicator: string) =>
        rows.find((r) => r.scheme === scheme && r.domain === domain && r.indicator === indicator)!;
      expect(at('10', 'service').n).toBe(at('10', 'elem_access').n);
      expect([at('10', 'service').p, at('10', 'service').se, at('10', 'service').ci_xlogit_lo]).toEqual([null, null, null]);
      expect(at('11', 'service').p).toBeCloseTo((at('11', 'elem_access').p! + at('11', 'elem_feedback').p!) / 2, 14);
    }
  });

  test('the national mean of provinces averages provincial estimates, with SE √(ΣSE²)/P and summed n, n_psu, df', () => {
    const rows = estimate(surveyOf(respondents), { definition: DEFAULT_INDEX_DEFINITION }).filter((r) => r.indicator === 'overall');
    const provinces = rows.filter((r) => r.domain_type === 'province');
    const mean = rows.find((r) => r.domain_type === 'national_mean_of_provinces')!;
    expect(mean.p).toBeCloseTo((provinces[0].p! + provinces[1].p!) / 2, 15);
    expect(mean.se).toBeCloseTo(Math.hypot(provinces[0].se!, provinces[1].se!) / 2, 15);
    expect([mean.n, mean.n_psu, mean.df]).toEqual([
      provinces[0].n + provinces[1].n,
      provinces[0].n_psu + provinces[1].n_psu,
      provinces[0].df + provinces[1].df,
    ]);
    expect(mean.sum_w).toBeNull();
    // Its own 95% xlogit interval, with the summed df.
    const logit = Math.log(mean.p! / (1 - mean.p!));
    const half = tQuantile(0.975, mean.df) * (mean.se! / (mean.p! * (1 - mean.p!)));
    expect(mean.ci_xlogit_lo).toBeCloseTo(1 / (1 + Math.exp(-(logit - half))), 14);
    expect(mean.ci_xlogit_hi).toBeCloseTo(1 / (1 + Math.exp(-(logit + half))), 14);
  });
});

describe('indicators from the index block', () => {
  test.each([
    { answers: [4, 3], satisfied: 0, why: 'a mean of 3.5 is below 4' },
    { answers: [5, 3], satisfied: 1, why: 'a mean of exactly 4 counts as satisfied' },
    { answers: [4, null], satisfied: 1, why: 'only answered statements count' },
    { answers: [3, null], satisfied: 0, why: 'one answered statement below 4' },
  ])('an element answered $answers is $satisfied because $why', ({ answers, satisfied }) => {
    const respondents: Respondent[] = [0, 1].map((k) => ({
      ...person({ overall: null, stratum: `S${k}`, psu: `p${k}` }),
      answers: { q_result_1: answers[0], q_result_2: answers[1], q_result_3: null },
    }));
    const rows = estimate(surveyOf(respondents), { definition: DEFAULT_INDEX_DEFINITION });
    const row = rows.find((r) => r.domain === 'NATIONAL' && r.indicator === 'elem_result')!;
    expect(row.p).toBe(satisfied);
    expect(row.n).toBe(2);
  });

  test('indicators whose statements are absent are not produced, nor composites missing a part', () => {
    const respondents = [0, 1].map((k) => person({ overall: 4, stratum: `S${k}`, psu: `p${k}` }));
    const indicators = new Set(estimate(surveyOf(respondents), { definition: DEFAULT_INDEX_DEFINITION, includeItems: true }).map((r) => r.indicator));
    expect([...indicators]).toEqual(['overall']);
  });

  test('with --items, every present statement gets an item_ indicator', () => {
    const respondents: Respondent[] = [0, 1].map((k) => ({
      ...person({ overall: 4, stratum: `S${k}`, psu: `p${k}` }),
      answers: { overall: 4, q_result_1: 5 - 3 * k, q_result_2: 4, q_result_3: null },
    }));
    const rows = estimate(surveyOf(respondents), { definition: DEFAULT_INDEX_DEFINITION, includeItems: true });
    const national = rows.filter((r) => r.domain === 'NATIONAL');
    expect(national.map((r) => r.indicator)).toEqual(['overall', 'elem_result', 'item_q_result_1', 'item_q_result_2', 'item_q_result_3']);
    expect(national.find((r) => r.indicator === 'item_q_result_1')!.p).toBe(0.5);
    expect(national.find((r) => r.indicator === 'item_q_result_3')!.n).toBe(0);
  });
});
