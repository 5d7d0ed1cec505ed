import { bilingualText } from '../surveys/question-catalogue';
import type {
  ChoiceValue, ItemJson, Localizable, Questionnaire, QuestionnaireElement, QuestionnaireQuestion,
} from '../surveys/questionnaire.schema';
import type { RatingRule, ValidationPlan } from '../surveys/validation-plan';

/**
 * What a paper form prints, in questionnaire order, built from the wave's SurveyJS questionnaire itself:
 * sections (pages), panel headings, plain-language instructions for conditions, and numbered questions
 * with the marks they need. Questions whose choices the platform fills at run time (province, commune)
 * are either printed in the header (an invitation's form) or left as boxes to write in (a blank form).
 */
export type Block =
  | { kind: 'section'; title: string }
  | { kind: 'panel'; title: string; description: string | null }
  | { kind: 'instruction'; text: string }
  | { kind: 'question'; question: PrintedQuestion };

export interface PrintedChoice { value: ChoiceValue | boolean; label: string }

export interface PrintedQuestion {
  name: string;
  number: number;
  /** single: round bubbles; multiple: square boxes; rating: bubbles on a shared scale; matrix: a grid; text: lines. */
  shape: 'single' | 'multiple' | 'rating' | 'matrix' | 'text';
  title: string;
  description: string | null;
  choices: PrintedChoice[];
  rows: PrintedChoice[];
  /** Lines to write on (text). */
  lines: number;
  /** A note printed under the question, e.g. where to go next for a skip. */
  note: string | null;
}

const vi = (text: Localizable | undefined, fallback = ''): string => bilingualText(text, fallback).vi.normalize('NFC');

function items(list: readonly ItemJson[] | undefined): PrintedChoice[] {
  return (list ?? []).map((item) => (typeof item === 'object'
    ? { value: item.value, label: vi(item.text as Localizable | undefined, String(item.value)) }
    : { value: item, label: String(item) }));
}

/** A condition the printer can say in words: `{name} = value`. */
function simpleCondition(expression: string): { name: string; value: ChoiceValue | boolean } | null {
  const m = /^\s*\{([A-Za-z0-9_]+)\}\s*=\s*(true|false|'[^']*'|"[^"]*"|-?\d+(?:\.\d+)?)\s*$/.exec(expression);
  if (!m) return null;
  const raw = m[2];
  const value = raw === 'true' ? true : raw === 'false' ? false : /^['"]/.test(raw) ? raw.slice(1, -1) : Number(raw);
  return { name: m[1], value };
}

interface Numbered { number: number; question: QuestionnaireQuestion; choices: PrintedChoice[] }

function choicesOf(q: QuestionnaireQuestion, plan: ValidationPlan): PrintedChoice[] {
  switch (q.type) {
    case 'rating':
      return q.rateValues?.length ? items(q.rateValues as ItemJson[])
        : (plan.fieldsByName.get(q.name) as RatingRule).values.map((v) => ({ value: v, label: String(v) }));
    case 'boolean': {
      const rule = plan.fieldsByName.get(q.name) as { valueTrue: unknown; valueFalse: unknown };
      return [
        { value: rule.valueTrue as ChoiceValue | boolean, label: vi(q.labelTrue as Localizable | undefined, 'Có') },
        { value: rule.valueFalse as ChoiceValue | boolean, label: vi(q.labelFalse as Localizable | undefined, 'Không') },
      ];
    }
    case 'radiogroup':
    case 'dropdown':
    case 'checkbox':
      return items(q.choices as ItemJson[] | undefined);
    case 'matrix':
      return items(q.columns);
    default:
      return [];
  }
}

/** "Phần E. Đánh giá chung" → "Phần E". */
function shortSection(title: string): string {
  const m = /^(Phần\s+\S+?)[.:]/u.exec(title);
  return m ? m[1] : `«${title}»`;
}

export interface ContentOptions {
  /** Questions printed in the header instead (the invitation's province and commune). */
  preprinted: ReadonlySet<string>;
}

/** The blocks of the whole questionnaire, questions numbered from 1. */
export function formContent(definition: unknown, plan: ValidationPlan, options: ContentOptions): Block[] {
  const questionnaire = definition as Questionnaire;
  const external = new Set(plan.externalChoiceFields);

  // Pass 1: number the printed questions and note what follows each conditional container.
  const numbered = new Map<string, Numbered>();
  let counter = 0;
  const number = (elements: readonly QuestionnaireElement[]) => {
    for (const e of elements) {
      if (e.type === 'html') continue;
      if (e.type === 'panel') number(e.elements);
      else if (!options.preprinted.has(e.name)) numbered.set(e.name, { number: ++counter, question: e, choices: choicesOf(e, plan) });
    }
  };
  questionnaire.pages.forEach((p) => number(p.elements));
  const firstNumberIn = (elements: readonly QuestionnaireElement[]): number | null => {
    for (const e of elements) {
      if (e.type === 'html') continue;
      const n = e.type === 'panel' ? firstNumberIn(e.elements) : numbered.get(e.name)?.number;
      if (n != null) return n;
    }
    return null;
  };

  const notes = new Map<string, string[]>();
  /** Words for a container shown only when `expression` holds; `skipTo` is where the others go. */
  const instruction = (expression: string, what: string, skipTo: string): string => {
    const simple = simpleCondition(expression);
    const source = simple && numbered.get(simple.name);
    if (simple && source) {
      const chosen = source.choices.find((c) => c.value === simple.value);
      if (chosen) {
        const others = source.choices.filter((c) => c !== chosen).map((c) => `«${c.label}»`);
        const otherwise = others.length === 1 ? `chọn ${others[0]}` : `không chọn «${chosen.label}»`;
        const list = notes.get(simple.name) ?? [];
        list.push(`Nếu ${otherwise}, ${skipTo}.`);
        notes.set(simple.name, list);
        return `Chỉ trả lời ${what} nếu ở câu ${source.number} ông/bà chọn «${chosen.label}». Nếu ${otherwise}, ${skipTo}.`;
      }
    }
    const readable = expression.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string) => (numbered.has(name) ? `câu ${numbered.get(name)!.number}` : name));
    return `Chỉ trả lời ${what} khi: ${readable}. Nếu không, ${skipTo}.`;
  };

  const blocks: Block[] = [];
  const walk = (elements: readonly QuestionnaireElement[], after: string) => {
    elements.forEach((e, i) => {
      if (e.type === 'html') return;
      if (e.type === 'panel') {
        const title = vi(e.title as Localizable | undefined);
        if (title) blocks.push({ kind: 'panel', title, description: e.description ? vi(e.description as Localizable) : null });
        if (e.visibleIf) {
          const next = firstNumberIn(elements.slice(i + 1));
          blocks.push({ kind: 'instruction', text: instruction(e.visibleIf, 'các câu dưới đây', next != null ? `chuyển sang câu ${next}` : after) });
        }
        walk(e.elements, after);
        return;
      }
      const entry = numbered.get(e.name);
      if (!entry) return;
      blocks.push({ kind: 'question', question: printed(e, entry, external) });
    });
  };
  questionnaire.pages.forEach((page, p) => {
    const title = vi(page.title as Localizable | undefined, page.name ?? `Phần ${p + 1}`);
    blocks.push({ kind: 'section', title });
    const nextPage = questionnaire.pages[p + 1];
    const after = nextPage ? `chuyển sang ${shortSection(vi(nextPage.title as Localizable | undefined, nextPage.name ?? ''))}` : 'bỏ qua đến cuối phiếu';
    if (page.visibleIf) blocks.push({ kind: 'instruction', text: instruction(page.visibleIf, `${shortSection(title)}`, after) });
    walk(page.elements, after);
  });
  // The skip notes go under the questions they depend on.
  for (const b of blocks) {
    if (b.kind === 'question' && notes.has(b.question.name)) b.question.note = `→ ${notes.get(b.question.name)!.join(' ')}`;
  }
  return blocks;
}

function printed(q: QuestionnaireQuestion, entry: Numbered, external: ReadonlySet<string>): PrintedQuestion {
  const base = {
    name: q.name, number: entry.number, title: vi(q.title as Localizable | undefined, q.name),
    description: q.description ? vi(q.description as Localizable) : null, choices: entry.choices, rows: [], lines: 0, note: null,
  };
  switch (q.type) {
    case 'rating':
      return { ...base, shape: 'rating' };
    case 'radiogroup':
    case 'dropdown':
      return external.has(q.name) ? { ...base, shape: 'text', choices: [], lines: 1 } : { ...base, shape: 'single' };
    case 'boolean':
      return { ...base, shape: 'single' };
    case 'checkbox':
      return external.has(q.name) ? { ...base, shape: 'text', choices: [], lines: 1 } : { ...base, shape: 'multiple' };
    case 'matrix':
      return { ...base, shape: 'matrix', rows: items(q.rows) };
    case 'text':
      return { ...base, shape: 'text', lines: 1 };
    case 'comment':
      return { ...base, shape: 'text', lines: 4 };
  }
}
