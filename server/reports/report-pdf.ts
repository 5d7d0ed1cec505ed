import { createPdfDocument, renderPdf } from '../pdf/pdf-document';
import { isNonProbability } from '../estimation-runs/run-kind';
import { ReportCanvas } from './report-canvas';
import type { ReportContext } from './report-context';
import type { ReportData } from './report-data';
import { summarise } from './report-summary';
import { drawCharts } from './sections/charts';
import { drawCover } from './sections/cover';
import { drawMap } from './sections/map';
import { drawMethodology } from './sections/methodology';
import { drawPerceptions } from './sections/perceptions';
import { drawRankings } from './sections/rankings';
import { drawRegions } from './sections/regions';
import { drawSummary } from './sections/summary';

const SECTIONS: readonly [string, (ctx: ReportContext) => void][] = [
  ['trang bìa/cover', drawCover],
  ['tóm tắt/summary', drawSummary],
  ['bản đồ/map', drawMap],
  ['xếp hạng/rankings', drawRankings],
  ['biểu đồ/charts', drawCharts],
  ['vùng/regions', drawRegions],
  ['nhận thức/perceptions', drawPerceptions],
  ['phương pháp/methodology', drawMethodology],
];

/** Lays out the report from its data; `onProgress` hears each finished section. */
export async function renderReport(data: ReportData, onProgress: (fraction: number, step: string) => void = () => {}): Promise<Buffer> {
  const doc = createPdfDocument({ title: `Báo cáo chỉ số SIPAS ${data.wave.year}`, author: 'Bộ Nội vụ — SIPAS' });
  const canvas = new ReportCanvas(doc, {
    footer: `Báo cáo SIPAS ${data.wave.year} · lần ước lượng ${data.run.id}`,
    synthetic: data.wave.is_synthetic,
    notice: isNonProbability(data.run) ? 'Mẫu phi xác suất (non-probability)' : undefined,
  });
  const ctx: ReportContext = { canvas, data, summary: summarise(data) };
  SECTIONS.forEach(([step, draw], k) => {
    draw(ctx);
    onProgress((k + 1) / (SECTIONS.length + 1), step);
  });
  const pdf = await renderPdf(doc);
  onProgress(1, 'PDF');
  return pdf;
}
