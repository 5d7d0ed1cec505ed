import { perceptionCatalogue, perceptionValues, type PerceptionValue } from '../perceptions/perceptions';
import { questionCatalogue, type BilingualText } from '../surveys/question-catalogue';

/** A categorical question whose answers the dashboard shows as weighted shares. */
export interface PerceptionQuestion {
  name: string;
  kind: 'single' | 'matrix';
  title: BilingualText;
  /** Answer options (a radiogroup's choices, a matrix's columns), in questionnaire order. */
  options: PerceptionValue[];
  /** A matrix's rows (e.g. the 10 improvement priorities); empty for a single question. */
  rows: PerceptionValue[];
}

/** The dashboard tallies single-choice and matrix questions only (see perceptions.repository). */
const TALLIED_TYPES = new Set(['radiogroup', 'dropdown', 'matrix']);

/**
 * The perception and expectation questions (PERCEPTION_QUESTIONS, METHOD.md §2) a questionnaire has, with
 * their labels from the question catalogue; others are skipped.
 */
export function perceptionQuestions(definition: unknown): PerceptionQuestion[] {
  return perceptionCatalogue(questionCatalogue(definition)).filter((q) => TALLIED_TYPES.has(q.type)).map((q) => ({
    name: q.name,
    kind: q.type === 'matrix' ? 'matrix' as const : 'single' as const,
    title: q.title,
    options: perceptionValues(q.values),
    rows: perceptionValues(q.rows),
  }));
}
