import type { FieldRule, IssueRule, ValidationIssue } from './validation-plan.types';

type Title = FieldRule['title'];

/** A short, safe rendering of an offending value for a message. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const list = (values: readonly unknown[]) => values.map(shown).join(', ');

/** What a field of each kind expects, for `type` messages. */
const expected: Record<FieldRule['kind'], { vi: string; en: string }> = {
  rating: { vi: 'một số trên thang điểm', en: 'a number on the scale' },
  choice: { vi: 'một lựa chọn', en: 'one choice' },
  choices: { vi: 'một danh sách lựa chọn', en: 'a list of choices' },
  boolean: { vi: 'có hoặc không', en: 'yes or no' },
  text: { vi: 'một đoạn chữ', en: 'text' },
  matrix: { vi: 'một câu trả lời cho từng dòng', en: 'an answer per row' },
};

function make(field: string, rule: IssueRule, message: string, messageEn: string): ValidationIssue {
  return { field, rule, message, messageEn };
}

export const issues = {
  answersNotAnObject: () =>
    make('', 'type', 'Các câu trả lời phải được gửi dưới dạng một đối tượng JSON.', 'The answers must be a JSON object.'),
  unknownField: (field: string) =>
    make(field, 'unknown_field', `“${field}” không phải là câu hỏi của phiếu này.`, `“${field}” is not a question of this questionnaire.`),
  unknownRow: (field: string, title: Title) =>
    make(field, 'unknown_field', `“${field}” không phải là một dòng của câu hỏi “${title.vi}”.`, `“${field}” is not a row of “${title.en}”.`),
  required: (field: string, title: Title) =>
    make(field, 'required', `Xin trả lời câu hỏi “${title.vi}”.`, `Please answer “${title.en}”.`),
  hiddenAnswered: (field: string, title: Title) =>
    make(field, 'hidden_answered',
      `Câu hỏi “${title.vi}” không áp dụng với các câu trả lời trước đó nên phải để trống.`,
      `“${title.en}” does not apply given the earlier answers, so it must be left unanswered.`),
  type: (field: string, title: Title, kind: FieldRule['kind'], value: unknown) =>
    make(field, 'type',
      `Câu trả lời “${shown(value)}” cho “${title.vi}” không đúng dạng: cần ${expected[kind].vi}.`,
      `The answer “${shown(value)}” to “${title.en}” has the wrong form: expected ${expected[kind].en}.`),
  outOfRange: (field: string, title: Title, value: unknown, allowed: readonly number[]) =>
    make(field, 'out_of_range',
      `Giá trị ${shown(value)} không thuộc thang điểm (${list(allowed)}) của “${title.vi}”.`,
      `${shown(value)} is not on the scale (${list(allowed)}) of “${title.en}”.`),
  notAChoice: (field: string, title: Title, values: readonly unknown[]) =>
    make(field, 'not_a_choice',
      `“${list(values)}” không phải là lựa chọn của câu hỏi “${title.vi}”.`,
      `“${list(values)}” is not a choice of “${title.en}”.`),
  duplicateChoice: (field: string, title: Title, values: readonly unknown[]) =>
    make(field, 'duplicate_choice',
      `Lựa chọn “${list(values)}” bị lặp lại ở câu hỏi “${title.vi}”.`,
      `“${list(values)}” is selected more than once in “${title.en}”.`),
  exclusiveChoice: (field: string, title: Title, values: readonly unknown[]) =>
    make(field, 'exclusive_choice',
      `Lựa chọn “${list(values)}” không thể chọn cùng các lựa chọn khác ở câu hỏi “${title.vi}”.`,
      `“${list(values)}” cannot be combined with other choices in “${title.en}”.`),
  tooManyChoices: (field: string, title: Title, max: number) =>
    make(field, 'too_many_choices',
      `Câu hỏi “${title.vi}” chỉ cho phép chọn tối đa ${max} lựa chọn.`,
      `Choose at most ${max} options for “${title.en}”.`),
  tooFewChoices: (field: string, title: Title, min: number) =>
    make(field, 'too_few_choices',
      `Câu hỏi “${title.vi}” cần chọn ít nhất ${min} lựa chọn.`,
      `Choose at least ${min} options for “${title.en}”.`),
  tooLong: (field: string, title: Title, length: number, max: number) =>
    make(field, 'too_long',
      `Câu trả lời cho “${title.vi}” dài ${length} ký tự, vượt quá giới hạn ${max} ký tự.`,
      `The answer to “${title.en}” is ${length} characters long, over the limit of ${max}.`),
};
