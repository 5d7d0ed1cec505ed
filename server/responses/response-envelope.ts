import { z } from 'zod';
import type { FieldIssue } from '../errors/app-error';
import { fieldIssue, fieldIssuesOf } from '../http/parse-body';

/** What a client posts: the answers plus what the platform needs to store them exactly once. */
export const responseEnvelopeSchema = z.strictObject({
  id: z.uuid(),
  channel: z.enum(['kiosk', 'phone', 'web', 'paper']).default('web'),
  // A JSON object: its keys are strings already, and validation-plan checks each answer (a record schema would
  // parse all sixty-odd keys and values a second time on every response).
  answers: z.custom<Record<string, unknown>>().superRefine((v, ctx) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) ctx.addIssue({ code: 'invalid_type', expected: 'record', input: v });
  }),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  submittedAt: z.iso.datetime({ offset: true }).optional(),
  deviceId: z.string().min(1).max(100).optional(),
  questionnaireVersion: z.number().int().positive().optional(),
  /** The one-time code of a household invitation (invitations/): the response takes the code's place and weight. */
  invitationCode: z.string().trim().min(1).max(40).optional(),
});

export type ResponseEnvelope = z.infer<typeof responseEnvelopeSchema>;

const SUBMITTED_BEFORE_START: FieldIssue = {
  field: 'submittedAt', rule: 'order',
  message: 'Thời điểm nộp trước thời điểm bắt đầu', messageEn: 'Submitted before it was started',
};

/** Validates the envelope; every problem becomes a FieldIssue naming the field and rule. */
export function parseEnvelope(body: unknown): { envelope?: ResponseEnvelope; issues: FieldIssue[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { issues: [fieldIssue('body', 'type')] };
  const parsed = responseEnvelopeSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return { issues: fieldIssuesOf(parsed.error) };
  const envelope = parsed.data;
  if (envelope.startedAt && envelope.submittedAt && Date.parse(envelope.submittedAt) < Date.parse(envelope.startedAt)) {
    return { issues: [SUBMITTED_BEFORE_START] };
  }
  return { envelope, issues: [] };
}
