import type { CompiledCondition } from './validation-plan.conditions';
import { checkAnswer, checkRowsAnswered, isEmptyAnswer, isEmptyOfWrongForm, isPlainObject } from './validation-plan.checks';
import { issues } from './validation-plan.messages';
import type { FieldRule, FieldState, ValidationContext, ValidationIssue, ValidationPlan } from './validation-plan.types';

type Answers = Readonly<Record<string, unknown>>;

/** Evaluates each condition at most once per response, and only when a field needs it. */
class ConditionResults {
  private readonly results: Int8Array;

  constructor(private readonly conditions: readonly CompiledCondition[], private readonly answers: Answers) {
    this.results = new Int8Array(conditions.length).fill(-1);
  }

  get(index: number): boolean {
    let result = this.results[index];
    if (result < 0) {
      result = this.conditions[index].evaluate(this.answers) ? 1 : 0;
      this.results[index] = result;
    }
    return result === 1;
  }

  all(indexes: readonly number[]): boolean {
    for (const index of indexes) if (!this.get(index)) return false;
    return true;
  }
}

function stateOf(field: FieldRule, results: ConditionResults): FieldState {
  const visible = !field.alwaysHidden && results.all(field.visibleIf);
  // SurveyJS skips every check of a read-only question, `isRequired` included.
  const enabled = !field.alwaysReadOnly && results.all(field.enableIf);
  const required = visible && enabled && (field.requiredIf === null ? field.isRequired : results.get(field.requiredIf));
  return { visible, enabled, required };
}

const own = (answers: Answers, name: string) => (Object.hasOwn(answers, name) ? answers[name] : undefined);

/**
 * Checks one response against a compiled questionnaire and returns every problem, one issue per offending
 * field and rule (an empty list means the response is valid). The questionnaire's own logic decides which
 * questions are shown, required and answerable, exactly as SurveyJS would in the browser.
 */
export function validateAnswers(plan: ValidationPlan, answers: unknown, context: ValidationContext = {}): ValidationIssue[] {
  if (!isPlainObject(answers)) return [issues.answersNotAnObject()];
  const out: ValidationIssue[] = [];
  for (const key of Object.keys(answers)) {
    if (!plan.fieldsByName.has(key)) out.push(issues.unknownField(key));
  }
  const results = new ConditionResults(plan.conditions, answers);
  for (const field of plan.fields) {
    const value = own(answers, field.name);
    const state = stateOf(field, results);
    if (isEmptyAnswer(value)) {
      if (isEmptyOfWrongForm(field.kind, value)) out.push(issues.type(field.name, field.title, field.kind, value));
      else if (state.required) out.push(issues.required(field.name, field.title));
      else if (field.kind === 'matrix' && field.eachRowRequired && state.visible && state.enabled) checkRowsAnswered(field, {}, out);
    } else if (!state.visible) {
      out.push(issues.hiddenAnswered(field.name, field.title));
    } else {
      checkAnswer(field, value, state.enabled, context, out);
    }
  }
  return out;
}

/** Which questions a response sees as visible, enabled and required; for previews and cross-checks. */
export function evaluateFieldStates(plan: ValidationPlan, answers: Answers): Map<string, FieldState> {
  const results = new ConditionResults(plan.conditions, answers);
  return new Map(plan.fields.map((field) => [field.name, stateOf(field, results)]));
}
