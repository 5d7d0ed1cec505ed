import type { QuestionnaireProblem } from './invalid-questionnaire.error';

/** A `visibleIf`/`enableIf`/`requiredIf` expression parsed once by survey-core's own expression engine. */
export interface CompiledCondition {
  readonly expression: string;
  /** Question names the expression reads (`{policy_interest.health_care}` reads `policy_interest`). */
  readonly questions: readonly string[];
  evaluate(answers: Readonly<Record<string, unknown>>): boolean;
}

function rootName(variable: string): string {
  return variable.split(/[.[]/, 1)[0];
}

function compile(expression: string): { condition: CompiledCondition; flaw: string | null } {
  // survey-core (~0.2 s of CPU to load) only when a questionnaire is compiled, not at every start.
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const { ConditionRunner } = require('survey-core') as typeof import('survey-core');
  const runner = new ConditionRunner(expression);
  const flaw = !runner.canRun() ? `cannot parse the expression "${expression}"`
    : runner.isAsync ? `"${expression}" calls an asynchronous function` : null;
  const condition: CompiledCondition = {
    expression,
    questions: [...new Set(runner.getVariables().map(rootName))],
    evaluate(answers) {
      try {
        return runner.runValues(answers as Record<string, unknown>);
      } catch {
        // Only malformed answers can make the engine throw; those answers are reported on their own.
        return false;
      }
    },
  };
  return { condition, flaw };
}

/**
 * Collects the questionnaire's conditions, compiling each distinct expression once, and checks that each
 * parses, runs synchronously and reads only questions of the questionnaire, spelled exactly as named
 * (survey-core would also match other letter cases; the questionnaire should not rely on that).
 */
export class ConditionTable {
  readonly conditions: CompiledCondition[] = [];
  readonly problems: QuestionnaireProblem[] = [];
  private readonly indexByExpression = new Map<string, number>();
  private readonly flaws: (string | null)[] = [];
  private readonly uses: { index: number; path: string }[] = [];

  add(expression: string, path: string): number {
    let index = this.indexByExpression.get(expression);
    if (index === undefined) {
      index = this.conditions.length;
      const { condition, flaw } = compile(expression);
      this.conditions.push(condition);
      this.flaws.push(flaw);
      this.indexByExpression.set(expression, index);
    }
    this.uses.push({ index, path });
    return index;
  }

  /** Call once every question name is known. */
  checkAgainst(questionNames: ReadonlySet<string>): void {
    for (const { index, path } of this.uses) {
      const { expression, questions } = this.conditions[index];
      const flaw = this.flaws[index];
      if (flaw) {
        this.problems.push({ path, message: flaw });
        continue;
      }
      for (const name of questions) {
        if (!questionNames.has(name)) this.problems.push({ path, message: `"${expression}" reads {${name}}, which is not a question` });
      }
    }
  }
}
