import type { EstimateRow } from '../../estimation/types';
import type { ReportContext } from '../report-context';
import { count, interval, points } from '../report-format';
import { drawTable, type TableRow } from '../report-table';
import { reliabilityMark } from './rankings';

/** Section 4: provinces grouped by region, with the region's own estimate when the run has one. */
export function drawRegions({ canvas, data, summary }: ReportContext): void {
  canvas.newPage();
  canvas.heading('4. Kết quả theo vùng');
  const regionRows = new Map(data.rows
    .filter((r) => r.scheme === data.scheme && r.domain_type === 'region' && r.indicator === summary.headline)
    .map((r) => [r.domain, r]));
  canvas.paragraph(regionRows.size
    ? 'Dòng tô màu là ước lượng của cả vùng (mọi người trả lời trong vùng, theo dân số); các dòng dưới là các tỉnh trong vùng, xếp theo chỉ số.'
    : 'Lần ước lượng này không tính riêng cho vùng; các tỉnh được nhóm theo vùng để tiện theo dõi.', { size: 8.5 });
  const regions = [...new Set(summary.standings.map((s) => s.province.region))].sort((a, b) => a.localeCompare(b, 'vi'));
  const rows: TableRow[] = [];
  for (const region of regions) {
    const own: EstimateRow | undefined = regionRows.get(region);
    rows.push({ style: 'group', cells: [region, own ? points(own.p) : '', own ? interval(own.ci_xlogit_lo, own.ci_xlogit_hi) : '', own ? count(own.n) : '', ''] });
    for (const s of summary.standings.filter((x) => x.province.region === region)) {
      rows.push({ cells: [`   ${s.province.name}`, points(s.row.p), interval(s.row.ci_xlogit_lo, s.row.ci_xlogit_hi), count(s.row.n), s.rank === null ? '–' : `${s.rank}${reliabilityMark(s.row.flags)}`] });
    }
  }
  drawTable(canvas, [
    { header: 'Vùng / tỉnh, thành phố', width: 40 },
    { header: 'SIPAS (%)', width: 14, align: 'right' },
    { header: 'KTC 95%', width: 18, align: 'right' },
    { header: 'n', width: 10, align: 'right' },
    { header: 'Hạng', width: 9, align: 'right' },
  ], rows);
}
