/** Text in both languages; English falls back to Vietnamese. */
export interface Bilingual { vi: string; en: string }
export interface Labelled { value: string; label: Bilingual }

/** A categorical question whose answers the dashboard shows as weighted shares. */
export interface PerceptionQuestion {
  name: string;
  kind: 'single' | 'matrix';
  title: Bilingual;
  /** Answer options (a radiogroup's choices, a matrix's columns), in questionnaire order. */
  options: Labelled[];
  /** A matrix's rows (e.g. the 10 improvement priorities); empty for a single question. */
  rows: Labelled[];
}

/** Part B perceptions and part F expectations of the SIPAS form (METHOD.md §2). */
export const PERCEPTION_NAMES = ['harassment', 'informal_payments', 'preferred_service_channel', 'preferred_policy_channel', 'priorities'];

type Json = Record<string, unknown>;

function bilingual(value: unknown, fallback: string): Bilingual {
  if (typeof value === 'string') return { vi: value, en: value };
  if (value && typeof value === 'object') {
    const v = value as Record<string, string>;
    const vi = v.default ?? v.vi ?? fallback;
    return { vi, en: v.en ?? vi };
  }
  return { vi: fallback, en: fallback };
}

function labelled(items: unknown): Labelled[] {
  return (Array.isArray(items) ? items : []).map((item) => (item && typeof item === 'object'
    ? { value: String((item as Json).value), label: bilingual((item as Json).text, String((item as Json).value)) }
    : { value: String(item), label: bilingual(undefined, String(item)) }));
}

function* elementsOf(container: Json): Generator<Json> {
  for (const element of (container.elements ?? container.pages ?? []) as Json[]) {
    yield element;
    if (element.elements) yield* elementsOf(element);
  }
}

/** The perception and expectation questions a questionnaire has, with their labels; others are skipped. */
export function perceptionQuestions(definition: unknown): PerceptionQuestion[] {
  const byName = new Map<string, Json>();
  for (const element of elementsOf(definition as Json)) if (typeof element.name === 'string') byName.set(element.name, element);
  return PERCEPTION_NAMES.flatMap((name) => {
    const q = byName.get(name);
    if (!q || (q.type !== 'radiogroup' && q.type !== 'dropdown' && q.type !== 'matrix')) return [];
    const matrix = q.type === 'matrix';
    return [{
      name, kind: matrix ? 'matrix' as const : 'single' as const, title: bilingual(q.title, name),
      options: labelled(matrix ? q.columns : q.choices), rows: matrix ? labelled(q.rows) : [],
    }];
  });
}
