import { COLORS } from '../report-canvas';
import type { ReportContext } from '../report-context';
import { count, interval, points, signedPoints } from '../report-format';
import type { ProvinceStanding } from '../report-summary';
import { drawTable, type TableRow } from '../report-table';

/** Estimates the engine flags as unreliable (METHOD.md §5) carry a mark in every table. */
export function reliabilityMark(flags: readonly string[]): string {
  return flags.some((f) => f !== 'interval_undefined') ? '*' : flags.length ? '†' : '';
}

/** Rank movement as printed: only changes the t test calls significant count as moves (METHOD.md §5). */
export function rankChange(s: ProvinceStanding): string {
  if (s.previousRank === null || s.rank === null || !s.change) return '–';
  if (!s.significant) return '≈';
  const moved = s.previousRank - s.rank;
  return moved > 0 ? `+${moved}` : moved < 0 ? `${moved}` : '0';
}

function arrow(doc: PDFKit.PDFDocument, s: ProvinceStanding, box: { x: number; y: number; height: number }): void {
  if (!s.significant || !s.change) return;
  const up = s.change.diff > 0;
  const cx = box.x + 6;
  const cy = box.y + box.height / 2;
  doc.save();
  if (up) doc.polygon([cx - 3, cy + 2], [cx + 3, cy + 2], [cx, cy - 3]).fill(COLORS.up);
  else doc.polygon([cx - 3, cy - 2], [cx + 3, cy - 2], [cx, cy + 3]).fill(COLORS.down);
  doc.restore();
}

/** Section 2: every province with its interval, sample size and rank change. */
export function drawRankings({ canvas, data, summary }: ReportContext): void {
  const hasPrevious = data.previous !== null;
  canvas.newPage();
  canvas.heading('2. Xếp hạng các tỉnh, thành phố');
  canvas.paragraph(
    'Các tỉnh được xếp theo chỉ số SIPAS ước lượng, kèm khoảng tin cậy 95%. '
    + (hasPrevious
      ? 'Cột "Thay đổi hạng" chỉ ghi số bậc khi chỉ số của tỉnh thay đổi có ý nghĩa thống kê so với đợt trước (kiểm định t, mức 5%); '
        + 'dấu ≈ nghĩa là thay đổi nằm trong sai số chọn mẫu và không được coi là thay đổi thứ hạng. '
      : '')
    + 'Dấu * đánh dấu ước lượng kém tin cậy (dưới 30 người trả lời, cỡ mẫu hiệu dụng dưới 30 hoặc khoảng tin cậy rộng hơn 20 điểm).',
    { size: 8.5 },
  );
  const rows: TableRow[] = summary.standings.map((s) => ({
    cells: [
      String(s.rank ?? '–'), s.province.name, points(s.row.p), interval(s.row.ci_xlogit_lo, s.row.ci_xlogit_hi), count(s.row.n),
      ...(hasPrevious ? [s.previousRank === null ? '–' : String(s.previousRank), rankChange(s), signedPoints(s.change?.diff ?? null)] : []),
      reliabilityMark(s.row.flags),
    ],
    decorate: hasPrevious ? (boxes) => arrow(canvas.doc, s, boxes[6]) : undefined,
  }));
  drawTable(canvas, [
    { header: 'Hạng', width: 7, align: 'right' },
    { header: 'Tỉnh, thành phố', width: 26 },
    { header: 'SIPAS (%)', width: 11, align: 'right' },
    { header: 'KTC 95%', width: 16, align: 'right' },
    { header: 'n', width: 8, align: 'right' },
    ...(hasPrevious ? [
      { header: 'Hạng đợt trước', width: 12, align: 'right' as const },
      { header: 'Thay đổi hạng', width: 12, align: 'right' as const },
      { header: 'Chênh lệch (điểm %)', width: 15, align: 'right' as const },
    ] : []),
    { header: '', width: 3, align: 'center' },
  ], rows, { fontSize: 7.8 });
}
