import { createPdfDocument, renderPdf, vi, type PdfDocument } from '../pdf/pdf-document';
import { drawQrCode } from '../pdf/qr-code';
import { LEFT, RIGHT, type DrawOp, type PlannedForm } from './form-layout';
import {
  FIDUCIAL_SIDE, fiducialCentres, pageQrText, PAGE_SIZE, QR_BOX, type LayoutFile, type StoredLayout,
} from './paper-layout';

/**
 * Pass two of printing: one A4 form per code or serial, every page with its corner fiducials, its QR
 * (form and page) and the header naming the form, then the planned questions. Returns the PDF and
 * `layout.json` (issue #16: marks in points from each page's top-left corner).
 */
export interface FormHeader {
  /** The form code as printed in its QR: an invitation code (`K7M2Q-XH9RT-4WPZC`) or a serial (`S000001`). */
  form: string;
  /** "Mã mời" or "Số phiếu" line. */
  label: string;
  /** The place printed on an invitation's form, or a hint for a blank one. */
  place: string;
}

export interface PrintJob { title: string; waveTitle: string; plan: PlannedForm; forms: readonly FormHeader[] }

const GREY = '#9a9a9a';

function drawOp(doc: PdfDocument, op: DrawOp): void {
  switch (op.t) {
    case 'text':
      doc.font(op.font).fontSize(op.size).fillColor(op.grey ? GREY : 'black')
        .text(vi(op.s), op.x, op.y, { width: op.w, align: op.align ?? 'left', lineBreak: true });
      break;
    case 'circle':
      doc.lineWidth(0.9).circle(op.x, op.y, op.r).stroke('black');
      break;
    case 'box':
      doc.lineWidth(0.9).rect(op.x - op.r, op.y - op.r, 2 * op.r, 2 * op.r).stroke('black');
      break;
    case 'rule':
      doc.lineWidth(0.4).moveTo(op.x1, op.y1).lineTo(op.x2, op.y2).stroke('#c4c4c4');
      break;
    case 'frame':
      doc.lineWidth(0.6).rect(op.x, op.y, op.w, op.h).stroke('#b0b0b0');
      break;
  }
}

function markers(doc: PdfDocument, form: string, page: number): void {
  doc.save().fillColor('black');
  for (const [x, y] of fiducialCentres()) doc.rect(x - FIDUCIAL_SIDE / 2, y - FIDUCIAL_SIDE / 2, FIDUCIAL_SIDE, FIDUCIAL_SIDE);
  doc.fill().restore();
  drawQrCode(doc, pageQrText(form, page), { x: QR_BOX.x, y: QR_BOX.y, size: QR_BOX.size });
}

function header(doc: PdfDocument, job: PrintJob, form: FormHeader, page: number, pages: number): void {
  const width = QR_BOX.x - LEFT - 10;
  doc.fillColor('black').font('bold').fontSize(11).text(vi(job.title), LEFT, 42, { width, lineBreak: false });
  doc.font('semibold').fontSize(9).text(vi(job.waveTitle), LEFT, 58, { width, lineBreak: false, ellipsis: true });
  doc.font('bold').fontSize(11).text(vi(`${form.label}: ${form.form}`), LEFT, 74, { width, lineBreak: false });
  doc.font('regular').fontSize(9).text(vi(form.place), LEFT, 91, { width, lineBreak: false, ellipsis: true });
  doc.font('regular').fontSize(8).text(vi(`Trang ${page}/${pages}`), LEFT, 106, { width, lineBreak: false });
  doc.lineWidth(0.6).moveTo(LEFT, 120).lineTo(RIGHT, 120).stroke('black');
  doc.font('regular').fontSize(7.5).fillColor('#555555')
    .text(vi(`Trang ${page}/${pages} · ${form.form}`), LEFT, PAGE_SIZE[1] - 46, { width: RIGHT - LEFT, align: 'center', lineBreak: false })
    .fillColor('black');
}

/** `layout.json` of a printing: the same marks for every form, under each form's code. */
export function layoutFile(layout: StoredLayout, forms: readonly string[]): LayoutFile {
  const pages = layout.pages.map((p) => ({ page: p.page, marks: p.marks }));
  return { pageSize: [layout.pageSize[0], layout.pageSize[1]], forms: forms.map((form) => ({ form, pages })) };
}

/** `onForm(n)` is told after each form is drawn (a long printing's progress). */
export async function printForms(job: PrintJob, onForm?: (drawn: number) => void): Promise<Buffer> {
  const doc = createPdfDocument({ title: job.title, margin: 0 });
  const pages = job.plan.ops.length;
  job.forms.forEach((form, f) => {
    if (f > 0) onForm?.(f);
    job.plan.ops.forEach((ops, i) => {
      if (f > 0 || i > 0) doc.addPage({ size: 'A4', margin: 0 });
      markers(doc, form.form, i + 1);
      header(doc, job, form, i + 1, pages);
      for (const op of ops) drawOp(doc, op);
    });
  });
  const pdf = await renderPdf(doc);
  onForm?.(job.forms.length);
  return pdf;
}
