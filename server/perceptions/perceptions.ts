import type { BilingualText, CatalogueQuestion, LabelledValue } from '../surveys/question-catalogue';

/**
 * Part B and F figures of the report and the dashboard (METHOD.md §2): weighted shares of each answer to
 * the perception questions and of each level of the 10 improvement priorities. Shares use the base
 * (design) weights and are taken over the respondents who answered; they are descriptive (no CI).
 */
export const PERCEPTION_QUESTIONS = [
  'harassment', 'informal_payments', 'preferred_service_channel', 'preferred_policy_channel', 'priorities',
] as const;

/** An answer (or matrix row) as tallied: its value as stored in the answers' JSON text, with its labels. */
export interface PerceptionValue { value: string; label: BilingualText }

/** One figure to tally: a single-choice question, or one row of a matrix question. */
export interface PerceptionItemSpec {
  /** `harassment`, or `priorities.information` for a matrix row. */
  key: string;
  question: string;
  row: string | null;
  title: BilingualText;
  values: PerceptionValue[];
}

export interface PerceptionShare { value: string; label: BilingualText; share: number | null }

export interface PerceptionItem {
  key: string;
  question: string;
  row: string | null;
  title: BilingualText;
  /** Respondents who answered. */
  n: number;
  /** Their summed base weights. */
  sumW: number;
  shares: PerceptionShare[];
}

export interface PerceptionFigures {
  /** Every respondent tallied (the nation, or the provinces asked for). */
  all: PerceptionItem[];
  byProvince: Record<string, PerceptionItem[]>;
}

/** Catalogue values with their value as text, the form answers are compared in. */
export function perceptionValues(values: readonly LabelledValue[]): PerceptionValue[] {
  return values.map((v) => ({ value: String(v.value), label: v.label }));
}

/** The questions of `questions` found in a questionnaire's catalogue, in the order of `questions`. */
export function perceptionCatalogue(catalogue: readonly CatalogueQuestion[], questions: readonly string[] = PERCEPTION_QUESTIONS): CatalogueQuestion[] {
  const byName = new Map(catalogue.map((q) => [q.name, q]));
  return questions.flatMap((name) => byName.get(name) ?? []);
}

/** The items of `questions` found in a questionnaire, matrices split into their rows. */
export function perceptionItems(catalogue: readonly CatalogueQuestion[], questions: readonly string[] = PERCEPTION_QUESTIONS): PerceptionItemSpec[] {
  return perceptionCatalogue(catalogue, questions).flatMap((q): PerceptionItemSpec[] => {
    const values = perceptionValues(q.values);
    if (q.type === 'matrix') {
      return q.rows.map((row) => ({ key: `${q.name}.${row.value}`, question: q.name, row: String(row.value), title: row.label, values }));
    }
    return [{ key: q.name, question: q.name, row: null, title: q.title, values }];
  });
}

interface Cell { n: number; sumW: number; byValue: Float64Array; nByValue: Int32Array }

/** One stored cell of a tally: those of a province giving one answer to one question (or matrix row). */
export interface TallyRow {
  province: string;
  question: string;
  /** The matrix row, or null for a single-choice question. */
  row: string | null;
  value: string;
  n: number;
  sumW: number;
}

/** Tallies responses one at a time; `result()` turns the sums into shares. */
export class PerceptionTally {
  private readonly all: Cell[];
  private readonly provinces = new Map<string, Cell[]>();
  private readonly valueIndex: Map<string, number>[];

  private readonly itemIndex: Map<string, number>;

  constructor(private readonly items: readonly PerceptionItemSpec[]) {
    this.valueIndex = items.map((item) => new Map(item.values.map((v, k) => [v.value, k])));
    this.itemIndex = new Map(items.map((item, k) => [`${item.question}\u0000${item.row ?? ''}`, k]));
    this.all = this.emptyCells();
  }

  private cellsOf(province: string): Cell[] {
    let cells = this.provinces.get(province);
    if (!cells) this.provinces.set(province, (cells = this.emptyCells()));
    return cells;
  }

  /** The answers this tally reads (a question whose rows it tallies is one answer, an object). */
  questions(): string[] {
    return [...new Set(this.items.map((item) => item.question))];
  }

  add(province: string, weight: number, answers: Record<string, unknown>): void {
    const cells = this.cellsOf(province);
    this.items.forEach((item, k) => {
      const raw = item.row === null ? answers[item.question] : (answers[item.question] as Record<string, unknown> | undefined)?.[item.row];
      if (raw === undefined || raw === null) return;
      const at = this.valueIndex[k].get(String(raw));
      if (at === undefined) return;
      for (const cell of [this.all[k], cells[k]]) {
        cell.n++;
        cell.sumW += weight;
        cell.byValue[at] += weight;
        cell.nByValue[at]++;
      }
    });
  }

  /**
   * Adds a stored cell (see {@link rows}); cells of items or answers this tally does not know are skipped,
   * as answers outside a question's options are when tallying responses.
   */
  addRow(r: TallyRow): void {
    const k = this.itemIndex.get(`${r.question}\u0000${r.row ?? ''}`);
    if (k === undefined) return;
    const at = this.valueIndex[k].get(r.value);
    if (at === undefined) return;
    for (const cell of [this.all[k], this.cellsOf(r.province)[k]]) {
      cell.n += r.n;
      cell.sumW += r.sumW;
      cell.byValue[at] += r.sumW;
      cell.nByValue[at] += r.n;
    }
  }

  /** The tally's non-empty cells per province, to store; {@link addRow} of each gives this tally back. */
  rows(): TallyRow[] {
    const out: TallyRow[] = [];
    for (const province of [...this.provinces.keys()].sort()) {
      const cells = this.provinces.get(province)!;
      this.items.forEach((item, k) => {
        item.values.forEach((v, j) => {
          const n = cells[k].nByValue[j];
          if (n > 0) out.push({ province, question: item.question, row: item.row, value: v.value, n, sumW: cells[k].byValue[j] });
        });
      });
    }
    return out;
  }

  result(): PerceptionFigures {
    const byProvince: Record<string, PerceptionItem[]> = {};
    for (const code of [...this.provinces.keys()].sort()) byProvince[code] = this.present(this.provinces.get(code)!);
    return { all: this.present(this.all), byProvince };
  }

  private emptyCells(): Cell[] {
    return this.items.map((item) => ({ n: 0, sumW: 0, byValue: new Float64Array(item.values.length), nByValue: new Int32Array(item.values.length) }));
  }

  private present(cells: Cell[]): PerceptionItem[] {
    return this.items.map((item, k) => ({
      key: item.key,
      question: item.question,
      row: item.row,
      title: item.title,
      n: cells[k].n,
      sumW: cells[k].sumW,
      shares: item.values.map((v, j) => ({ value: v.value, label: v.label, share: cells[k].sumW > 0 ? cells[k].byValue[j] / cells[k].sumW : null })),
    }));
  }
}
