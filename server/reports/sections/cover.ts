import { runNotice } from '../../estimation-runs/run-kind';
import { vi } from '../../pdf/pdf-document';
import { COLORS, SYNTHETIC_NOTICE } from '../report-canvas';
import { GEOGRAPHY_NAMES, SCHEME_NAMES, waveName, type ReportContext } from '../report-context';
import { dateVi } from '../report-format';

/** Title page: the wave, the date the report was made, and the run it was made from. */
export function drawCover({ canvas, data }: ReportContext): void {
  const { doc } = canvas;
  const { run, wave } = data;
  doc.rect(0, 150, doc.page.width, 210).fill(COLORS.primary);
  doc.font('semibold').fontSize(11).fillColor('#ffffff')
    .text('BỘ NỘI VỤ', canvas.left, 175, { width: canvas.width, align: 'center' });
  doc.font('bold').fontSize(21)
    .text(vi('BÁO CÁO CHỈ SỐ HÀI LÒNG VỀ SỰ PHỤC VỤ HÀNH CHÍNH'), canvas.left, 215, { width: canvas.width, align: 'center' });
  doc.font('bold').fontSize(30).text(vi(`SIPAS ${wave.year}`), canvas.left, 290, { width: canvas.width, align: 'center' });

  doc.y = 400;
  const line = (label: string, value: string) => {
    doc.font('semibold').fontSize(10.5).fillColor(COLORS.ink).text(vi(label), canvas.left + 40, doc.y, { continued: true });
    doc.font('regular').text(vi(` ${value}`));
    doc.moveDown(0.35);
  };
  line('Đợt khảo sát:', `${waveName(wave)} (mã ${wave.id})`);
  line('Đơn vị báo cáo:', GEOGRAPHY_NAMES[run.geography_code] ?? run.geography_code);
  line('Ngày lập báo cáo:', dateVi(data.generatedAt));
  line('Lần ước lượng:', run.id);
  line('Ước lượng lúc:', `${dateVi(run.finished_at)} · ${SCHEME_NAMES[data.scheme]}`);
  line('Số người trả lời:', String(run.respondent_count).replace(/\B(?=(\d{3})+(?!\d))/g, '.'));
  const sampleNotice = runNotice(run);
  if (sampleNotice) {
    doc.moveDown(1);
    doc.font('bold').fontSize(12).fillColor(COLORS.warning)
      .text(vi(`${sampleNotice.vi}.`), canvas.left + 40, doc.y, { width: canvas.width - 80, align: 'center' });
  }
  if (wave.is_synthetic) {
    doc.moveDown(1.5);
    doc.font('bold').fontSize(13).fillColor(COLORS.warning)
      .text(vi(`${SYNTHETIC_NOTICE}: số liệu trong báo cáo này không phải kết quả khảo sát thật.`), canvas.left + 40, doc.y, { width: canvas.width - 80, align: 'center' });
  }
  doc.font('italic').fontSize(8.5).fillColor(COLORS.muted)
    .text(vi('Mọi số liệu trong báo cáo được lấy từ một lần ước lượng đã lưu (không tính lại từ dữ liệu đang thay đổi). '
      + 'Tỷ lệ hài lòng được ước lượng có trọng số, kèm khoảng tin cậy 95%.'), canvas.left + 40, canvas.bottom - 50, { width: canvas.width - 80, align: 'center' });
}
