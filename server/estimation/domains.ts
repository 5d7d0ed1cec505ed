import type { CategoricalColumn, SurveyColumns } from './types';

/** A partition of respondents into domains of one type: the nation, provinces, or the levels of a column. */
export interface DomainFamily {
  type: string;
  labels: string[];
  /** Index of this family's first domain in the global numbering. */
  offset: number;
  /** Global domain of each row, -1 when the row belongs to none of this family's domains. */
  codes: Int32Array;
  /**
   * Global domain of every row of each province when the family is a function of the province
   * (nation, provinces, regions, new units), -1 when no row of that province is in a domain; null otherwise.
   */
  domainOfProvince: Int32Array | null;
  /**
   * Global domain of every row of each PSU when the family is constant within PSUs (the nation, and the
   * provinces when strata nest in provinces), -1 for a PSU outside every domain; null otherwise. Such
   * families are estimated from PSU-level sums without visiting rows again.
   */
  domainOfPsu: Int32Array | null;
}

/** All domains estimated together, numbered 0..size-1 across families. */
export interface DomainSpace {
  families: DomainFamily[];
  size: number;
}

export const NATIONAL = 'NATIONAL';

/**
 * The nation, the provinces (or the units they map to, e.g. the 34 units of 2025), and each level of each
 * `by` column.
 */
export function buildDomainSpace(
  columns: SurveyColumns,
  provinceDomains: CategoricalColumn,
  by: readonly { type: string; column: CategoricalColumn }[],
): DomainSpace {
  const families: DomainFamily[] = [];
  let size = 0;
  const add = (type: string, column: CategoricalColumn) => {
    const codes = new Int32Array(columns.rowCount);
    for (let i = 0; i < codes.length; i++) {
      const code = column.codes[i];
      codes[i] = code < 0 ? -1 : code + size;
    }
    families.push({
      type,
      labels: column.levels,
      offset: size,
      codes,
      domainOfProvince: constantWithin(codes, columns.province.codes, columns.province.levels.length),
      domainOfPsu: constantWithin(codes, columns.psu, columns.psuCount),
    });
    size += column.levels.length;
  };
  add('national', { codes: new Int32Array(columns.rowCount), levels: [NATIONAL] });
  add('province', provinceDomains);
  for (const b of by) add(b.type, b.column);
  return { families, size };
}

/** The code shared by all rows of each group, or null when some group mixes codes. */
function constantWithin(codes: Int32Array, group: Int32Array, groupCount: number): Int32Array | null {
  const UNSEEN = -2;
  const result = new Int32Array(groupCount).fill(UNSEEN);
  for (let i = 0; i < codes.length; i++) {
    const g = group[i];
    if (result[g] === UNSEEN) result[g] = codes[i];
    else if (result[g] !== codes[i]) return null;
  }
  return result.map((d) => (d === UNSEEN ? -1 : d));
}
