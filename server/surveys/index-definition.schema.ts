import { z } from 'zod';
import type { IndexComposite, IndexDefinition, IndexElement } from './index-definition';

/** The zod schema of the `sipasIndex` block (types and meaning in `index-definition.ts`). */
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
  satisfiedMin: z.number().int(),
  overall: z.string().min(1).optional(),
  elements: z.array(elementSchema).min(1),
  composites: z.array(compositeSchema).default([]),
});

// The plain types of index-definition.ts and the schema's must stay the same (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [Same<z.infer<typeof indexDefinitionSchema>, IndexDefinition>, Same<z.infer<typeof elementSchema>, IndexElement>, Same<z.infer<typeof compositeSchema>, IndexComposite>] = [true, true, true];
void agree;

/** Parses the `sipasIndex` block of a questionnaire JSON; throws a ZodError naming the bad path. */
export function parseIndexDefinition(questionnaire: unknown): IndexDefinition {
  const block = (questionnaire as { sipasIndex?: unknown } | null)?.sipasIndex;
  return indexDefinitionSchema.parse(block);
}
