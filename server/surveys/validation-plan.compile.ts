import { ZodError } from 'zod';
import { questionnaireFingerprint } from './fingerprint';
import type { IndexDefinition } from './index-definition';
import { parseIndexDefinition } from './index-definition.schema';
import { indexDefinitionProblems } from './index-definition.consistency';
import { InvalidQuestionnaireError, type QuestionnaireProblem } from './invalid-questionnaire.error';
import { questionnaireSchema } from './questionnaire.schema';
import { ConditionTable } from './validation-plan.conditions';
import { FieldCollector } from './validation-plan.fields';
import type { ValidationPlan } from './validation-plan.types';

export interface CompileOptions {
  /**
   * Longest accepted answer to a text or comment question that sets no `maxLength` of its own (nor the
   * survey a `maxTextLength`/`maxCommentLength`).
   * @default 2000
   */
  defaultMaxLength?: number;
}

function zodProblems(error: ZodError, prefix?: string): QuestionnaireProblem[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path].filter((part) => part !== undefined).join('.'),
    message: issue.message,
  }));
}

function indexBlock(json: unknown): { definition?: IndexDefinition; problems: QuestionnaireProblem[] } {
  try {
    return { definition: parseIndexDefinition(json), problems: [] };
  } catch (error) {
    if (error instanceof ZodError) return { problems: zodProblems(error, 'sipasIndex') };
    throw error;
  }
}

const positive = (n: number | undefined) => (n !== undefined && n > 0 ? n : undefined);

/**
 * Compiles a questionnaire JSON into a `ValidationPlan`. Run it once per questionnaire version and keep the
 * result: it parses every condition with survey-core's expression engine, which is the costly part.
 *
 * @throws InvalidQuestionnaireError listing every problem found (unsupported feature, unknown question in
 *   a condition, index block not matching the questions, …).
 */
export function compileValidationPlan(json: unknown, options: CompileOptions = {}): ValidationPlan {
  const parsed = questionnaireSchema.safeParse(json);
  const index = indexBlock(json);
  if (!parsed.success || !index.definition) {
    throw new InvalidQuestionnaireError([...(parsed.error ? zodProblems(parsed.error) : []), ...index.problems]);
  }

  const fallback = options.defaultMaxLength ?? 2000;
  const conditions = new ConditionTable();
  const collector = new FieldCollector(conditions, {
    text: positive(parsed.data.maxTextLength) ?? fallback,
    comment: positive(parsed.data.maxCommentLength) ?? fallback,
  });
  collector.collect(parsed.data);
  conditions.checkAgainst(new Set(collector.fields.map((f) => f.name)));
  const problems = [
    ...collector.problems, ...conditions.problems, ...indexDefinitionProblems(index.definition, collector.fields),
  ];
  if (problems.length) throw new InvalidQuestionnaireError(problems);

  const fields = collector.fields;
  return {
    fields,
    fieldsByName: new Map(fields.map((f) => [f.name, f])),
    conditions: conditions.conditions,
    externalChoiceFields: fields.filter((f) => (f.kind === 'choice' || f.kind === 'choices') && !f.allowed).map((f) => f.name),
    indexDefinition: index.definition,
    fingerprint: questionnaireFingerprint(json),
  };
}
