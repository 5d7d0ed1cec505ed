import { vi } from '../pdf/pdf-document';
import { COLORS, type ReportCanvas } from './report-canvas';

export interface TableColumn {
  header: string;
  /** A share of the text width; columns are scaled to fill it. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** One row: its cells' text, and optionally a style (a group's heading row, a highlighted row). */
export interface TableRow {
  cells: string[];
  style?: 'group' | 'highlight' | 'muted';
  /** Drawn after the text, e.g. a small arrow; gets the cell boxes of the row. */
  decorate?: (boxes: { x: number; y: number; width: number; height: number }[]) => void;
}

export interface TableOptions {
  fontSize?: number;
  /** Start x and total width. @default the text block */
  x?: number;
  width?: number;
}

/** A plain table that repeats its header on every page it runs onto. */
export function drawTable(canvas: ReportCanvas, columns: TableColumn[], rows: TableRow[], options: TableOptions = {}): void {
  const { doc } = canvas;
  const size = options.fontSize ?? 8;
  const x0 = options.x ?? canvas.left;
  const total = options.width ?? canvas.width;
  const scale = total / columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => c.width * scale);
  const rowHeight = size * 1.75;
  const pad = 3;
  doc.font('semibold').fontSize(size);
  const headerLines = Math.max(1, ...columns.map((c, k) => Math.ceil(doc.heightOfString(vi(c.header || ' '), { width: widths[k] - 2 * pad }) / (size * 1.25) - 0.05)));
  const headerHeight = rowHeight * 0.6 + headerLines * size * 1.25;

  const header = () => {
    const y = doc.y;
    doc.rect(x0, y, total, headerHeight).fill(COLORS.primary);
    let x = x0;
    doc.font('semibold').fontSize(size).fillColor('#ffffff');
    columns.forEach((c, k) => {
      doc.text(vi(c.header), x + pad, y + rowHeight * 0.3, { width: widths[k] - 2 * pad, align: c.align ?? 'left', lineGap: size * 0.25 - 0.5 });
      x += widths[k];
    });
    doc.y = y + headerHeight;
  };

  canvas.ensureSpace(headerHeight + rowHeight * 2);
  header();
  rows.forEach((row, index) => {
    if (doc.y + rowHeight > canvas.bottom) {
      canvas.newPage();
      header();
    }
    const y = doc.y;
    if (row.style === 'group') doc.rect(x0, y, total, rowHeight).fill(COLORS.light);
    else if (row.style === 'highlight') doc.rect(x0, y, total, rowHeight).fill('#fdecea');
    else if (index % 2 === 1) doc.rect(x0, y, total, rowHeight).fill(COLORS.band);
    doc.font(row.style === 'group' || row.style === 'highlight' ? 'semibold' : 'regular').fontSize(size)
      .fillColor(row.style === 'muted' ? COLORS.muted : COLORS.ink);
    const boxes: { x: number; y: number; width: number; height: number }[] = [];
    let x = x0;
    row.cells.forEach((cell, k) => {
      doc.text(vi(cell), x + pad, y + (rowHeight - size) / 2 - 0.5, { width: widths[k] - 2 * pad, align: columns[k].align ?? 'left', lineBreak: false, height: rowHeight });
      boxes.push({ x, y, width: widths[k], height: rowHeight });
      x += widths[k];
    });
    row.decorate?.(boxes);
    doc.y = y + rowHeight;
  });
  doc.moveTo(x0, doc.y).lineTo(x0 + total, doc.y).lineWidth(0.5).strokeColor(COLORS.grid).stroke();
  doc.x = canvas.left;
  doc.y += 8;
  doc.font('regular').fontSize(9.5).fillColor(COLORS.ink);
}
