import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SURVEYS_DIR = path.resolve(__dirname, '../../../surveys');

export type Json = Record<string, unknown>;

/** Every questionnaire shipped in `surveys/`, by file name. */
export function questionnaireFiles(): string[] {
  return readdirSync(SURVEYS_DIR).filter((f) => f.endsWith('.json')).sort();
}

export function loadQuestionnaire(file: string): Json {
  return JSON.parse(readFileSync(path.join(SURVEYS_DIR, file), 'utf8')) as Json;
}

const ratings = (names: string[], value = 4) => Object.fromEntries(names.map((n) => [n, value]));
const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, k) => `${prefix}_${k + 1}`);

export const PART_D_STATEMENTS = [
  ...numbered('q_access', 4), ...numbered('q_procedure', 4), ...numbered('q_staff', 5), ...numbered('q_result', 3),
];
export const FEEDBACK_STATEMENTS = numbered('q_feedback', 3);
export const POLICY_STATEMENTS = [
  ...numbered('q_policy_info', 2), ...numbered('q_policy_participation', 2), ...numbered('q_policy_quality', 9),
  ...numbered('q_policy_impact', 2),
];

export const GEOGRAPHY = {
  province: new Set(['01', '79']),
  commune: new Set(['00004', '00007']),
};

/**
 * A complete, valid SIPAS 2023 response from someone who handled a procedure and lodged feedback.
 * `partD: false` drops part D (and feedback); `feedback: false` drops only the feedback statements.
 */
export function sipasResponse(
  { partD = true, feedback = true }: { partD?: boolean; feedback?: boolean } = {},
  overrides: Json = {},
): Json {
  return {
    province: '01', commune: '00004', village: 'Tổ dân phố số 5', sex: 'F', age_group: '30-39',
    ethnicity: 'kinh', education: 'university', occupation: 'self_employed', urban_rural: 'urban', terrain: 'delta',
    policy_interest: { economic_development: 'high', health_care: 'some', clean_water: 'none' },
    policy_channels: ['television', 'social_media'],
    opinion_willingness: 'willing', harassment: 'none', informal_payments: 'some',
    preferred_service_channel: 'both', preferred_policy_channel: 'online_news',
    exp_admin_procedure: partD, exp_online_service: true, exp_feedback: partD && feedback,
    exp_policy_consulted: false, exp_policy_meeting: true, exp_public_health: true, exp_public_school: false,
    ...ratings(POLICY_STATEMENTS, 4),
    ...(partD ? ratings(PART_D_STATEMENTS, 5) : {}),
    ...(partD && feedback ? ratings(FEEDBACK_STATEMENTS, 3) : {}),
    overall: 4,
    priorities: { information: 'more', digital_services: 'much_more', transparency: 'little' },
    comment: 'Mong cơ quan rút ngắn thời gian chờ.',
    ...overrides,
  };
}

/** A complete, valid kiosk response. */
export function servicePointResponse({ feedback = false }: { feedback?: boolean } = {}, overrides: Json = {}): Json {
  return {
    service_point: 'HN-001',
    ...ratings(['q_access_1', 'q_access_3', 'q_procedure_3', 'q_procedure_4', 'q_staff_1', 'q_staff_3', 'q_result_1', 'q_result_2'], 5),
    exp_feedback: feedback,
    ...(feedback ? ratings(['q_feedback_2', 'q_feedback_3'], 2) : {}),
    overall: 5,
    ...overrides,
  };
}

/** Applies overrides; an `undefined` override removes the key. */
export function withAnswers(base: Json, overrides: Json): Json {
  const answers = { ...base, ...overrides };
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete answers[key];
  return answers;
}
