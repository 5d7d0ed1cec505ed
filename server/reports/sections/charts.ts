import { drawBarChart, drawIntervalChart, drawTrendChart, type IntervalPoint } from '../report-charts';
import type { ReportContext } from '../report-context';
import { indicatorLabel } from '../report-summary';

/** Section 3: provinces with their intervals, the elements of the index, and the trend over waves. */
export function drawCharts({ canvas, data, summary }: ReportContext): void {
  const { doc } = canvas;
  const national = summary.national.get(summary.headline);
  canvas.newPage();
  canvas.heading('3. Biểu đồ');
  canvas.heading('Hình 1. Chỉ số SIPAS của các tỉnh, thành phố và khoảng tin cậy 95%', 2);
  const provinces: IntervalPoint[] = summary.standings.map((s) => ({
    label: s.province.name, p: s.row.p, lo: s.row.ci_xlogit_lo, hi: s.row.ci_xlogit_hi,
  }));
  const top = doc.y + 14;
  drawIntervalChart(doc, { x: canvas.left, y: top, width: canvas.width, height: canvas.bottom - top - 6 },
    provinces, national?.p != null ? { label: 'Cả nước', p: national.p } : null);

  canvas.newPage();
  canvas.heading('Hình 2. Tỷ lệ hài lòng theo từng nội dung (cả nước, KTC 95%)', 2);
  const { definition } = data;
  const order = [
    ...definition.elements.filter((e) => e.group === 'policy').map((e) => `elem_${e.id}`),
    ...definition.composites.filter((c) => c.id === 'policy').map((c) => c.id),
    ...definition.elements.filter((e) => e.group === 'service').map((e) => `elem_${e.id}`),
    ...definition.composites.filter((c) => c.id !== 'policy').map((c) => c.id),
    ...(definition.overall ? ['overall'] : []),
  ];
  const composites = new Set(definition.composites.map((c) => c.id));
  const elements: IntervalPoint[] = order.filter((id) => summary.national.has(id)).map((id) => {
    const row = summary.national.get(id)!;
    return { label: indicatorLabel(definition, id), p: row.p, lo: row.ci_xlogit_lo, hi: row.ci_xlogit_hi, emphasis: composites.has(id) };
  });
  const barsTop = doc.y + 4;
  const barsHeight = Math.max(180, elements.length * 19 + 20);
  drawBarChart(doc, { x: canvas.left, y: barsTop, width: canvas.width, height: barsHeight }, elements);
  doc.y = barsTop + barsHeight + 18;

  canvas.heading('Hình 3. Chỉ số SIPAS cả nước qua các đợt khảo sát (KTC 95%)', 2);
  const trend: IntervalPoint[] = data.trend.map((t) => ({
    label: String(t.wave.year), p: t.row.p, lo: t.row.ci_xlogit_lo, hi: t.row.ci_xlogit_hi, emphasis: t.runId === data.run.id,
  }));
  canvas.ensureSpace(220);
  const trendTop = doc.y + 4;
  drawTrendChart(doc, { x: canvas.left, y: trendTop, width: canvas.width, height: 200 }, trend);
  doc.y = trendTop + 206;
  if (trend.length < 2) {
    canvas.paragraph('Chưa có đợt khảo sát trước có lần ước lượng đã lưu để vẽ xu hướng.', { size: 8.5, font: 'italic' });
  } else {
    canvas.paragraph('Mỗi đợt dùng lần ước lượng mới nhất đã lưu của đợt đó; số liệu cả nước so sánh được giữa hai cách chia đơn vị hành chính.', { size: 8.5, font: 'italic' });
  }
}
