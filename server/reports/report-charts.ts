import { vi, type PdfDocument } from '../pdf/pdf-document';
import { COLORS } from './report-canvas';
import { points } from './report-format';

/**
 * The report's charts, drawn as PDF paths and text (vector, sharp at any zoom, text searchable): no
 * bitmaps, no charting library.
 */
export interface Box { x: number; y: number; width: number; height: number }

export interface IntervalPoint { label: string; p: number | null; lo: number | null; hi: number | null; emphasis?: boolean }

/** An axis range in proportions, widened to whole steps of `step` around the values. */
function axisRange(values: (number | null)[], step: number, floor = 0, ceiling = 1): { min: number; max: number } {
  const defined = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (defined.length === 0) return { min: floor, max: ceiling };
  const min = Math.max(floor, Math.floor(Math.min(...defined) / step) * step);
  const max = Math.min(ceiling, Math.ceil(Math.max(...defined) / step) * step);
  return max > min ? { min, max } : { min: Math.max(floor, min - step), max: Math.min(ceiling, max + step) };
}

function ticks(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  for (let t = min; t <= max + 1e-9; t += step) out.push(Math.round(t * 1e6) / 1e6);
  return out;
}

function valueAxis(doc: PdfDocument, plot: Box, min: number, max: number, step: number, at: (v: number) => number): void {
  doc.font('regular').fontSize(6.5).fillColor(COLORS.muted);
  for (const t of ticks(min, max, step)) {
    const x = at(t);
    doc.moveTo(x, plot.y).lineTo(x, plot.y + plot.height).lineWidth(0.4).strokeColor(COLORS.grid).stroke();
    doc.text(points(t, 0), x - 15, plot.y + plot.height + 3, { width: 30, align: 'center', lineBreak: false });
  }
}

/**
 * A dot-and-whisker chart: one line per unit with its estimate and 95% interval, a dashed reference
 * line (the national estimate) and labels on the left.
 */
export function drawIntervalChart(doc: PdfDocument, box: Box, items: IntervalPoint[], reference: { label: string; p: number } | null): void {
  const labelWidth = 105;
  const plot: Box = { x: box.x + labelWidth, y: box.y, width: box.width - labelWidth - 8, height: box.height - 16 };
  const { min, max } = axisRange(items.flatMap((i) => [i.lo ?? i.p, i.hi ?? i.p]).concat(reference ? [reference.p] : []), 0.05);
  const at = (v: number) => plot.x + ((v - min) / (max - min)) * plot.width;
  const rowHeight = plot.height / Math.max(1, items.length);
  doc.save();
  valueAxis(doc, plot, min, max, 0.05, at);
  const fontSize = Math.min(7.5, Math.max(5, rowHeight * 0.72));
  items.forEach((item, k) => {
    const y = plot.y + rowHeight * (k + 0.5);
    doc.font(item.emphasis ? 'semibold' : 'regular').fontSize(fontSize).fillColor(COLORS.ink)
      .text(vi(item.label), box.x, y - fontSize * 0.62, { width: labelWidth - 6, align: 'right', lineBreak: false });
    if (item.lo !== null && item.hi !== null) {
      doc.moveTo(at(item.lo), y).lineTo(at(item.hi), y).lineWidth(1).strokeColor(COLORS.primary).stroke();
      for (const end of [item.lo, item.hi]) doc.moveTo(at(end), y - 1.8).lineTo(at(end), y + 1.8).lineWidth(0.6).stroke();
    }
    if (item.p !== null) doc.circle(at(item.p), y, Math.min(2.4, rowHeight * 0.3)).fill(item.emphasis ? COLORS.national : COLORS.primary);
  });
  if (reference) {
    const x = at(reference.p);
    doc.moveTo(x, plot.y - 4).lineTo(x, plot.y + plot.height).dash(3, { space: 2 }).lineWidth(0.8).strokeColor(COLORS.national).stroke().undash();
    doc.font('semibold').fontSize(7).fillColor(COLORS.national)
      .text(vi(`${reference.label} ${points(reference.p)}`), x - 80, plot.y - 12, { width: 160, align: 'center', lineBreak: false });
  }
  doc.restore();
}

/** Horizontal bars (0–100%) with 95% interval whiskers and the value at the bar's end. */
export function drawBarChart(doc: PdfDocument, box: Box, items: IntervalPoint[]): void {
  const labelWidth = 190;
  const plot: Box = { x: box.x + labelWidth, y: box.y, width: box.width - labelWidth - 40, height: box.height - 16 };
  const at = (v: number) => plot.x + v * plot.width;
  const rowHeight = plot.height / Math.max(1, items.length);
  doc.save();
  valueAxis(doc, plot, 0, 1, 0.2, at);
  items.forEach((item, k) => {
    const y = plot.y + rowHeight * k;
    const barHeight = rowHeight * 0.58;
    const mid = y + rowHeight / 2;
    doc.font(item.emphasis ? 'semibold' : 'regular').fontSize(7.5).fillColor(COLORS.ink)
      .text(vi(item.label), box.x, mid - 4.5, { width: labelWidth - 8, align: 'right', lineBreak: false });
    if (item.p === null) return;
    doc.rect(plot.x, mid - barHeight / 2, item.p * plot.width, barHeight).fill(item.emphasis ? COLORS.national : COLORS.primary);
    if (item.lo !== null && item.hi !== null) {
      doc.moveTo(at(item.lo), mid).lineTo(at(item.hi), mid).lineWidth(0.8).strokeColor(COLORS.ink).stroke();
      for (const end of [item.lo, item.hi]) doc.moveTo(at(end), mid - 2.5).lineTo(at(end), mid + 2.5).stroke();
    }
    doc.font('regular').fontSize(7).fillColor(COLORS.ink)
      .text(points(item.p), at(Math.max(item.p, item.hi ?? item.p)) + 4, mid - 4, { width: 36, lineBreak: false });
  });
  doc.restore();
}

/** A line through the waves' estimates with their 95% intervals as whiskers. */
export function drawTrendChart(doc: PdfDocument, box: Box, items: IntervalPoint[]): void {
  const plot: Box = { x: box.x + 30, y: box.y + 10, width: box.width - 50, height: box.height - 36 };
  const { min, max } = axisRange(items.flatMap((i) => [i.lo ?? i.p, i.hi ?? i.p]), 0.05);
  const yOf = (v: number) => plot.y + plot.height - ((v - min) / (max - min)) * plot.height;
  const xOf = (k: number) => plot.x + (items.length === 1 ? plot.width / 2 : (k / (items.length - 1)) * plot.width * 0.9 + plot.width * 0.05);
  doc.save();
  doc.font('regular').fontSize(6.5).fillColor(COLORS.muted);
  for (const t of ticks(min, max, 0.05)) {
    doc.moveTo(plot.x, yOf(t)).lineTo(plot.x + plot.width, yOf(t)).lineWidth(0.4).strokeColor(COLORS.grid).stroke();
    doc.text(points(t, 0), box.x, yOf(t) - 3.5, { width: 24, align: 'right', lineBreak: false });
  }
  const defined = items.map((item, k) => ({ item, k })).filter(({ item }) => item.p !== null);
  defined.forEach(({ item, k }, j) => {
    if (j > 0) {
      const prev = defined[j - 1];
      doc.moveTo(xOf(prev.k), yOf(prev.item.p!)).lineTo(xOf(k), yOf(item.p!)).lineWidth(1.4).strokeColor(COLORS.primary).stroke();
    }
  });
  items.forEach((item, k) => {
    const x = xOf(k);
    if (item.lo !== null && item.hi !== null) {
      doc.moveTo(x, yOf(item.lo)).lineTo(x, yOf(item.hi)).lineWidth(0.8).strokeColor(COLORS.ink).stroke();
      for (const end of [item.lo, item.hi]) doc.moveTo(x - 3, yOf(end)).lineTo(x + 3, yOf(end)).stroke();
    }
    if (item.p !== null) {
      doc.circle(x, yOf(item.p), 3).fill(item.emphasis ? COLORS.national : COLORS.primary);
      doc.font('semibold').fontSize(7).fillColor(COLORS.ink).text(points(item.p), x + 5, yOf(item.p) - 10, { width: 40, lineBreak: false });
    }
    doc.font('regular').fontSize(7).fillColor(COLORS.ink)
      .text(vi(item.label), x - 45, plot.y + plot.height + 6, { width: 90, align: 'center', lineBreak: false });
  });
  doc.restore();
}

export interface StackedItem { label: string; shares: (number | null)[] }

/** 100% stacked bars, one per item, with a legend of the parts. */
export function drawStackedBars(doc: PdfDocument, box: Box, items: StackedItem[], legend: string[], colors: string[]): void {
  const labelWidth = 205;
  const legendHeight = 16;
  const plot: Box = { x: box.x + labelWidth, y: box.y + legendHeight, width: box.width - labelWidth - 4, height: box.height - legendHeight };
  const rowHeight = plot.height / Math.max(1, items.length);
  doc.save();
  let lx = plot.x;
  legend.forEach((name, k) => {
    doc.rect(lx, box.y + 2, 8, 8).fill(colors[k]);
    doc.font('regular').fontSize(7).fillColor(COLORS.ink).text(vi(name), lx + 11, box.y + 2.5, { lineBreak: false });
    lx += 14 + doc.widthOfString(vi(name)) + 10;
  });
  items.forEach((item, k) => {
    const y = plot.y + rowHeight * k;
    const barHeight = rowHeight * 0.62;
    const mid = y + rowHeight / 2;
    doc.font('regular').fontSize(7.5).fillColor(COLORS.ink)
      .text(vi(item.label), box.x, mid - 4.5, { width: labelWidth - 8, align: 'right', lineBreak: false });
    let x = plot.x;
    item.shares.forEach((share, j) => {
      if (!share) return;
      const w = share * plot.width;
      doc.rect(x, mid - barHeight / 2, w, barHeight).fill(colors[j]);
      if (w > 22) {
        doc.font('regular').fontSize(6.5).fillColor(j === 0 ? '#ffffff' : COLORS.ink)
          .text(points(share, 0), x, mid - 3.5, { width: w, align: 'center', lineBreak: false });
      }
      x += w;
    });
  });
  doc.restore();
}
