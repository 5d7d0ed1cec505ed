/** Where a household respondent's design weight comes from (METHOD.md §4). */
export interface CommuneDesign {
  /** π of the commune in the PPS draw. */
  probability: number;
  /** Adults in the commune (N, from the frame). */
  population: number;
  /** Respondents to interview in the commune (n, the plan's target). */
  target: number;
}

/**
 * Design weight 1 / (π_commune · π_person|commune) with π_person|commune = n / N: the number of adults a
 * respondent stands for. It uses the plan's target n, not the count achieved, so it is known when the
 * response arrives and is stored with it; non-response is left to raking.
 */
export function householdDesignWeight(c: CommuneDesign): number {
  return c.population / (c.probability * c.target);
}

/** The target of one commune: the plan's, but never more than the adults who live there. */
export function communeTarget(respondentsPerCommune: number, population: number): number {
  return Math.min(respondentsPerCommune, population);
}
