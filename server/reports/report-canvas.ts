import { vi, type PdfDocument } from '../pdf/pdf-document';

export const COLORS = {
  ink: '#1a1a1a',
  muted: '#5f6368',
  primary: '#1f3c88',
  light: '#e8edf7',
  band: '#f4f6fa',
  grid: '#d0d4dc',
  national: '#c0392b',
  up: '#1e8e3e',
  down: '#c5221f',
  warning: '#b3261e',
} as const;

/** The warning every page, sheet and export of a synthetic wave carries. */
export const SYNTHETIC_NOTICE = 'Dữ liệu mô phỏng (synthetic)';

export interface Furniture {
  /** Left part of every footer, e.g. "SIPAS 2023 · lần ước lượng 1f2e…". */
  footer: string;
  synthetic: boolean;
  /** A further warning on every page (e.g. non-probability answers). */
  notice?: string;
}

/**
 * The report's pages: A4 with a running header (the synthetic-data warning when it applies) and a
 * footer with the page number on every page, plus the few text styles the report uses.
 */
export class ReportCanvas {
  private pageNumber = 0;

  constructor(readonly doc: PdfDocument, private readonly furniture: Furniture) {
    doc.on('pageAdded', () => this.drawFurniture());
    this.drawFurniture();
  }

  get left(): number { return this.doc.page.margins.left; }
  get right(): number { return this.doc.page.width - this.doc.page.margins.right; }
  get width(): number { return this.right - this.left; }
  get top(): number { return this.doc.page.margins.top; }
  get bottom(): number { return this.doc.page.height - this.doc.page.margins.bottom; }

  newPage(): void {
    this.doc.addPage();
  }

  /** Starts a new page unless `height` points still fit below the cursor. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  heading(text: string, level: 1 | 2 = 1): void {
    const size = level === 1 ? 15 : 11.5;
    this.ensureSpace(size * 4);
    if (level === 1 && this.doc.y > this.top + 1) this.doc.moveDown(0.6);
    this.doc.font('bold').fontSize(size).fillColor(COLORS.primary)
      .text(vi(text), this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(level === 1 ? 0.4 : 0.25);
    this.doc.font('regular').fontSize(9.5).fillColor(COLORS.ink);
  }

  paragraph(text: string, options: { size?: number; color?: string; font?: 'regular' | 'italic' | 'semibold' | 'bold' } = {}): void {
    this.doc.font(options.font ?? 'regular').fontSize(options.size ?? 9.5);
    this.ensureSpace(Math.min(this.doc.heightOfString(vi(text), { width: this.width, lineGap: 1.5 }), this.bottom - this.top));
    this.doc.fillColor(options.color ?? COLORS.ink)
      .text(vi(text), this.left, this.doc.y, { width: this.width, align: 'left', lineGap: 1.5 });
    this.doc.moveDown(0.45);
    this.doc.font('regular').fontSize(9.5).fillColor(COLORS.ink);
  }

  bullet(text: string): void {
    const indent = 12;
    this.doc.font('regular').fontSize(9.5);
    this.ensureSpace(this.doc.heightOfString(vi(text), { width: this.width - indent, lineGap: 1.5 }));
    const y = this.doc.y;
    this.doc.font('regular').fontSize(9.5).fillColor(COLORS.ink).text('•', this.left + 2, y, { lineBreak: false });
    this.doc.text(vi(text), this.left + indent, y, { width: this.width - indent, lineGap: 1.5 });
    this.doc.moveDown(0.25);
  }

  private drawFurniture(): void {
    const { doc } = this;
    // A paragraph running onto the new page goes on in its own font, size and colour.
    const state = doc as unknown as { _font: unknown; _fontSize: number; _fillColor: unknown };
    const kept = { font: state._font, size: state._fontSize, fill: state._fillColor };
    this.pageNumber++;
    const bottomMargin = doc.page.margins.bottom;
    // Text below the bottom margin would otherwise open yet another page.
    doc.page.margins.bottom = 0;
    doc.save();
    if (this.furniture.synthetic || this.furniture.notice) {
      const banner = [this.furniture.synthetic ? SYNTHETIC_NOTICE : null, this.furniture.notice ?? null].filter(Boolean).join(' · ');
      doc.rect(0, 0, doc.page.width, 22).fill(COLORS.warning);
      doc.font('bold').fontSize(9).fillColor('#ffffff')
        .text(vi(banner), 0, 6.5, { width: doc.page.width, align: 'center', lineBreak: false });
    }
    const y = doc.page.height - bottomMargin + 16;
    doc.moveTo(this.left, y - 5).lineTo(this.right, y - 5).lineWidth(0.5).strokeColor(COLORS.grid).stroke();
    doc.font('regular').fontSize(7.5).fillColor(COLORS.muted)
      .text(vi(this.furniture.footer), this.left, y, { width: this.width - 60, lineBreak: false });
    doc.text(`Trang ${this.pageNumber}`, this.right - 60, y, { width: 60, align: 'right', lineBreak: false });
    doc.restore();
    doc.page.margins.bottom = bottomMargin;
    if (kept.font) {
      state._font = kept.font;
      state._fontSize = kept.size;
      state._fillColor = kept.fill;
    } else {
      doc.font('regular').fontSize(9.5).fillColor(COLORS.ink);
    }
    doc.x = this.left;
    doc.y = this.top;
  }
}
