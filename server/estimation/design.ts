import type { CategoricalColumn, SurveyColumns } from './types';

/**
 * The sample sorted by stratum then PSU, so that every pass over respondents visits each PSU's rows
 * contiguously and each stratum's PSUs contiguously. Answers are left in input order (`answers` is empty):
 * indicators are computed from them first and then put in order with {@link sortedColumn}.
 */
export interface SortedSample {
  columns: SurveyColumns;
  /** Input row of each sorted row. */
  order: Int32Array;
  /** Rows of PSU j are `psuRowStart[j] .. psuRowStart[j+1]-1`; PSUs are numbered in stratum order. */
  psuRowStart: Int32Array;
  /** PSUs of stratum h are `stratumPsuStart[h] .. stratumPsuStart[h+1]-1`. */
  stratumPsuStart: Int32Array;
}

/** Stable counting sort of rows by stratum then PSU; every column is reordered once. */
export function sortByStratumAndPsu(columns: SurveyColumns): SortedSample {
  const { rowCount, psuCount } = columns;
  const strataCount = columns.strata.length;
  const psuStratum = new Int32Array(psuCount).fill(-1);
  for (let i = 0; i < rowCount; i++) psuStratum[columns.psu[i]] = columns.stratum[i];

  const stratumPsuStart = new Int32Array(strataCount + 1);
  for (let j = 0; j < psuCount; j++) stratumPsuStart[psuStratum[j] + 1]++;
  for (let h = 0; h < strataCount; h++) stratumPsuStart[h + 1] += stratumPsuStart[h];
  const newPsu = new Int32Array(psuCount);
  const nextPsu = stratumPsuStart.slice(0, strataCount);
  for (let j = 0; j < psuCount; j++) newPsu[j] = nextPsu[psuStratum[j]]++;

  const psuRowStart = new Int32Array(psuCount + 1);
  for (let i = 0; i < rowCount; i++) psuRowStart[newPsu[columns.psu[i]] + 1]++;
  for (let j = 0; j < psuCount; j++) psuRowStart[j + 1] += psuRowStart[j];
  const order = new Int32Array(rowCount);
  const nextRow = psuRowStart.slice(0, psuCount);
  for (let i = 0; i < rowCount; i++) order[nextRow[newPsu[columns.psu[i]]]++] = i;

  const psu = new Int32Array(rowCount);
  for (let k = 0; k < rowCount; k++) psu[k] = newPsu[columns.psu[order[k]]];
  return {
    columns: {
      ...columns,
      stratum: permute(columns.stratum, order),
      psu,
      psuLabels: columns.psuLabels ? relabel(columns.psuLabels, newPsu) : undefined,
      weight: permute(columns.weight, order),
      province: permuteCategorical(columns.province, order),
      categorical: mapValues(columns.categorical, (c) => permuteCategorical(c, order)),
      answers: {},
    },
    order,
    psuRowStart,
    stratumPsuStart,
  };
}

/** A per-row column of the input put in the sample's sorted order. */
export function sortedColumn<T extends Int32Array | Float64Array | Int8Array | Uint8Array>(sample: SortedSample, values: T): T {
  return permute(values, sample.order);
}

function permute<T extends Int32Array | Float64Array | Int8Array | Uint8Array>(values: T, order: Int32Array): T {
  const out = new (values.constructor as new (n: number) => T)(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k]];
  return out;
}

function relabel(labels: string[], newPsu: Int32Array): string[] {
  const out = new Array<string>(labels.length);
  for (let j = 0; j < newPsu.length; j++) out[newPsu[j]] = labels[j];
  return out;
}

function permuteCategorical(column: CategoricalColumn, order: Int32Array): CategoricalColumn {
  return { codes: permute(column.codes, order), levels: column.levels };
}

function mapValues<A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

/**
 * Per-stratum multipliers of the centred sum of squares of PSU totals (METHOD.md §5):
 * (1 − f_h)·n_h/(n_h − 1), or (1 − f_h) for a stratum with a single PSU, whose total is then not centred
 * (R's `survey.lonely.psu = "adjust"`). f_h = n_h/N_h when the frame's PSU count N_h is given, else 0.
 */
export function stratumScales(sample: SortedSample, withFpc: boolean): Float64Array {
  const { stratumPsuStart } = sample;
  const strataCount = stratumPsuStart.length - 1;
  const scales = new Float64Array(strataCount);
  for (let h = 0; h < strataCount; h++) {
    const nh = stratumPsuStart[h + 1] - stratumPsuStart[h];
    const frame = withFpc ? sample.columns.fpcPsu![h] : Infinity;
    const keep = 1 - nh / frame;
    scales[h] = nh > 1 ? (keep * nh) / (nh - 1) : keep;
  }
  return scales;
}
