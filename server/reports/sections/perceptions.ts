import type { PerceptionItem } from '../../perceptions/perceptions';
import { COLORS } from '../report-canvas';
import { drawStackedBars } from '../report-charts';
import type { ReportContext } from '../report-context';
import { count, percent } from '../report-format';
import { drawTable } from '../report-table';

const PRIORITY_COLORS = ['#1f3c88', '#7f9bd6', '#d6deef'];

function shareTable(ctx: ReportContext, item: PerceptionItem): void {
  ctx.canvas.heading(item.title.vi, 2);
  drawTable(ctx.canvas, [
    { header: 'Câu trả lời', width: 60 },
    { header: 'Tỷ lệ (có trọng số)', width: 22, align: 'right' },
  ], [
    ...item.shares.map((s) => ({ cells: [s.label.vi, percent(s.share, 1)] })),
    { style: 'muted' as const, cells: [`Số người trả lời câu này: ${count(item.n)}`, ''] },
  ], { width: ctx.canvas.width * 0.75 });
}

/** Section 5: perceptions (part B) and the 10 improvement priorities (part F), as weighted shares. */
export function drawPerceptions(ctx: ReportContext): void {
  const { canvas, data } = ctx;
  canvas.newPage();
  canvas.heading('5. Nhận thức và mong đợi của người dân');
  if (!data.perceptions) {
    canvas.paragraph('Đợt khảo sát này không có câu trả lời cho các câu hỏi về nhận thức và mong đợi.');
    return;
  }
  canvas.paragraph('Tỷ lệ dưới đây là tỷ lệ có trọng số thiết kế trong số người trả lời từng câu (không hiệu chỉnh theo dân số, không kèm khoảng tin cậy), '
    + 'tính từ các phiếu trả lời của đợt khảo sát.', { size: 8.5 });
  if (!data.perceptionsMatchRun) {
    canvas.paragraph('Lưu ý: các phiếu trả lời của đợt đã thay đổi sau lần ước lượng này (có phiếu được thêm hoặc loại), nên phần này tính trên dữ liệu hiện tại '
      + 'và có thể không khớp hoàn toàn với các phần khác của báo cáo.', { size: 8.5, color: COLORS.warning, font: 'semibold' });
  }
  const items = data.perceptions.all;
  for (const item of items.filter((i) => i.row === null)) shareTable(ctx, item);

  const priorities = items.filter((i) => i.question === 'priorities');
  if (priorities.length) {
    canvas.newPage();
    canvas.heading('Mười nội dung người dân mong muốn cải thiện', 2);
    const sorted = [...priorities].sort((a, b) => (b.shares[0]?.share ?? 0) - (a.shares[0]?.share ?? 0));
    const top = canvas.doc.y + 4;
    const height = sorted.length * 22 + 20;
    drawStackedBars(canvas.doc, { x: canvas.left, y: top, width: canvas.width, height },
      sorted.map((p) => ({ label: p.title.vi, shares: p.shares.map((s) => s.share) })),
      sorted[0].shares.map((s) => s.label.vi), PRIORITY_COLORS);
    canvas.doc.y = top + height + 12;
    drawTable(canvas, [
      { header: 'Nội dung', width: 46 },
      ...sorted[0].shares.map((s) => ({ header: s.label.vi, width: 18, align: 'right' as const })),
      { header: 'n', width: 10, align: 'right' },
    ], sorted.map((p) => ({ cells: [p.title.vi, ...p.shares.map((s) => percent(s.share, 1)), count(p.n)] })), { fontSize: 7.5 });
  }
}
