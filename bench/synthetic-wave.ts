import { DEFAULT_INDEX_DEFINITION } from '../server/estimation/default-index';
import { AGE_GROUP_LEVELS, SEX_LEVELS } from '../server/estimation/microdata';
import { MISSING_ANSWER, type MarginTotal, type SurveyColumns } from '../server/estimation/types';
import { loadGeography } from '../server/geography/provinces';
import { statementNames } from '../server/surveys/index-definition';

/** The GSO codes of the 63 provinces (waves up to 2024). */
const PROVINCE_CODES = loadGeography().provinces63.map((p) => p.code);
const PROVINCES = PROVINCE_CODES.length;
const PSU_SIZE = 20;
const SEX_SHARE = [0.51, 0.49];
const AGE_SHARE = [0.24, 0.22, 0.2, 0.18, 0.16];

/** Standard normal draws from a uniform generator (Box–Muller, keeping the second of each pair). */
export function normalDraws(next: () => number): () => number {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = NaN;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** xorshift128+ as a float in [0, 1): fast enough for millions of draws, and repeatable. */
export function generator(seed: number): () => number {
  let s0 = (seed * 0x9e3779b9) >>> 0 || 1;
  let s1 = (seed ^ 0x85ebca6b) >>> 0 || 2;
  return () => {
    let x = s0;
    const y = s1;
    s0 = y;
    x ^= x << 23;
    x ^= x >>> 17;
    x ^= y ^ (y >>> 26);
    s1 = x >>> 0;
    return ((s0 + s1) >>> 0) / 4294967296;
  };
}

/**
 * A SIPAS-like wave held in memory: 63 provinces with equal allocation, strata = province × urban/rural,
 * communes of about 20 respondents drawn with unequal (PPS-like) weights, a commune effect on satisfaction,
 * every statement of the SIPAS index with realistic missingness (the service block only for those who handled
 * a procedure, feedback items for a minority), and province × sex / age-group population margins.
 */
export function syntheticWave(respondents: number, seed = 1): { columns: SurveyColumns; margins: MarginTotal[] } {
  const next = generator(seed);
  // Box–Muller gives two independent normals per pair of uniforms; keep the second for the next call.
  let spare = NaN;
  const normal = () => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = NaN;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const statements = statementNames(DEFAULT_INDEX_DEFINITION);
  const answers = Object.fromEntries(statements.map((s) => [s, new Int8Array(respondents)]));
  const answerColumns = statements.map((s) => answers[s]);
  const isService = statements.map((s) => /^q_(access|procedure|staff|result)_/.test(s));
  const isFeedback = statements.map((s) => s.startsWith('q_feedback_'));
  const stratum = new Int32Array(respondents);
  const psu = new Int32Array(respondents);
  const weight = new Float64Array(respondents);
  const province = new Int32Array(respondents);
  const sex = new Int32Array(respondents);
  const age = new Int32Array(respondents);
  const provinceCodes = PROVINCE_CODES;
  const populations = provinceCodes.map(() => Math.round(400_000 + 8_000_000 * next() ** 2));
  const strata: string[] = [];
  const framePsus: number[] = [];
  const margins: MarginTotal[] = [];

  let row = 0;
  let psuCount = 0;
  for (let p = 0; p < PROVINCES; p++) {
    const quota = Math.floor(respondents / PROVINCES) + (p < respondents % PROVINCES ? 1 : 0);
    const provinceEffect = 0.25 * normal();
    for (const [s, share] of [[0, 0.4], [1, 0.6]] as const) {
      const h = strata.length;
      strata.push(`${provinceCodes[p]}-${s === 0 ? 'U' : 'R'}`);
      const size = s === 0 ? Math.floor(quota * share) : quota - Math.floor(quota * 0.4);
      const psus = Math.max(1, Math.round(size / PSU_SIZE));
      framePsus.push(psus * 8);
      const stratumPopulation = populations[p] * share;
      for (let j = 0; j < psus; j++) {
        const members = Math.floor(size / psus) + (j < size % psus ? 1 : 0);
        const communeEffect = provinceEffect + 0.3 * normal();
        const selection = Math.exp(0.4 * normal());
        for (let k = 0; k < members; k++, row++) {
          stratum[row] = h;
          psu[row] = psuCount;
          province[row] = p;
          sex[row] = next() < 0.6 ? 0 : 1;
          age[row] = Math.min(4, Math.floor(next() * next() * 7));
          weight[row] = (stratumPopulation / size) * selection * (0.8 + 0.4 * next());
          const satisfaction = 1.2 + communeEffect + 0.8 * normal();
          const handled = next() < 0.7;
          const lodged = handled && next() < 0.2;
          for (let q = 0; q < answerColumns.length; q++) {
            const asked = isFeedback[q] ? lodged : isService[q] ? handled : next() < 0.96;
            answerColumns[q][row] = asked
              ? Math.max(1, Math.min(5, Math.round(3 + satisfaction + 0.9 * normal())))
              : MISSING_ANSWER;
          }
        }
        psuCount++;
      }
    }
    const population = populations[p];
    SEX_LEVELS.forEach((level, l) => margins.push({ variable: 'sex', province: provinceCodes[p], level, total: population * SEX_SHARE[l] }));
    AGE_GROUP_LEVELS.forEach((level, a) => margins.push({ variable: 'age_group', province: provinceCodes[p], level, total: population * AGE_SHARE[a] }));
  }
  return {
    columns: {
      rowCount: respondents,
      stratum,
      strata,
      psu,
      psuCount,
      fpcPsu: Float64Array.from(framePsus),
      weight,
      province: { codes: province, levels: provinceCodes },
      categorical: {
        sex: { codes: sex, levels: [...SEX_LEVELS] },
        age_group: { codes: age, levels: [...AGE_GROUP_LEVELS] },
      },
      answers,
    },
    margins,
  };
}
