import { randomUUID } from 'node:crypto';

const rate = (names: string[], value = 4) => Object.fromEntries(names.map((n) => [n, value]));
const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}_${i + 1}`);

export const POLICY_STATEMENTS = [
  ...range('q_policy_info', 2), ...range('q_policy_participation', 2),
  ...range('q_policy_quality', 9), ...range('q_policy_impact', 2),
];
export const SERVICE_STATEMENTS = [
  ...range('q_access', 4), ...range('q_procedure', 4), ...range('q_staff', 5), ...range('q_result', 3),
];
export const FEEDBACK_STATEMENTS = range('q_feedback', 3);

export interface AnswerOptions {
  /** Handled an administrative procedure in the last 12 months (shows part D). */
  procedure?: boolean;
  /** Lodged feedback (shows the feedback element; needs `procedure`). */
  feedback?: boolean;
  province?: string;
  commune?: string;
}

/** A complete, valid SIPAS answer set; override any key to make it invalid. */
export function sipasAnswers(options: AnswerOptions = {}, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const procedure = options.procedure ?? true;
  const feedback = procedure && (options.feedback ?? false);
  return {
    province: options.province ?? '01',
    commune: options.commune ?? '00001',
    village: 'Thôn Đông',
    sex: 'F',
    age_group: '30-39',
    ethnicity: 'kinh',
    education: 'university',
    occupation: 'public_sector',
    urban_rural: 'urban',
    terrain: 'delta',
    policy_interest: { economic_development: 'high', health_care: 'some' },
    policy_channels: ['television', 'social_media'],
    opinion_willingness: 'willing',
    harassment: 'none',
    informal_payments: 'none',
    preferred_service_channel: 'both',
    preferred_policy_channel: 'television',
    exp_admin_procedure: procedure,
    exp_online_service: false,
    exp_feedback: feedback,
    exp_policy_consulted: false,
    exp_policy_meeting: true,
    exp_public_health: true,
    exp_public_school: false,
    ...rate(POLICY_STATEMENTS, 4),
    ...(procedure ? rate(SERVICE_STATEMENTS, 5) : {}),
    ...(feedback ? rate(FEEDBACK_STATEMENTS, 3) : {}),
    overall: 4,
    priorities: { information: 'more', digital_services: 'much_more' },
    comment: 'Cán bộ nhiệt tình, nhưng phải chờ lâu.',
    ...overrides,
  };
}

/** The envelope a client posts around the answers. */
export function responseBody(answers = sipasAnswers(), overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    channel: 'web',
    answers,
    startedAt: '2026-03-01T08:00:00.000Z',
    submittedAt: '2026-03-01T08:14:30.000Z',
    ...overrides,
  };
}
