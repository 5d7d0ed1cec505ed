import { DEFAULT_INDEX_DEFINITION } from '../server/estimation/default-index';
import { indicatorColumn, resolveIndicators, type BaseIndicator } from '../server/estimation/indicators';
import { AGE_GROUP_LEVELS, SEX_LEVELS } from '../server/estimation/microdata';
import { MISSING_ANSWER, MISSING_INDICATOR, type MarginTotal, type SurveyColumns } from '../server/estimation/types';
import { loadGeography } from '../server/geography/provinces';
import { statementNames } from '../server/surveys/index-definition';
import { generator, normalDraws } from './synthetic-wave';

/**
 * A synthetic population with known true shares for the coverage study (issue #19): 63 provinces, each with
 * an urban stratum of 16 communes and a rural one of 24 (150–600 adults each); satisfaction rises with age, is a
 * little higher for women, and varies by province and commune. Samples draw communes by simple random sampling
 * within strata (4 urban, 6 rural), then 10 adults per commune, of whom the young and men answer less often:
 * design weights alone are biased, raking to province × sex and province × age removes it.
 */
const PROVINCE_CODES = loadGeography().provinces63.map((p) => p.code);
const STRATA = [
  { label: 'U', communes: 16, sampled: 4 },
  { label: 'R', communes: 24, sampled: 6 },
] as const;
const INVITED_PER_COMMUNE = 10;
const AGE_EFFECT = [-0.35, -0.15, 0, 0.15, 0.3];
const SEX_EFFECT = [0.1, -0.1]; // F, M
/** Response propensity by sex (F, M) and age group: young men answer least. */
const responds = (sex: number, age: number) => 0.95 - 0.15 * sex - 0.09 * (4 - age);

/** The study's indicators: overall satisfaction and the five service elements. */
export const STUDY_INDICATORS = ['overall', 'elem_access', 'elem_procedure', 'elem_staff', 'elem_result', 'elem_feedback'];

export interface Population {
  size: number;
  province: Int32Array;
  sex: Int32Array;
  age: Int32Array;
  /** Commune of each adult, numbered across the country; communes of stratum h are contiguous. */
  commune: Int32Array;
  communeStart: Int32Array;
  /** Communes of stratum h: `strataCommunes[h]`. */
  strataCommunes: number[][];
  answers: Record<string, Int8Array>;
  margins: MarginTotal[];
  /** True share of each study indicator: `truth[indicator]` by province code, plus NATIONAL and the mean of provinces. */
  truth: Record<string, { national: number; meanOfProvinces: number; province: Map<string, number> }>;
}

export function coveragePopulation(seed = 7): Population {
  const next = generator(seed);
  const normal = normalDraws(next);
  const statements = statementNames(DEFAULT_INDEX_DEFINITION).filter((s) => !s.startsWith('q_policy_'));
  const isService = statements.map((s) => /^q_(access|procedure|staff|result)_/.test(s));
  const isFeedback = statements.map((s) => s.startsWith('q_feedback_'));
  const sizes: number[] = [];
  const strataCommunes: number[][] = [];
  const communeProvince: number[] = [];
  const communeEffect: number[] = [];
  PROVINCE_CODES.forEach((_, p) => {
    const provinceEffect = 0.3 * normal();
    for (const stratum of STRATA) {
      const list: number[] = [];
      for (let c = 0; c < stratum.communes; c++) {
        list.push(sizes.length);
        sizes.push(150 + Math.floor(450 * next()));
        communeProvince.push(p);
        communeEffect.push(provinceEffect + (stratum.label === 'U' ? 0.1 : -0.1) + 0.3 * normal());
      }
      strataCommunes.push(list);
    }
  });
  const size = sizes.reduce((a, b) => a + b, 0);
  const communeStart = new Int32Array(sizes.length + 1);
  sizes.forEach((n, c) => (communeStart[c + 1] = communeStart[c] + n));
  const province = new Int32Array(size);
  const sex = new Int32Array(size);
  const age = new Int32Array(size);
  const commune = new Int32Array(size);
  const answers = Object.fromEntries(statements.map((s) => [s, new Int8Array(size)]));
  const columns = statements.map((s) => answers[s]);
  for (let c = 0; c < sizes.length; c++) {
    for (let i = communeStart[c]; i < communeStart[c + 1]; i++) {
      province[i] = communeProvince[c];
      commune[i] = c;
      sex[i] = next() < 0.51 ? 0 : 1;
      age[i] = Math.min(4, Math.floor(next() * 5.4));
      const satisfaction = 1.0 + communeEffect[c] + SEX_EFFECT[sex[i]] + AGE_EFFECT[age[i]] + 0.8 * normal();
      const handled = next() < 0.7;
      const lodged = handled && next() < 0.2;
      for (let q = 0; q < columns.length; q++) {
        const asked = isFeedback[q] ? lodged : isService[q] ? handled : true;
        columns[q][i] = asked ? Math.max(1, Math.min(5, Math.round(3 + satisfaction + 0.9 * normal()))) : MISSING_ANSWER;
      }
    }
  }
  const margins: MarginTotal[] = [];
  PROVINCE_CODES.forEach((code, p) => {
    const bySex = new Float64Array(2);
    const byAge = new Float64Array(5);
    for (let i = 0; i < size; i++) {
      if (province[i] !== p) continue;
      bySex[sex[i]]++;
      byAge[age[i]]++;
    }
    SEX_LEVELS.forEach((level, l) => margins.push({ variable: 'sex', province: code, level, total: bySex[l] }));
    AGE_GROUP_LEVELS.forEach((level, a) => margins.push({ variable: 'age_group', province: code, level, total: byAge[a] }));
  });
  const indicators = resolveIndicators(DEFAULT_INDEX_DEFINITION, new Set(statements), false).filter(
    (i): i is BaseIndicator => i.kind === 'base' && STUDY_INDICATORS.includes(i.name),
  );
  const truth: Population['truth'] = {};
  for (const indicator of indicators) {
    const y = indicatorColumn(indicator, answers, DEFAULT_INDEX_DEFINITION.satisfiedMin, size);
    const count = new Float64Array(PROVINCE_CODES.length);
    const satisfied = new Float64Array(PROVINCE_CODES.length);
    for (let i = 0; i < size; i++) {
      if (y[i] === MISSING_INDICATOR) continue;
      count[province[i]]++;
      satisfied[province[i]] += y[i];
    }
    const byProvince = new Map(PROVINCE_CODES.map((code, p) => [code, satisfied[p] / count[p]]));
    const total = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
    truth[indicator.name] = {
      national: total(satisfied) / total(count),
      meanOfProvinces: [...byProvince.values()].reduce((s, x) => s + x, 0) / PROVINCE_CODES.length,
      province: byProvince,
    };
  }
  return { size, province, sex, age, commune, communeStart, strataCommunes, answers, margins, truth };
}

/** One sample of the population: respondents only, with their design weights (no non-response adjustment). */
export function drawSample(population: Population, seed: number): SurveyColumns {
  const next = generator(seed);
  const rows: number[] = [];
  const weights: number[] = [];
  const strata: number[] = [];
  const psus: number[] = [];
  population.strataCommunes.forEach((communes, h) => {
    const design = STRATA[h % STRATA.length];
    const chosen = pick(communes.length, design.sampled, next).map((k) => communes[k]);
    for (const c of chosen) {
      const first = population.communeStart[c];
      const size = population.communeStart[c + 1] - first;
      const weight = (communes.length / design.sampled) * (size / INVITED_PER_COMMUNE);
      for (const k of pick(size, INVITED_PER_COMMUNE, next)) {
        const i = first + k;
        if (next() >= responds(population.sex[i], population.age[i])) continue;
        rows.push(i);
        weights.push(weight);
        strata.push(h);
        psus.push(c);
      }
    }
  });
  const psuIndex = new Map<number, number>();
  const psu = Int32Array.from(psus, (c) => psuIndex.get(c) ?? psuIndex.set(c, psuIndex.size).get(c)!);
  const stratumLabels = population.strataCommunes.map((_, h) => `${PROVINCE_CODES[Math.floor(h / STRATA.length)]}-${STRATA[h % STRATA.length].label}`);
  return {
    rowCount: rows.length,
    stratum: Int32Array.from(strata),
    strata: stratumLabels,
    psu,
    psuCount: psuIndex.size,
    psuLabels: [...psuIndex.keys()].map(String),
    fpcPsu: null,
    weight: Float64Array.from(weights),
    province: { codes: Int32Array.from(rows, (i) => population.province[i]), levels: PROVINCE_CODES },
    categorical: {
      sex: { codes: Int32Array.from(rows, (i) => population.sex[i]), levels: [...SEX_LEVELS] },
      age_group: { codes: Int32Array.from(rows, (i) => population.age[i]), levels: [...AGE_GROUP_LEVELS] },
    },
    answers: Object.fromEntries(Object.entries(population.answers).map(([name, column]) => [name, Int8Array.from(rows, (i) => column[i])])),
  };
}

/** k distinct indices of 0..n-1 (partial Fisher–Yates). */
function pick(n: number, k: number, next: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + Math.floor(next() * (n - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, Math.min(k, n));
}
