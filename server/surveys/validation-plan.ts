/**
 * A questionnaire version compiled once into everything needed to check a response without building a
 * SurveyJS `Model`: the public face of `validation-plan.*.ts`. The types live in `validation-plan.types.ts`.
 */
export type {
  ValidationPlan, FieldRule, RatingRule, ChoiceRule, ChoicesRule, BooleanRule, TextRule, MatrixRule, IssueRule,
  ValidationIssue, ValidationContext, FieldState,
} from './validation-plan.types';
export { compileValidationPlan, type CompileOptions } from './validation-plan.compile';
export { validateAnswers, evaluateFieldStates } from './validation-plan.validate';
export { InvalidQuestionnaireError } from './invalid-questionnaire.error';
