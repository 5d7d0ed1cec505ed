/** Helpers to compare engine output with figures R wrote to a fixture CSV (text, empty = NA). */

export const RELATIVE_TOLERANCE = 1e-9;

/** Whether an engine value agrees with R's: both empty, or equal to a relative 1e-9 (exactly when R has 0). */
export function agrees(reference: string, value: number | null): boolean {
  if (reference === '' || reference === 'NA') return value === null;
  if (value === null) return false;
  const expected = Number(reference);
  if (expected === 0) return value === 0;
  return Math.abs(value - expected) <= RELATIVE_TOLERANCE * Math.abs(expected);
}

/** Every `columns` field where `actual` disagrees with the reference row, as readable lines. */
export function disagreements(
  label: string,
  reference: Record<string, string>,
  actual: Record<string, unknown> | undefined,
  columns: readonly string[],
): string[] {
  if (!actual) return [`${label}: no row`];
  return columns
    .filter((c) => !agrees(reference[c], actual[c] as number | null))
    .map((c) => `${label} ${c}: R ${reference[c] || 'NA'}, engine ${String(actual[c])}`);
}
