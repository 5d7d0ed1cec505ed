import { AGE_GROUP_LEVELS, SEX_LEVELS } from '../../../server/estimation/microdata';
import { MISSING_ANSWER, type MarginTotal, type SurveyColumns } from '../../../server/estimation/types';

/** A small deterministic pseudo-random generator (mulberry32), so test data are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One respondent of a hand-made survey. */
export interface Respondent {
  province: string;
  stratum: string;
  psu: string;
  weight: number;
  sex?: 'F' | 'M';
  age_group?: (typeof AGE_GROUP_LEVELS)[number];
  answers: Record<string, number | null>;
}

/** Engine columns from a list of respondents; `fpc` gives frame PSU counts by stratum. */
export function surveyOf(respondents: readonly Respondent[], fpc?: Record<string, number>): SurveyColumns {
  const provinces = [...new Set(respondents.map((r) => r.province))].sort();
  const strata = [...new Set(respondents.map((r) => r.stratum))];
  const psus = [...new Set(respondents.map((r) => `${r.stratum}/${r.psu}`))];
  const statements = [...new Set(respondents.flatMap((r) => Object.keys(r.answers)))];
  return {
    rowCount: respondents.length,
    stratum: Int32Array.from(respondents.map((r) => strata.indexOf(r.stratum))),
    strata,
    psu: Int32Array.from(respondents.map((r) => psus.indexOf(`${r.stratum}/${r.psu}`))),
    psuCount: psus.length,
    fpcPsu: fpc ? Float64Array.from(strata.map((s) => fpc[s])) : null,
    weight: Float64Array.from(respondents.map((r) => r.weight)),
    province: { codes: Int32Array.from(respondents.map((r) => provinces.indexOf(r.province))), levels: provinces },
    categorical: {
      sex: { codes: Int32Array.from(respondents.map((r) => SEX_LEVELS.indexOf(r.sex ?? 'F'))), levels: [...SEX_LEVELS] },
      age_group: {
        codes: Int32Array.from(respondents.map((r) => AGE_GROUP_LEVELS.indexOf(r.age_group ?? '18-29'))),
        levels: [...AGE_GROUP_LEVELS],
      },
    },
    answers: Object.fromEntries(
      statements.map((s) => [s, Int8Array.from(respondents.map((r) => r.answers[s] ?? MISSING_ANSWER))]),
    ),
  };
}

/**
 * A random survey: `provinces` provinces, two strata each (the very first stratum has a single PSU), PSUs of
 * 8–12 respondents, unequal weights, every sex × age cell sampled, answers to the access and staff items with
 * some missing, and feedback items answered by a minority.
 */
export function randomSurvey(seed: number, provinces = 3): { respondents: Respondent[]; margins: MarginTotal[] } {
  const next = random(seed);
  const answer = (bias: number) => Math.min(5, Math.max(1, Math.round(3 + bias + 1.5 * (next() - 0.5) * 2)));
  const respondents: Respondent[] = [];
  const margins: MarginTotal[] = [];
  for (let p = 0; p < provinces; p++) {
    const province = String(10 + p);
    for (let s = 0; s < 2; s++) {
      const stratum = `${province}-${s}`;
      const psuCount = p === 0 && s === 0 ? 1 : 3 + Math.floor(next() * 3);
      for (let j = 0; j < psuCount; j++) {
        const size = 8 + Math.floor(next() * 5);
        const bias = next() - 0.3;
        for (let k = 0; k < size; k++) {
          const answers: Record<string, number | null> = {};
          for (const q of ['q_access_1', 'q_access_2', 'q_staff_1', 'q_staff_2']) answers[q] = next() < 0.1 ? null : answer(bias);
          const lodged = next() < 0.3;
          for (const q of ['q_feedback_1', 'q_feedback_2']) answers[q] = lodged ? answer(bias - 0.5) : null;
          answers.overall = answer(bias + 0.3);
          respondents.push({
            province,
            stratum,
            psu: `c${j}`,
            weight: 50 + 200 * next(),
            sex: k % 2 === 0 ? 'F' : 'M',
            age_group: AGE_GROUP_LEVELS[k % 5],
            answers,
          });
        }
      }
    }
    const population = 20_000 + Math.floor(10_000 * next());
    const female = Math.floor(population * (0.45 + 0.1 * next()));
    margins.push({ variable: 'sex', province, level: 'F', total: female });
    margins.push({ variable: 'sex', province, level: 'M', total: population - female });
    const shares = AGE_GROUP_LEVELS.map(() => 0.5 + next());
    const sum = shares.reduce((a, b) => a + b, 0);
    let left = population;
    AGE_GROUP_LEVELS.forEach((level, a) => {
      const total = a === AGE_GROUP_LEVELS.length - 1 ? left : Math.floor((population * shares[a]) / sum);
      left -= total;
      margins.push({ variable: 'age_group', province, level, total });
    });
  }
  return { respondents, margins };
}
