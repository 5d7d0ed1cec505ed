import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors/app-error';

const RULE_MESSAGES: Record<string, [string, string]> = {
  required: ['Thiếu trường bắt buộc', 'Required field is missing'],
  unknown_field: ['Trường không được phép', 'Unknown field'],
  type: ['Sai kiểu dữ liệu', 'Wrong type'],
  not_a_choice: ['Giá trị không nằm trong danh sách cho phép', 'Value is not one of the allowed values'],
  too_long: ['Giá trị quá dài hoặc quá lớn', 'Value is too long or too large'],
  too_short: ['Giá trị quá ngắn hoặc quá nhỏ', 'Value is too short or too small'],
  format: ['Sai định dạng', 'Wrong format'],
};

/** A FieldIssue with the standard Vietnamese and English message of its rule. */
export function fieldIssue(field: string, rule: string): FieldIssue {
  const [message, messageEn] = RULE_MESSAGES[rule] ?? RULE_MESSAGES.format;
  return { field, rule, message, messageEn };
}

function ruleOf(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type': return i.input === undefined ? 'required' : 'type';
    case 'invalid_value': return 'not_a_choice';
    case 'too_big': return 'too_long';
    case 'too_small': return 'too_short';
    default: return 'format';
  }
}

/**
 * Validates a request body (or query) against a zod schema at the edge; every problem becomes a
 * FieldIssue and the whole list a 422 problem.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new ValidationError(fieldIssuesOf(parsed.error));
}

/** Every problem zod found (parsed with `reportInput: true`), one FieldIssue per field and rule. */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((i) => i.code === 'unrecognized_keys'
    ? i.keys.map((k) => fieldIssue([...i.path, k].join('.'), 'unknown_field'))
    : [fieldIssue(i.path.join('.') || 'body', ruleOf(i))]);
}
