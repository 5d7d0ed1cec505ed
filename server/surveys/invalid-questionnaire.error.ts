export interface QuestionnaireProblem {
  /** Where in the JSON, e.g. `pages.3.elements.0.visibleIf` or a question name. */
  path: string;
  message: string;
}

/** A questionnaire JSON the server cannot validate answers against; lists every problem at once. */
export class InvalidQuestionnaireError extends Error {
  override readonly name = 'InvalidQuestionnaireError';

  constructor(readonly problems: readonly QuestionnaireProblem[]) {
    super(`Invalid questionnaire:\n${problems.map((p) => `- ${p.path}: ${p.message}`).join('\n')}`);
  }
}
