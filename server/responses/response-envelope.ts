import { z } from 'zod';
import type { FieldIssue } from '../errors/app-error';

/** What a client posts: the answers plus what the platform needs to store them exactly once. */
export const responseEnvelopeSchema = z.strictObject({
  id: z.uuid(),
  channel: z.enum(['kiosk', 'phone', 'web', 'paper']).default('web'),
  answers: z.record(z.string(), z.unknown()),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  submittedAt: z.iso.datetime({ offset: true }).optional(),
  deviceId: z.string().min(1).max(100).optional(),
  questionnaireVersion: z.number().int().positive().optional(),
  /** The one-time code of a household invitation (invitations/): the response takes the code's place and weight. */
  invitationCode: z.string().trim().min(1).max(40).optional(),
});

export type ResponseEnvelope = z.infer<typeof responseEnvelopeSchema>;

const RULE_MESSAGES: Record<string, [string, string]> = {
  required: ['Thiếu trường bắt buộc', 'Required field is missing'],
  unknown_field: ['Trường không được phép', 'Unknown field'],
  format: ['Sai định dạng', 'Wrong format'],
  type: ['Sai kiểu dữ liệu', 'Wrong type'],
  not_a_choice: ['Giá trị không nằm trong danh sách cho phép', 'Value is not one of the allowed values'],
  too_long: ['Giá trị quá dài', 'Value is too long'],
  order: ['Thời điểm nộp trước thời điểm bắt đầu', 'Submitted before it was started'],
};

function issue(field: string, rule: string): FieldIssue {
  const [message, messageEn] = RULE_MESSAGES[rule] ?? RULE_MESSAGES.format;
  return { field, rule, message, messageEn };
}

function ruleOf(zodIssue: z.core.$ZodIssue): string {
  switch (zodIssue.code) {
    case 'invalid_type': return zodIssue.input === undefined ? 'required' : 'type';
    case 'invalid_value': return 'not_a_choice';
    case 'unrecognized_keys': return 'unknown_field';
    case 'too_big': return 'too_long';
    default: return 'format';
  }
}

/** Validates the envelope; every problem becomes a FieldIssue naming the field and rule. */
export function parseEnvelope(body: unknown): { envelope?: ResponseEnvelope; issues: FieldIssue[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { issues: [issue('body', 'type')] };
  const parsed = responseEnvelopeSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => issue([...i.path, k].join('.'), 'unknown_field'))
        : [issue(i.path.join('.') || 'body', ruleOf(i))]);
    return { issues };
  }
  const envelope = parsed.data;
  if (envelope.startedAt && envelope.submittedAt && Date.parse(envelope.submittedAt) < Date.parse(envelope.startedAt)) {
    return { issues: [issue('submittedAt', 'order')] };
  }
  return { envelope, issues: [] };
}
