import type { IndexDefinition } from '../surveys/index-definition';
import type { BilingualText, CatalogueQuestion } from '../surveys/question-catalogue';

export interface IndicatorInfo {
  id: string;
  kind: 'composite' | 'element' | 'overall';
  /** policy or service for elements; for composites, the composite's own id. */
  group: string | null;
  label: { vi: string; en: string };
}

/** The indicators a wave's questionnaire defines, composites first, as the dashboard lists them. */
export function indicatorsOf(def: IndexDefinition): IndicatorInfo[] {
  return [
    ...[...def.composites].reverse().map((c) => ({ id: c.id, kind: 'composite' as const, group: c.id, label: c.label })),
    ...def.elements.map((e) => ({ id: `elem_${e.id}`, kind: 'element' as const, group: e.group, label: e.label })),
    ...(def.overall ? [{
      id: 'overall', kind: 'overall' as const, group: null,
      label: { vi: 'Hài lòng chung về sự phục vụ', en: 'Overall satisfaction with the service' },
    }] : []),
  ];
}

/**
 * Names of every indicator a run of this questionnaire can hold, by id: composites, `elem_…`, `overall`,
 * and each `item_<statement>` named by its statement's wording. Screens show these, never the ids.
 */
export function indicatorNames(def: IndexDefinition, questions: readonly CatalogueQuestion[]): Record<string, BilingualText> {
  const names: Record<string, BilingualText> = Object.fromEntries(indicatorsOf(def).map((i) => [i.id, i.label]));
  const title = new Map(questions.map((q) => [q.name, q.title]));
  for (const element of def.elements) {
    element.items.forEach((statement, k) => {
      names[`item_${statement}`] = title.get(statement)
        ?? { vi: `${element.label.vi}: nhận định ${k + 1}`, en: `${element.label.en}: statement ${k + 1}` };
    });
  }
  return names;
}
