import type { NewCommune } from '../geography/geography.repository';
import { Random } from './random';

export interface SyntheticProvince { code: string; population: number; isCity: boolean }

export interface SyntheticWaveOptions {
  provinces: readonly SyntheticProvince[];
  year: number;
  respondents: number;
  seed: number;
  /** Added to every respondent's latent satisfaction (logit scale); lets a later wave improve. @default 0 */
  shift?: number;
}

export interface SyntheticResponse {
  id: string;
  provinceCode: string;
  communeCode: string;
  stratum: string;
  psu: string;
  baseWeight: number;
  answers: Record<string, unknown>;
  startedAt: Date;
  submittedAt: Date;
}

export interface SyntheticMargin { variable: 'sex' | 'age_group'; province: string; level: string; total: number }

/** One commune of the synthetic frame, with the draw's outcome: the demo's sample plan. */
export interface SyntheticFrameUnit {
  code: string;
  provinceCode: string;
  nameVi: string;
  urbanRural: 'urban' | 'rural';
  adults: number;
  stratum: string;
  /** π for a drawn commune, null for the others. */
  pi: number | null;
  selected: boolean;
  /** Respondents sought in a drawn commune. */
  target: number | null;
}

export interface SyntheticWave {
  communes: NewCommune[];
  responses: SyntheticResponse[];
  margins: SyntheticMargin[];
  /** Every frame commune in frame order, drawn or not. */
  frame: SyntheticFrameUnit[];
}

const AGE_GROUPS = ['18-29', '30-39', '40-49', '50-59', '60+'];
const AGE_SHARES = [0.24, 0.21, 0.19, 0.17, 0.19];
/** Who answers more readily than their share of the population: the reason weighting matters. */
const AGE_PROPENSITY = [0.6, 0.85, 1, 1.2, 1.5];
const FEMALE_SHARE = 0.51;
const FEMALE_PROPENSITY = 1.25;
const CUTPOINTS = [-3, -1.8, -0.2, 2.2];
const COMMUNE_NAMES = ['An Bình', 'Tân Phú', 'Phú Mỹ', 'Hòa Bình', 'Long Hưng', 'Thạnh Lợi', 'Đông Hải', 'Quảng Phú',
  'Nghĩa Đô', 'Hưng Đạo', 'Thắng Lợi', 'Minh Khai', 'Yên Sở', 'Cẩm Lệ', 'Hải Châu', 'Ngọc Hà', 'Tây Hồ', 'Bình Minh',
  'Phước Long', 'Vĩnh Hòa', 'Trung Sơn', 'Kim Liên', 'Đức Thắng', 'Thủy Nguyên'];
const POLICY = ['q_policy_info_1', 'q_policy_info_2', 'q_policy_participation_1', 'q_policy_participation_2',
  ...Array.from({ length: 9 }, (_, i) => `q_policy_quality_${i + 1}`), 'q_policy_impact_1', 'q_policy_impact_2'];
const SERVICE = [...[1, 2, 3, 4].map((i) => `q_access_${i}`), ...[1, 2, 3, 4].map((i) => `q_procedure_${i}`),
  ...[1, 2, 3, 4, 5].map((i) => `q_staff_${i}`), ...[1, 2, 3].map((i) => `q_result_${i}`)];
const FEEDBACK = ['q_feedback_1', 'q_feedback_2', 'q_feedback_3'];
const POLICY_GROUPS = ['economic_development', 'health_care', 'general_education', 'public_order', 'road_transport',
  'electricity', 'clean_water', 'social_security', 'administrative_reform'];
const PRIORITIES = ['information', 'premises_equipment', 'staff_capacity', 'service_attitude', 'digital_services',
  'needs_attention', 'feedback_handling', 'transparency', 'policy_quality', 'service_quality'];
const CHANNELS = ['television', 'radio', 'newspapers', 'online_news', 'social_media', 'meetings', 'officials', 'family'];

const expit = (x: number) => 1 / (1 + Math.exp(-x));

function uuid(r: Random): string {
  const hex = Array.from({ length: 32 }, () => r.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((r.int(0, 3)) | 8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface FrameCommune { code: string; name: string; adults: number; urban: boolean }

/** Systematic PPS: units at least as large as the interval are taken with certainty, the rest by a random start. */
function selectPps(r: Random, frame: FrameCommune[], m: number): { unit: FrameCommune; pi: number }[] {
  const chosen: { unit: FrameCommune; pi: number }[] = [];
  let rest = [...frame].sort(() => r.next() - 0.5);
  let toDraw = Math.min(m, frame.length);
  for (;;) {
    const total = rest.reduce((a, u) => a + u.adults, 0);
    const certain = rest.filter((u) => u.adults * toDraw >= total);
    if (certain.length === 0 || toDraw === 0) break;
    for (const u of certain) chosen.push({ unit: u, pi: 1 });
    rest = rest.filter((u) => !certain.includes(u));
    toDraw -= certain.length;
  }
  if (toDraw > 0) {
    const total = rest.reduce((a, u) => a + u.adults, 0);
    const step = total / toDraw;
    let next = r.next() * step;
    let cumulative = 0;
    for (const u of rest) {
      cumulative += u.adults;
      if (cumulative > next) {
        chosen.push({ unit: u, pi: (toDraw * u.adults) / total });
        next += step;
      }
    }
  }
  return chosen;
}

/** Age totals that add up exactly to the adults (raking needs both margins to agree). */
function ageTotals(adults: number): number[] {
  const totals = AGE_SHARES.map((share) => Math.round(adults * share));
  totals[totals.length - 1] += adults - totals.reduce((a, b) => a + b, 0);
  return totals;
}

function rating(r: Random, eta: number): number {
  let value = 1;
  for (const c of CUTPOINTS) if (r.next() < expit(eta - c)) value++;
  return Math.min(5, value);
}

function answersFor(r: Random, eta: number, sex: string, age: string, urban: boolean): Record<string, unknown> {
  const procedure = r.next() < 0.6;
  const feedback = procedure && r.next() < 0.25;
  const badLuck = expit(-eta - 1.5);
  const answers: Record<string, unknown> = {
    sex,
    age_group: age,
    ethnicity: r.next() < 0.85 ? 'kinh' : 'other',
    education: r.pick(['primary', 'lower_secondary', 'upper_secondary', 'vocational', 'university']),
    occupation: r.pick(['farming', 'worker', 'public_sector', 'private_employee', 'self_employed', 'retired', 'homemaker']),
    urban_rural: urban ? 'urban' : 'rural',
    terrain: urban ? 'delta' : r.pick(['mountain', 'delta', 'delta', 'island']),
    policy_interest: Object.fromEntries(POLICY_GROUPS.map((g) => [g, r.pick(['high', 'some', 'some', 'none'])])),
    policy_channels: [...new Set([r.pick(CHANNELS), r.pick(CHANNELS)])],
    opinion_willingness: r.pick(['willing', 'if_asked', 'if_asked', 'not_willing']),
    harassment: r.next() < badLuck ? (r.next() < 0.2 ? 'many' : 'some') : 'none',
    informal_payments: r.next() < badLuck * 0.8 ? (r.next() < 0.2 ? 'many' : 'some') : 'none',
    preferred_service_channel: r.pick(['in_person', 'online', 'both', 'both']),
    preferred_policy_channel: r.pick(CHANNELS),
    exp_admin_procedure: procedure,
    exp_online_service: procedure && r.next() < 0.4,
    exp_feedback: feedback,
    exp_policy_consulted: r.next() < 0.2,
    exp_policy_meeting: r.next() < 0.35,
    exp_public_health: r.next() < 0.6,
    exp_public_school: r.next() < 0.4,
    priorities: Object.fromEntries(PRIORITIES.map((p) => [p, r.pick(['much_more', 'more', 'more', 'little'])])),
  };
  for (const q of POLICY) answers[q] = rating(r, eta - 0.1);
  if (procedure) for (const q of SERVICE) answers[q] = rating(r, eta + 0.1);
  if (feedback) for (const q of FEEDBACK) answers[q] = rating(r, eta - 0.3);
  answers.overall = rating(r, eta);
  return answers;
}

/**
 * A SIPAS-like wave drawn from a synthetic population: strata province × urban/rural, communes drawn
 * with PPS, about ten respondents each, unequal province samples, and non-response that over-represents
 * women and older people so that raking matters. Weights are 1 / (π_commune · m / N_commune).
 */
export function generateSyntheticWave(options: SyntheticWaveOptions): SyntheticWave {
  const r = new Random(options.seed);
  const shift = options.shift ?? 0;
  const communes: NewCommune[] = [];
  const responses: SyntheticResponse[] = [];
  const margins: SyntheticMargin[] = [];
  const frameUnits: SyntheticFrameUnit[] = [];
  const sqrtTotal = options.provinces.reduce((a, p) => a + Math.sqrt(p.population), 0);
  const fieldworkStart = Date.UTC(options.year, 8, 1);

  for (const province of options.provinces) {
    const adults = Math.round(province.population * 0.72);
    margins.push(
      { variable: 'sex', province: province.code, level: 'F', total: Math.round(adults * FEMALE_SHARE) },
      { variable: 'sex', province: province.code, level: 'M', total: adults - Math.round(adults * FEMALE_SHARE) },
      ...ageTotals(adults).map((total, k) => ({ variable: 'age_group' as const, province: province.code, level: AGE_GROUPS[k], total })),
    );
    const provinceEffect = 1.25 + 0.35 * r.normal();
    const floor = Math.min(200, Math.floor(options.respondents / options.provinces.length));
    const nProvince = Math.max(floor, Math.round((options.respondents * Math.sqrt(province.population)) / sqrtTotal));
    const urbanShare = province.isCity ? 0.65 : 0.2 + 0.2 * r.next();
    let serial = 0;
    for (const urban of [true, false]) {
      const stratumAdults = adults * (urban ? urbanShare : 1 - urbanShare);
      const frameSize = Math.max(8, Math.round(stratumAdults / 7000));
      const raw = Array.from({ length: frameSize }, () => Math.exp(0.5 * r.normal()));
      const scale = stratumAdults / raw.reduce((a, b) => a + b, 0);
      const frame: FrameCommune[] = raw.map((x) => {
        serial++;
        return {
          code: `${province.code}${String(serial).padStart(4, '0')}`,
          name: `${urban ? 'Phường' : 'Xã'} ${COMMUNE_NAMES[serial % COMMUNE_NAMES.length]} ${Math.ceil(serial / COMMUNE_NAMES.length)}`,
          adults: Math.max(300, Math.round(x * scale)),
          urban,
        };
      });
      const nStratum = Math.round(nProvince * (urban ? urbanShare : 1 - urbanShare));
      const m = Math.max(2, Math.round(nStratum / 10));
      const stratum = `${province.code}-${urban ? 'U' : 'R'}`;
      const drawn = selectPps(r, frame, m);
      const k = Math.max(4, Math.round(nStratum / m));
      const piOf = new Map(drawn.map(({ unit, pi }) => [unit.code, pi]));
      for (const u of frame) {
        const pi = piOf.get(u.code) ?? null;
        frameUnits.push({
          code: u.code, provinceCode: province.code, nameVi: u.name, urbanRural: urban ? 'urban' : 'rural', adults: u.adults,
          stratum, pi, selected: pi !== null, target: pi !== null ? k : null,
        });
      }
      for (const { unit, pi } of drawn) {
        communes.push({ code: unit.code, provinceCode: province.code, nameVi: unit.name, urbanRural: urban ? 'urban' : 'rural' });
        const communeEffect = 0.2 * r.normal();
        for (let j = 0; j < k; j++) {
          const ageIndex = r.weighted(AGE_SHARES.map((s, a) => s * AGE_PROPENSITY[a]));
          const sex = r.next() < (FEMALE_SHARE * FEMALE_PROPENSITY) / (FEMALE_SHARE * FEMALE_PROPENSITY + 1 - FEMALE_SHARE) ? 'F' : 'M';
          const eta = provinceEffect + communeEffect + 0.6 * r.normal() + 0.12 * ageIndex + (sex === 'F' ? 0.05 : 0) + shift;
          const started = fieldworkStart + r.int(0, 60 * 86400) * 1000;
          responses.push({
            id: uuid(r),
            provinceCode: province.code,
            communeCode: unit.code,
            stratum,
            psu: unit.code,
            baseWeight: 1 / (pi * (k / unit.adults)),
            answers: answersFor(r, eta, sex, AGE_GROUPS[ageIndex], urban),
            startedAt: new Date(started),
            submittedAt: new Date(started + Math.round(Math.exp(6.7 + 0.3 * r.normal())) * 1000),
          });
        }
      }
    }
  }
  return { communes, responses, margins, frame: frameUnits };
}
