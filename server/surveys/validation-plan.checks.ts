import type { ChoiceValue } from './questionnaire.schema';
import { issues } from './validation-plan.messages';
import type {
  ChoiceRule, ChoicesRule, FieldRule, MatrixRule, ValidationContext, ValidationIssue,
} from './validation-plan.types';

type Answers = Readonly<Record<string, unknown>>;

export function isPlainObject(value: unknown): value is Answers {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Empty as SurveyJS counts it: nothing, blank text, an empty list, or an object of empty values. */
export function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) {
    for (const key in value) if (!isEmptyAnswer(value[key])) return false;
    return true;
  }
  return false;
}

/**
 * An empty answer whose form still does not fit the question (`[]` for a single choice, `{}` or `""` for a
 * rating, …): refused as a wrong type rather than silently stored as "unanswered".
 */
export function isEmptyOfWrongForm(kind: FieldRule['kind'], value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return kind !== 'choices';
  if (isPlainObject(value)) return kind !== 'matrix';
  return kind === 'rating' || kind === 'boolean' || kind === 'choices' || kind === 'matrix';
}

const isChoiceValue = (v: unknown): v is ChoiceValue => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

function allowedFor(field: ChoiceRule | ChoicesRule, context: ValidationContext): ReadonlySet<ChoiceValue> | undefined {
  return field.allowed ?? context.externalChoices?.[field.name];
}

function checkChoices(field: ChoicesRule, value: unknown, context: ValidationContext, out: ValidationIssue[]): void {
  const { name, title } = field;
  if (!Array.isArray(value) || !value.every(isChoiceValue)) {
    out.push(issues.type(name, title, field.kind, value));
    return;
  }
  const allowed = allowedFor(field, context);
  const unknown = allowed ? value.filter((v) => !allowed.has(v)) : [];
  if (unknown.length) out.push(issues.notAChoice(name, title, unknown));
  const seen = new Set<ChoiceValue>(value);
  if (seen.size < value.length) out.push(issues.duplicateChoice(name, title, value.filter((v, i) => value.indexOf(v) !== i)));
  const exclusive = value.filter((v) => field.exclusive.has(v));
  if (exclusive.length && seen.size > 1) out.push(issues.exclusiveChoice(name, title, exclusive));
  if (seen.size > field.maxSelected) out.push(issues.tooManyChoices(name, title, field.maxSelected));
  if (seen.size < field.minSelected) out.push(issues.tooFewChoices(name, title, field.minSelected));
}

function checkMatrix(field: MatrixRule, value: unknown, enabled: boolean, out: ValidationIssue[]): void {
  if (!isPlainObject(value)) {
    out.push(issues.type(field.name, field.title, field.kind, value));
    return;
  }
  for (const row of Object.keys(value)) {
    const cell = value[row];
    const path = `${field.name}.${row}`;
    if (!field.rowSet.has(row)) out.push(issues.unknownRow(path, field.title));
    else if (isEmptyAnswer(cell)) continue;
    else if (!isChoiceValue(cell)) out.push(issues.type(path, field.title, 'choice', cell));
    else if (!field.columns.has(cell)) out.push(issues.notAChoice(path, field.title, [cell]));
  }
  if (field.eachRowRequired && enabled) checkRowsAnswered(field, value, out);
}

export function checkRowsAnswered(field: MatrixRule, value: Answers, out: ValidationIssue[]): void {
  for (const row of field.rows) {
    if (isEmptyAnswer(value[row])) out.push(issues.required(`${field.name}.${row}`, field.title));
  }
}

/** Checks a non-empty answer to a visible question against its rule, appending one issue per problem. */
export function checkAnswer(
  field: FieldRule, value: unknown, enabled: boolean, context: ValidationContext, out: ValidationIssue[],
): void {
  const { name, title } = field;
  switch (field.kind) {
    case 'rating':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push(issues.type(name, title, field.kind, value));
      else if (!field.allowed.has(value)) out.push(issues.outOfRange(name, title, value, field.values));
      return;
    case 'choice': {
      if (!isChoiceValue(value)) return void out.push(issues.type(name, title, field.kind, value));
      const allowed = allowedFor(field, context);
      if (allowed && !allowed.has(value)) out.push(issues.notAChoice(name, title, [value]));
      return;
    }
    case 'choices':
      return checkChoices(field, value, context, out);
    case 'boolean':
      if (value !== field.valueTrue && value !== field.valueFalse) out.push(issues.type(name, title, field.kind, value));
      return;
    case 'text':
      if (typeof value !== 'string') out.push(issues.type(name, title, field.kind, value));
      else if (value.length > field.maxLength) out.push(issues.tooLong(name, title, value.length, field.maxLength));
      return;
    case 'matrix':
      return checkMatrix(field, value, enabled, out);
  }
}
