import { evaluateFieldStates, type ValidationPlan } from '../surveys/validation-plan';
import { isTextMark, type StoredLayout } from './paper-layout';

/**
 * From mark scores to answers (issue #16). Each question of a form has a reading: a confident choice, a
 * blank, an uncertain one (two marks, or a mark neither clearly made nor clearly absent), ink in a text
 * area, or a clerk's settlement. What is uncertain and still asked, given the answers so far (a skipped
 * part's blanks are not), goes to verification; the rest are the answers.
 */
export type ReadingValue = string | number | boolean | (string | number | boolean)[];
export type Reading =
  | { s: 'read'; v: ReadingValue }
  | { s: 'blank' }
  | { s: 'unsure'; scores: number[] }
  | { s: 'ink' }
  | { s: 'empty' }
  | { s: 'settled'; v: ReadingValue | string | null }
  /** Keyed by hand twice, differently (double entry): the first and the second clerk's values, for a third to settle. */
  | { s: 'disputed'; keyed: [ReadingValue | null, ReadingValue | null] };
export type Readings = Record<string, Reading>;

/** A bubble or box at least this inked is marked; at most CLEAN, it is not; in between, a clerk decides. */
export const MARKED = 0.14;
export const CLEAN = 0.05;
/** Share of a text area's pixels that are ink for it to hold writing. */
export const TEXT_INK = 0.004;

/** The readings of one page's questions from its marks' scores (in the layout's mark order). */
export function readPage(layout: StoredLayout, page: number, scores: readonly number[]): Readings {
  const marks = layout.pages.find((p) => p.page === page)?.marks ?? [];
  const byQuestion = new Map<string, { value: ReadingValue; score: number }[]>();
  const readings: Readings = {};
  marks.forEach((m, k) => {
    if (isTextMark(m)) {
      readings[m.question] = scores[k] >= TEXT_INK ? { s: 'ink' } : { s: 'empty' };
      return;
    }
    const list = byQuestion.get(m.question) ?? [];
    list.push({ value: m.value, score: scores[k] });
    byQuestion.set(m.question, list);
  });
  for (const [question, options] of byQuestion) {
    const marked = options.filter((o) => o.score >= MARKED);
    const between = options.some((o) => o.score > CLEAN && o.score < MARKED);
    const rounded = options.map((o) => Math.round(o.score * 1000) / 1000);
    if (between) readings[question] = { s: 'unsure', scores: rounded };
    else if (marked.length === 0) readings[question] = { s: 'blank' };
    else if (layout.kinds[question] === 'multiple') readings[question] = { s: 'read', v: marked.map((o) => o.value as string | number | boolean) };
    else if (marked.length === 1) readings[question] = { s: 'read', v: marked[0].value };
    else readings[question] = { s: 'unsure', scores: rounded };
  }
  return readings;
}

/** The questions each page of a layout holds. */
export function questionsByPage(layout: StoredLayout): Map<number, string[]> {
  return new Map(layout.pages.map((p) => [p.page, [...new Set(p.marks.map((m) => m.question))]]));
}

export interface Assessment {
  /** Answers as the platform stores them (matrix rows nested), only of questions asked. */
  answers: Record<string, unknown>;
  /** Questions asked whose reading a clerk must settle, in form order. */
  uncertain: string[];
}

function valueOf(r: Reading): unknown {
  if (r.s === 'read') return r.v;
  if (r.s === 'settled') return r.v === '' ? null : r.v;
  return null;
}

/** The answers and the questions still uncertain, given every reading so far (a missing page's are absent). */
export function assess(plan: ValidationPlan, layout: StoredLayout, readings: Readings): Assessment {
  const order = layout.pages.flatMap((p) => [...new Set(p.marks.map((m) => m.question))]);
  const answers: Record<string, unknown> = {};
  for (const path of order) {
    const r = readings[path];
    const v = r ? valueOf(r) : null;
    if (v === null || v === undefined) continue;
    const [name, row] = splitPath(path);
    if (row === null) answers[name] = v;
    else answers[name] = { ...(answers[name] as Record<string, unknown> | undefined), [row]: v };
  }
  const states = evaluateFieldStates(plan, answers);
  const asked = (path: string) => states.get(splitPath(path)[0])?.visible ?? true;
  for (const name of Object.keys(answers)) if (!asked(name)) delete answers[name];
  const uncertain = order.filter((path) => {
    const r = readings[path];
    return r !== undefined && (r.s === 'blank' || r.s === 'unsure' || r.s === 'ink' || r.s === 'disputed') && asked(path);
  });
  return { answers, uncertain };
}

export function splitPath(path: string): [string, string | null] {
  const dot = path.indexOf('.');
  return dot < 0 ? [path, null] : [path.slice(0, dot), path.slice(dot + 1)];
}
