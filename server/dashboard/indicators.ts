import type { IndexDefinition } from '../surveys/index-definition';

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
