/**
 * Where everything sits on a printed paper form (issue #16), in PDF points (1/72 inch) from each page's
 * top-left corner — the unit and origin of `layout.json`, of the printer and of the reader alike.
 *
 * Every page carries the same markers: four filled squares near the corners (fiducials) that the reader
 * aligns on, and a QR code naming the form and the page, so any page can be read alone and in any order.
 */

/** A4 portrait. */
export const PAGE_SIZE: readonly [number, number] = [595.28, 841.89];

/** Side of a corner fiducial square. */
export const FIDUCIAL_SIDE = 16;
/** Distance from each page edge to a fiducial's centre. */
export const FIDUCIAL_INSET = 34;

/** Centres of the fiducials: top-left, top-right, bottom-left, bottom-right. */
export function fiducialCentres(size: readonly [number, number] = PAGE_SIZE): [number, number][] {
  const [w, h] = size;
  const i = FIDUCIAL_INSET;
  return [[i, i], [w - i, i], [i, h - i], [w - i, h - i]];
}

/** The page QR code, quiet zone included. */
export const QR_BOX = { x: PAGE_SIZE[0] - 48 - 76, y: 40, size: 76 } as const;

/** Text in every page QR: `SIPAS:<form>:<page>` (upper case, so the code stays in QR alphanumeric mode). */
export function pageQrText(form: string, page: number): string {
  return `SIPAS:${form}:${page}`;
}

export function parsePageQr(text: string): { form: string; page: number } | null {
  const m = /^SIPAS:([0-9A-Z-]{1,40}):([1-9][0-9]{0,2})$/.exec(text.trim());
  return m ? { form: m[1], page: Number(m[2]) } : null;
}

/** A bubble (single choice, matrix cell, rating) or a box (multiple choice): centre and radius/half side. */
export interface ChoiceMark { question: string; value: string | number | boolean; x: number; y: number; r: number }
/** A free-text area. */
export interface TextMark { question: string; text: true; x: number; y: number; w: number; h: number }
export type LayoutMark = ChoiceMark | TextMark;

export function isTextMark(mark: LayoutMark): mark is TextMark {
  return (mark as TextMark).text === true;
}

/** The rectangle of the page a question occupies (title and marks): what a clerk is shown in verification. */
export interface QuestionRegion { question: string; x: number; y: number; w: number; h: number }

export interface PageLayout { page: number; marks: LayoutMark[] }
export interface FormLayout { form: string; pages: PageLayout[] }
/** `layout.json` exactly as issue #16 specifies it. */
export interface LayoutFile { pageSize: [number, number]; forms: FormLayout[] }

/**
 * What the platform keeps of a printed form's layout (all forms of one printing share it): the marks, the
 * question regions, each question's kind, and which questions the form leaves to the printed header.
 */
export interface StoredLayout {
  pageSize: [number, number];
  pages: { page: number; marks: LayoutMark[]; regions: QuestionRegion[] }[];
  /** How each question printed is read: one choice, several, or text. */
  kinds: Record<string, 'single' | 'multiple' | 'text'>;
}
