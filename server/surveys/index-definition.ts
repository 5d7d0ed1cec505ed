/**
 * The machine-readable index block every questionnaire carries under the top-level key `sipasIndex`
 * (METHOD.md §3). The estimation engine reads only this block, so a province can run a variant of the
 * questionnaire without code changes.
 *
 * Indicator names derived from it:
 * - `item_<statement>` for every statement of every element,
 * - `elem_<element id>` for every element,
 * - `overall` when `overall` is set,
 * - every composite id (e.g. `service`, `policy`, `sipas`); a composite's parts name indicators
 *   (`elem_*` or other composites).
 *
 * The types are plain here and the zod schema that parses a block is in `index-definition.schema.ts` (which
 * checks that both agree): the estimation engine and the `sipas estimate` CLI use the SIPAS default block
 * without loading zod (~65 ms of a CLI run).
 */
export interface IndexElement {
  id: string;
  group: 'policy' | 'service';
  label: { vi: string; en: string };
  items: string[];
}

export interface IndexComposite {
  id: string;
  label: { vi: string; en: string };
  parts: string[];
}

export interface IndexDefinition {
  scale: { min: number; max: number };
  /** An answer at or above this value counts as satisfied. */
  satisfiedMin: number;
  /** Name of the overall-satisfaction statement, if the questionnaire has one. */
  overall?: string | undefined;
  elements: IndexElement[];
  composites: IndexComposite[];
}

/** Every statement name the block refers to (element items and `overall`). */
export function statementNames(def: IndexDefinition): string[] {
  const names = def.elements.flatMap((e) => e.items);
  return def.overall ? [def.overall, ...names] : names;
}
