import type { IndexDefinition } from './index-definition';
import type { CompiledCondition } from './validation-plan.conditions';
import type { ChoiceValue } from './questionnaire.schema';

/**
 * The types of a validation plan, in a leaf module that the compiler, the validator and the checks import
 * (`validation-plan.ts` re-exports them with the functions).
 */

/**
 * A questionnaire version compiled once into everything needed to check a response without building a
 * SurveyJS `Model` (≈12 ms each): field rules, precompiled conditions, the index block and a fingerprint.
 *
 * @example
 * const plan = compileValidationPlan(json);            // once per questionnaire version
 * const issues = validateAnswers(plan, body.answers, {  // per request
 *   externalChoices: { province: provinceCodes, commune: communeCodesOf(body.answers.province) },
 * });
 */
export interface ValidationPlan {
  readonly fields: readonly FieldRule[];
  readonly fieldsByName: ReadonlyMap<string, FieldRule>;
  /** Every distinct condition of the questionnaire, compiled once; fields refer to them by index. */
  readonly conditions: readonly CompiledCondition[];
  /** Select questions whose choices the platform fills at run time (empty `choices` in the JSON). */
  readonly externalChoiceFields: readonly string[];
  readonly indexDefinition: IndexDefinition;
  /** sha256 of the canonical JSON (keys sorted), equal to `questionnaireFingerprint(json)`. */
  readonly fingerprint: string;
}

export type FieldRule = RatingRule | ChoiceRule | ChoicesRule | BooleanRule | TextRule | MatrixRule;

interface FieldRuleBase {
  readonly name: string;
  /** The SurveyJS question type (`rating`, `dropdown`, `comment`, …). */
  readonly questionType: string;
  readonly title: { readonly vi: string; readonly en: string };
  readonly isRequired: boolean;
  /** When set, this condition alone decides whether the question is required (as in SurveyJS). */
  readonly requiredIf: number | null;
  /** Conditions of the page, every enclosing panel and the question; all must hold for it to be shown. */
  readonly visibleIf: readonly number[];
  readonly enableIf: readonly number[];
  /** `visible: false` on the question or a container. */
  readonly alwaysHidden: boolean;
  /** `readOnly: true` on the question or a container. */
  readonly alwaysReadOnly: boolean;
}

export interface RatingRule extends FieldRuleBase {
  readonly kind: 'rating';
  readonly values: readonly number[];
  readonly allowed: ReadonlySet<number>;
}

export interface ChoiceRule extends FieldRuleBase {
  readonly kind: 'choice';
  /** `null` for external choices, which the caller checks (`ValidationContext.externalChoices`). */
  readonly choices: readonly ChoiceValue[] | null;
  readonly allowed: ReadonlySet<ChoiceValue> | null;
}

export interface ChoicesRule extends FieldRuleBase {
  readonly kind: 'choices';
  readonly choices: readonly ChoiceValue[] | null;
  readonly allowed: ReadonlySet<ChoiceValue> | null;
  /** Choices that must be the only one selected (`isExclusive`). */
  readonly exclusive: ReadonlySet<ChoiceValue>;
  readonly minSelected: number;
  readonly maxSelected: number;
}

export interface BooleanRule extends FieldRuleBase {
  readonly kind: 'boolean';
  readonly valueTrue: unknown;
  readonly valueFalse: unknown;
}

export interface TextRule extends FieldRuleBase {
  readonly kind: 'text';
  readonly maxLength: number;
}

export interface MatrixRule extends FieldRuleBase {
  readonly kind: 'matrix';
  readonly rows: readonly string[];
  readonly rowSet: ReadonlySet<string>;
  readonly columns: ReadonlySet<ChoiceValue>;
  readonly eachRowRequired: boolean;
}

export type IssueRule =
  | 'unknown_field' | 'type' | 'out_of_range' | 'not_a_choice' | 'required' | 'hidden_answered' | 'too_long'
  | 'duplicate_choice' | 'exclusive_choice' | 'too_many_choices' | 'too_few_choices';

export interface ValidationIssue {
  /** The answer key, or `<matrix>.<row>` for a matrix row; `''` when the answers are not an object. */
  field: string;
  rule: IssueRule;
  /** Vietnamese, for respondents and staff. */
  message: string;
  messageEn: string;
}

export interface ValidationContext {
  /**
   * Allowed values of the external-choice fields (`plan.externalChoiceFields`), e.g. the wave's provinces
   * and the communes of the answered province. A field left out here is only type-checked.
   */
  externalChoices?: Readonly<Record<string, ReadonlySet<ChoiceValue>>>;
}

export interface FieldState {
  visible: boolean;
  enabled: boolean;
  required: boolean;
}
