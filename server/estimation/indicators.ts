import type { IndexDefinition } from '../surveys/index-definition';
import { MISSING_ANSWER, MISSING_INDICATOR } from './types';

// Local copies: an imported binding is read through a getter once compiled to CommonJS, which is slow in hot loops.
const NO_ANSWER: number = MISSING_ANSWER;
const MISSING_Y: number = MISSING_INDICATOR;

/** An indicator computed row by row from statements: satisfied (1), not satisfied (0) or missing. */
export interface BaseIndicator {
  kind: 'base';
  name: string;
  statements: string[];
}

/**
 * An equal-weight mean of other indicators (METHOD.md §3), flattened to base indicators: a composite of
 * composites (`sipas` = mean of `policy` and `service`) becomes one linear combination.
 */
export interface CompositeIndicator {
  kind: 'composite';
  name: string;
  parts: { name: string; coefficient: number }[];
}

export type Indicator = BaseIndicator | CompositeIndicator;

/**
 * The indicators the index block defines that the available statements allow, in publication order:
 * `overall`, elements, composites, then (when asked) items. An element needs all of its statements; a
 * composite needs all of its parts.
 */
export function resolveIndicators(
  def: IndexDefinition,
  availableStatements: ReadonlySet<string>,
  includeItems: boolean,
): Indicator[] {
  const base = new Map<string, BaseIndicator>();
  if (def.overall && availableStatements.has(def.overall)) {
    base.set('overall', { kind: 'base', name: 'overall', statements: [def.overall] });
  }
  for (const element of def.elements) {
    if (element.items.every((s) => availableStatements.has(s))) {
      base.set(`elem_${element.id}`, { kind: 'base', name: `elem_${element.id}`, statements: element.items });
    }
  }
  const composites = resolveComposites(def, base);
  const items: BaseIndicator[] = [];
  if (includeItems) {
    for (const statement of def.elements.flatMap((e) => e.items)) {
      if (availableStatements.has(statement)) {
        items.push({ kind: 'base', name: `item_${statement}`, statements: [statement] });
      }
    }
  }
  return [...base.values(), ...composites, ...items];
}

function resolveComposites(def: IndexDefinition, base: Map<string, BaseIndicator>): CompositeIndicator[] {
  const byId = new Map(def.composites.map((c) => [c.id, c]));
  const memo = new Map<string, Map<string, number> | null>();
  const flatten = (name: string, seen: Set<string>): Map<string, number> | null => {
    if (base.has(name)) return new Map([[name, 1]]);
    const composite = byId.get(name);
    if (!composite || seen.has(name)) return null;
    if (memo.has(name)) return memo.get(name)!;
    const sum = new Map<string, number>();
    for (const part of composite.parts) {
      const flat = flatten(part, new Set([...seen, name]));
      if (!flat) {
        memo.set(name, null);
        return null;
      }
      for (const [baseName, coefficient] of flat) {
        sum.set(baseName, (sum.get(baseName) ?? 0) + coefficient / composite.parts.length);
      }
    }
    memo.set(name, sum);
    return sum;
  };
  const result: CompositeIndicator[] = [];
  for (const composite of def.composites) {
    const flat = flatten(composite.id, new Set());
    if (flat) {
      result.push({
        kind: 'composite',
        name: composite.id,
        parts: [...flat].map(([name, coefficient]) => ({ name, coefficient })),
      });
    }
  }
  return result;
}

/**
 * The 0/1 column of a base indicator: the mean of the respondent's answered statements is at least
 * `satisfiedMin` (compared exactly in integers), `MISSING_INDICATOR` when none is answered.
 */
export function indicatorColumn(
  indicator: BaseIndicator,
  answers: Record<string, Int8Array>,
  satisfiedMin: number,
  rowCount: number,
): Uint8Array {
  // Column by column: sequential reads of each answer column.
  const sum = new Int32Array(rowCount);
  const count = new Int32Array(rowCount);
  for (const statement of indicator.statements) {
    const column = answers[statement];
    for (let i = 0; i < rowCount; i++) {
      const a = column[i];
      if (a !== NO_ANSWER) {
        sum[i] += a;
        count[i]++;
      }
    }
  }
  const y = new Uint8Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    y[i] = count[i] === 0 ? MISSING_Y : sum[i] >= satisfiedMin * count[i] ? 1 : 0;
  }
  return y;
}
