import { createPdfDocument, type FontName, type PdfDocument } from '../pdf/pdf-document';
import type { Block, PrintedChoice, PrintedQuestion } from './form-content';
import { PAGE_SIZE, type LayoutMark, type QuestionRegion, type StoredLayout } from './paper-layout';

/**
 * Pass one of printing: places the blocks of a questionnaire on A4 pages and records, for every page,
 * what to draw and where every mark is. All forms of one printing share this layout; only the header
 * (form code, place, QR) differs, and it has a fixed size.
 */
export type DrawOp =
  | { t: 'text'; s: string; x: number; y: number; w: number; font: FontName; size: number; align?: 'left' | 'center'; grey?: boolean }
  | { t: 'circle'; x: number; y: number; r: number }
  | { t: 'box'; x: number; y: number; r: number }
  | { t: 'rule'; x1: number; y1: number; x2: number; y2: number }
  | { t: 'frame'; x: number; y: number; w: number; h: number };

export interface PlannedForm {
  layout: StoredLayout;
  /** What each page draws below the header, page by page. */
  ops: DrawOp[][];
}

export const LEFT = 56;
export const RIGHT = PAGE_SIZE[0] - 56;
const WIDTH = RIGHT - LEFT;
/** First content line on page 1 (below the header) and on later pages. */
export const TOP_FIRST = 128;
export const TOP = 128;
export const BOTTOM = PAGE_SIZE[1] - 58;
export const BUBBLE_R = 5.5;
export const BOX_R = 5;
const SCALE_COLUMN = 46;
const MATRIX_COLUMN = 62;
const TEXT_LINE = 20;

export const MARKING_HELP = 'Hướng dẫn: dùng bút bi xanh hoặc đen. Câu có ô tròn: tô kín một ô. Câu có ô vuông: đánh dấu '
  + 'mọi ô phù hợp. Viết chữ trong khung có sẵn. Nếu tô nhầm, gạch chéo ô nhầm và ghi lựa chọn đúng bên cạnh: phiếu sẽ được cán bộ kiểm tra lại.';

class Placer {
  readonly pages: { marks: LayoutMark[]; regions: QuestionRegion[]; ops: DrawOp[] }[] = [];
  y = TOP_FIRST;
  private readonly doc: PdfDocument = createPdfDocument({ title: 'đo chữ' });

  constructor() {
    this.newPage(TOP_FIRST);
  }

  get page() { return this.pages[this.pages.length - 1]; }

  newPage(top = TOP): void {
    this.pages.push({ marks: [], regions: [], ops: [] });
    this.y = top;
  }

  /** Starts a new page unless `height` more points fit; true when it did. */
  ensure(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.newPage();
    return true;
  }

  height(s: string, font: FontName, size: number, width: number): number {
    return this.doc.font(font).fontSize(size).heightOfString(s, { width });
  }

  widthOf(s: string, font: FontName, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(s);
  }

  text(s: string, x: number, y: number, w: number, font: FontName, size: number, extra: Partial<Extract<DrawOp, { t: 'text' }>> = {}): number {
    this.page.ops.push({ t: 'text', s, x, y, w, font, size, ...extra });
    return this.height(s, font, size, w);
  }
}

type Kind = StoredLayout['kinds'][string];

/** Places every block; returns the layout to keep and the drawing of each page. */
export function planForm(blocks: readonly Block[]): PlannedForm {
  const p = new Placer();
  const kinds: Record<string, Kind> = {};
  p.y += p.text(MARKING_HELP, LEFT, p.y, WIDTH, 'italic', 8.5) + 8;

  let scale: string | null = null;
  for (const block of blocks) {
    if (block.kind !== 'question' || block.question.shape !== 'rating') scale = null;
    switch (block.kind) {
      case 'section': {
        p.ensure(60);
        p.y += 4;
        p.y += p.text(block.title.toUpperCase(), LEFT, p.y, WIDTH, 'bold', 10.5) + 4;
        break;
      }
      case 'panel': {
        p.ensure(50);
        p.y += p.text(block.title, LEFT, p.y, WIDTH, 'semibold', 9.5) + 2;
        if (block.description) p.y += p.text(block.description, LEFT, p.y, WIDTH, 'italic', 8) + 2;
        break;
      }
      case 'instruction': {
        const h = p.height(block.text, 'bold', 8.5, WIDTH - 12);
        p.ensure(h + 30);
        p.page.ops.push({ t: 'rule', x1: LEFT, y1: p.y, x2: LEFT, y2: p.y + h });
        p.y += p.text(block.text, LEFT + 8, p.y, WIDTH - 12, 'bold', 8.5) + 6;
        break;
      }
      case 'question': {
        const q = block.question;
        if (q.shape === 'rating') {
          const key = JSON.stringify(q.choices);
          ratingRow(p, q, scale === key);
          scale = key;
          kinds[q.name] = 'single';
        } else if (q.shape === 'matrix') {
          matrix(p, q);
          for (const row of q.rows) kinds[`${q.name}.${String(row.value)}`] = 'single';
        } else if (q.shape === 'text') {
          textQuestion(p, q);
          kinds[q.name] = 'text';
        } else {
          choiceQuestion(p, q);
          kinds[q.name] = q.shape === 'multiple' ? 'multiple' : 'single';
        }
        break;
      }
    }
  }
  const layout: StoredLayout = {
    pageSize: [PAGE_SIZE[0], PAGE_SIZE[1]],
    pages: p.pages.map((pg, i) => ({ page: i + 1, marks: pg.marks, regions: pg.regions })),
    kinds,
  };
  return { layout, ops: p.pages.map((pg) => pg.ops) };
}

function numbered(q: PrintedQuestion): string {
  return `Câu ${q.number}. ${q.title}`;
}

function region(p: Placer, question: string, top: number, bottom: number): void {
  p.page.regions.push({ question, x: LEFT - 6, y: top - 3, w: WIDTH + 12, h: bottom - top + 6 });
}

/** Title, optional description, the choices flowing left to right, then the skip note. */
function choiceQuestion(p: Placer, q: PrintedQuestion): void {
  const r = q.shape === 'multiple' ? BOX_R : BUBBLE_R;
  const items = q.choices.map((c) => ({ c, w: 2 * r + 5 + p.widthOf(c.label, 'regular', 8.5) + 16 }));
  const rows: { c: PrintedChoice; x: number }[][] = [[]];
  let x = LEFT + 10;
  for (const it of items) {
    if (x + it.w > RIGHT && rows[rows.length - 1].length) {
      rows.push([]);
      x = LEFT + 10;
    }
    rows[rows.length - 1].push({ c: it.c, x });
    x += Math.min(it.w, WIDTH - 10);
  }
  const titleH = p.height(numbered(q), 'semibold', 9, WIDTH);
  const descH = q.description ? p.height(q.description, 'italic', 8, WIDTH) : 0;
  const noteH = q.note ? p.height(q.note, 'italic', 8, WIDTH - 10) + 2 : 0;
  p.ensure(titleH + descH + rows.length * 16 + noteH + 8);
  const top = p.y;
  p.y += p.text(numbered(q), LEFT, p.y, WIDTH, 'semibold', 9) + 2;
  if (q.description) p.y += p.text(q.description, LEFT, p.y, WIDTH, 'italic', 8) + 1;
  for (const row of rows) {
    for (const { c, x: cx } of row) {
      const cy = p.y + 7;
      p.page.ops.push(q.shape === 'multiple' ? { t: 'box', x: cx + r, y: cy, r } : { t: 'circle', x: cx + r, y: cy, r });
      p.page.marks.push({ question: q.name, value: c.value as string | number | boolean, x: round(cx + r), y: round(cy), r });
      p.text(c.label, cx + 2 * r + 5, p.y + 1.5, RIGHT - (cx + 2 * r + 5), 'regular', 8.5);
    }
    p.y += 16;
  }
  region(p, q.name, top, p.y);
  if (q.note) p.y += p.text(q.note, LEFT + 10, p.y, WIDTH - 10, 'italic', 8) + 2;
  p.y += 5;
}

function scaleHeader(p: Placer, q: PrintedQuestion, columns: number[], width: number): void {
  let h = 0;
  q.choices.forEach((c, k) => {
    const label = `${String(c.value)}\n${c.label}`;
    h = Math.max(h, p.text(label, columns[k] - width / 2, p.y, width, 'regular', 7, { align: 'center' }));
  });
  p.y += h + 3;
}

/** One rating on the shared scale of its neighbours: the title on the left, one bubble per value. */
function ratingRow(p: Placer, q: PrintedQuestion, sameScaleAsAbove: boolean): void {
  const columns = q.choices.map((_c, k) => RIGHT - SCALE_COLUMN * (q.choices.length - k) + SCALE_COLUMN / 2);
  const textW = RIGHT - SCALE_COLUMN * q.choices.length - LEFT - 6;
  const titleH = Math.max(p.height(numbered(q), 'regular', 8.5, textW), 13);
  const noteH = q.note ? p.height(q.note, 'italic', 8, WIDTH - 10) + 2 : 0;
  const header = 30;
  const broke = p.ensure(titleH + noteH + 6 + (sameScaleAsAbove ? 0 : header));
  if (!sameScaleAsAbove || broke) scaleHeader(p, q, columns, SCALE_COLUMN - 2);
  const top = p.y;
  p.text(numbered(q), LEFT, p.y, textW, 'regular', 8.5);
  const cy = p.y + 6.5;
  q.choices.forEach((c, k) => {
    p.page.ops.push({ t: 'circle', x: columns[k], y: cy, r: BUBBLE_R });
    p.page.marks.push({ question: q.name, value: c.value as number, x: round(columns[k]), y: round(cy), r: BUBBLE_R });
  });
  p.y += titleH + 3;
  region(p, q.name, top, p.y);
  p.page.ops.push({ t: 'rule', x1: LEFT, y1: p.y, x2: RIGHT, y2: p.y });
  p.y += 3;
  if (q.note) p.y += p.text(q.note, LEFT + 10, p.y, WIDTH - 10, 'italic', 8) + 4;
}

/** A grid: one row per matrix row, one bubble column per answer; the header repeats after a page break. */
function matrix(p: Placer, q: PrintedQuestion): void {
  const n = q.choices.length;
  const columns = q.choices.map((_c, k) => RIGHT - MATRIX_COLUMN * (n - k) + MATRIX_COLUMN / 2);
  const textW = RIGHT - MATRIX_COLUMN * n - LEFT - 6;
  const titleH = p.height(numbered(q), 'semibold', 9, WIDTH);
  p.ensure(titleH + 60);
  p.y += p.text(numbered(q), LEFT, p.y, WIDTH, 'semibold', 9) + 3;
  const header = () => {
    let h = 0;
    q.choices.forEach((c, k) => { h = Math.max(h, p.text(c.label, columns[k] - MATRIX_COLUMN / 2 + 1, p.y, MATRIX_COLUMN - 2, 'regular', 7, { align: 'center' })); });
    p.y += h + 3;
  };
  header();
  q.rows.forEach((row, i) => {
    const label = `${String.fromCharCode(97 + (i % 26))}) ${row.label}`;
    const h = Math.max(p.height(label, 'regular', 8.5, textW), 13);
    if (p.ensure(h + 6)) {
      p.y += p.text(`Câu ${q.number} (tiếp)`, LEFT, p.y, WIDTH, 'semibold', 9) + 3;
      header();
    }
    const top = p.y;
    p.text(label, LEFT + 8, p.y, textW - 8, 'regular', 8.5);
    const cy = p.y + 6.5;
    const path = `${q.name}.${String(row.value)}`;
    q.choices.forEach((c, k) => {
      p.page.ops.push({ t: 'circle', x: columns[k], y: cy, r: BUBBLE_R });
      p.page.marks.push({ question: path, value: c.value as string, x: round(columns[k]), y: round(cy), r: BUBBLE_R });
    });
    p.y += h + 3;
    region(p, path, top, p.y);
    p.page.ops.push({ t: 'rule', x1: LEFT + 8, y1: p.y, x2: RIGHT, y2: p.y });
    p.y += 3;
  });
  p.y += 5;
}

/** Title, then a frame with lines to write on. */
function textQuestion(p: Placer, q: PrintedQuestion): void {
  const titleH = p.height(numbered(q), 'semibold', 9, WIDTH);
  const descH = q.description ? p.height(q.description, 'italic', 8, WIDTH) : 0;
  const boxH = q.lines * TEXT_LINE + 4;
  p.ensure(titleH + descH + boxH + 10);
  const top = p.y;
  p.y += p.text(numbered(q), LEFT, p.y, WIDTH, 'semibold', 9) + 2;
  if (q.description) p.y += p.text(q.description, LEFT, p.y, WIDTH, 'italic', 8) + 2;
  const x = LEFT + 8;
  const w = WIDTH - 8;
  p.page.ops.push({ t: 'frame', x, y: p.y, w, h: boxH });
  for (let k = 1; k < q.lines; k++) p.page.ops.push({ t: 'rule', x1: x + 6, y1: p.y + k * TEXT_LINE + 2, x2: x + w - 6, y2: p.y + k * TEXT_LINE + 2 });
  p.page.marks.push({ question: q.name, text: true, x: round(x), y: round(p.y), w: round(w), h: round(boxH) });
  p.y += boxH;
  region(p, q.name, top, p.y);
  p.y += 8;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
