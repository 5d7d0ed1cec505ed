import { FONT_NAMES, fontFile, type FontName } from './fonts';

/**
 * PDF plumbing shared by every printed document (invitation sheets now, the annual report later).
 *
 * API
 * - `createPdfDocument(options)` → a PDFKit document (A4 portrait unless told otherwise, margins in points)
 *   with the Be Vietnam Pro fonts registered as `'regular'`, `'semibold'`, `'bold'` and `'italic'`
 *   (see fonts.ts), `'regular'` selected, Vietnamese as the document language and the title and author in
 *   its metadata. Draw on it with PDFKit's own API (`doc.font('bold').fontSize(14).text(…)`); pass text
 *   through `vi(…)` when it may come decomposed (NFD) from a file or a form.
 * - `renderPdf(doc)` → ends the document and resolves with the whole file as a Buffer.
 * - `drawQrCode(doc, text, { x, y, size })` in qr-code.ts → a vector QR code (no image library).
 *
 * @example
 * const doc = createPdfDocument({ title: 'Phiếu mời khảo sát SIPAS' });
 * doc.font('bold').fontSize(18).text(vi('Phường Ngọc Hà'));
 * const pdf = await renderPdf(doc);
 */
export interface PdfOptions {
  title: string;
  /** @default 'SIPAS' */
  author?: string;
  /** @default 'A4' */
  size?: string;
  /** @default 'portrait' */
  layout?: 'portrait' | 'landscape';
  /** In points (1/72 inch). @default 48 */
  margin?: number;
}

export type PdfDocument = PDFKit.PDFDocument;
export type { FontName };

export function createPdfDocument(options: PdfOptions): PdfDocument {
  // pdfkit is loaded with the first document: ~0.2 s of CPU that a server start need not pay.
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margin: options.margin ?? 48,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: vi(options.title), Author: options.author ?? 'SIPAS', Creator: 'SIPAS' },
  });
  for (const name of FONT_NAMES) doc.registerFont(name, fontFile(name));
  doc.font('regular');
  return doc;
}

/** Vietnamese text in composed form (NFC), the form the font's glyphs and text extraction expect. */
export function vi(text: string): string {
  return text.normalize('NFC');
}

/** Ends the document and collects it. */
export function renderPdf(doc: PdfDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
