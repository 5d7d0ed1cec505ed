/** A unit's figure as far as ranking is concerned: higher satisfaction ranks first. */
export interface Rankable { domain: string; p: number | null }

/**
 * Standard competition ranking ("1224"): equal figures share a rank and the next rank skips. Units with
 * no estimate get no rank.
 */
export function rankByValue(rows: readonly Rankable[]): Map<string, number> {
  const ranked = rows.filter((r): r is Rankable & { p: number } => r.p !== null).sort((a, b) => b.p - a.p);
  const ranks = new Map<string, number>();
  ranked.forEach((r, i) => {
    const previous = ranked[i - 1];
    ranks.set(r.domain, previous && previous.p === r.p ? ranks.get(previous.domain)! : i + 1);
  });
  return ranks;
}
