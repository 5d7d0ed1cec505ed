import type { IndexDefinition } from './index-definition';
import type { QuestionnaireProblem } from './invalid-questionnaire.error';
import type { FieldRule } from './validation-plan.types';

/**
 * Checks the `sipasIndex` block against the questionnaire it sits in: every statement is a rating question
 * on exactly the block's scale, used by one element only, and every composite is built from elements or
 * from composites listed before it (so there are no cycles).
 */
export function indexDefinitionProblems(def: IndexDefinition, fields: readonly FieldRule[]): QuestionnaireProblem[] {
  const problems: QuestionnaireProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path: `sipasIndex.${path}`, message });
  const byName = new Map(fields.map((f) => [f.name, f]));
  const scale = Array.from({ length: def.scale.max - def.scale.min + 1 }, (_, k) => def.scale.min + k);

  if (scale.length < 2) add('scale', 'the scale needs at least two points');
  if (def.satisfiedMin <= def.scale.min || def.satisfiedMin > def.scale.max) {
    add('satisfiedMin', `must lie above ${def.scale.min} and at most ${def.scale.max}`);
  }

  const checkStatement = (name: string, path: string) => {
    const field = byName.get(name);
    if (field?.kind !== 'rating') return add(path, `"${name}" is not a rating question of this questionnaire`);
    const onScale = field.values.length === scale.length && scale.every((v) => field.allowed.has(v));
    if (!onScale) add(path, `"${name}" is rated ${field.values.join(', ')}, not ${def.scale.min}–${def.scale.max}`);
  };
  if (def.overall) checkStatement(def.overall, 'overall');

  const owner = new Map<string, string>();
  const indicators = new Set<string>();
  def.elements.forEach((element, i) => {
    if (indicators.has(`elem_${element.id}`)) add(`elements.${i}.id`, `element "${element.id}" is defined twice`);
    indicators.add(`elem_${element.id}`);
    element.items.forEach((item, j) => {
      checkStatement(item, `elements.${i}.items.${j}`);
      const previous = owner.get(item);
      if (previous) add(`elements.${i}.items.${j}`, `"${item}" already belongs to element "${previous}"`);
      owner.set(item, element.id);
    });
  });

  def.composites.forEach((composite, i) => {
    composite.parts.forEach((part, j) => {
      if (!indicators.has(part)) add(`composites.${i}.parts.${j}`, `"${part}" is neither an element indicator nor an earlier composite`);
    });
    if (indicators.has(composite.id)) add(`composites.${i}.id`, `"${composite.id}" is already an indicator`);
    indicators.add(composite.id);
  });
  return problems;
}
