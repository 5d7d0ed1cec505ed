import { z } from 'zod';

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
 */
const elementSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  group: z.enum(['policy', 'service']),
  label: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
  items: z.array(z.string().min(1)).min(1),
});

const compositeSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
  parts: z.array(z.string().min(1)).min(1),
});

export const indexDefinitionSchema = z.object({
  scale: z.object({ min: z.number().int(), max: z.number().int() }),
  /** An answer at or above this value counts as satisfied. */
  satisfiedMin: z.number().int(),
  /** Name of the overall-satisfaction statement, if the questionnaire has one. */
  overall: z.string().min(1).optional(),
  elements: z.array(elementSchema).min(1),
  composites: z.array(compositeSchema).default([]),
});

export type IndexDefinition = z.infer<typeof indexDefinitionSchema>;
export type IndexElement = z.infer<typeof elementSchema>;
export type IndexComposite = z.infer<typeof compositeSchema>;

/** Parses the `sipasIndex` block of a questionnaire JSON; throws a ZodError naming the bad path. */
export function parseIndexDefinition(questionnaire: unknown): IndexDefinition {
  const block = (questionnaire as { sipasIndex?: unknown } | null)?.sipasIndex;
  return indexDefinitionSchema.parse(block);
}

/** Every statement name the block refers to (element items and `overall`). */
export function statementNames(def: IndexDefinition): string[] {
  const names = def.elements.flatMap((e) => e.items);
  return def.overall ? [def.overall, ...names] : names;
}
