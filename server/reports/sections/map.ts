import { classBreaks, classOf, gridSize, initials, TILE_COLOURS, TILE_GRIDS, type TileGeography } from '../../../contracts/tile-grid';
import { vi } from '../../pdf/pdf-document';
import { COLORS } from '../report-canvas';
import type { ReportContext } from '../report-context';
import { percent, points } from '../report-format';

/**
 * Hình: the tile-grid map of the headline index, one square per unit placed roughly where it lies (the same
 * grid as the dashboard), coloured in five equal-width classes, each tile with the unit's initials and
 * figure; the key beside it, and each unit's interval in the ranking table (section 2).
 */
export function drawMap({ canvas, data, summary }: ReportContext): void {
  const grid = TILE_GRIDS[data.run.geography_code as TileGeography];
  if (!grid) return;
  const { doc } = canvas;
  canvas.newPage();
  canvas.heading('Bản đồ ô: chỉ số SIPAS của các tỉnh, thành phố', 2);
  canvas.paragraph(
    'Mỗi ô là một tỉnh, thành phố, đặt gần đúng vị trí địa lý; màu đậm hơn là chỉ số cao hơn. Chữ trong ô là chữ cái đầu của tên tỉnh '
    + 'và chỉ số (%); khoảng tin cậy 95% của từng tỉnh ở bảng xếp hạng (mục 2). Ô viền nét đứt là ước lượng kém tin cậy.',
    { size: 8.5 },
  );
  const { columns, rows } = gridSize(grid);
  const legendWidth = 150;
  const top = doc.y + 6;
  const gap = 2;
  const size = Math.min((canvas.width - legendWidth - 20) / columns, (canvas.bottom - top - 10) / rows) - gap;
  const values = summary.standings.flatMap((s) => (s.row.p === null ? [] : [s.row.p]));
  const breaks = classBreaks(values);
  for (const s of summary.standings) {
    const cell = grid[s.province.code];
    if (!cell) continue;
    const x = canvas.left + cell[0] * (size + gap);
    const y = top + cell[1] * (size + gap);
    const k = s.row.p === null ? null : classOf(s.row.p, breaks);
    doc.save();
    doc.rect(x, y, size, size).fill(k === null ? '#ffffff' : TILE_COLOURS[k]);
    doc.rect(x, y, size, size).lineWidth(0.6).strokeColor(COLORS.muted);
    if (s.row.flags.some((f) => f !== 'interval_undefined')) doc.dash(2, { space: 1.5 });
    doc.stroke().undash();
    doc.fillColor(k !== null && k >= 3 ? '#ffffff' : COLORS.ink);
    doc.font('bold').fontSize(Math.min(8, size / 3.6)).text(vi(initials(s.province.name)), x, y + size * 0.18, { width: size, align: 'center', lineBreak: false });
    doc.font('regular').fontSize(Math.min(7, size / 4.2)).text(points(s.row.p, 0), x, y + size * 0.55, { width: size, align: 'center', lineBreak: false });
    doc.restore();
  }
  const lx = canvas.left + columns * (size + gap) + 20;
  let ly = top;
  doc.font('semibold').fontSize(8.5).fillColor(COLORS.ink).text(vi('Chú giải (chỉ số SIPAS)'), lx, ly, { width: legendWidth });
  ly = doc.y + 4;
  const low = Math.min(...values);
  const high = Math.max(...values);
  TILE_COLOURS.forEach((colour, k) => {
    const from = k === 0 ? low : breaks[k - 1];
    const to = k === TILE_COLOURS.length - 1 ? high : breaks[k];
    doc.save().rect(lx, ly, 12, 12).fill(colour).rect(lx, ly, 12, 12).lineWidth(0.5).strokeColor(COLORS.muted).stroke().restore();
    doc.font('regular').fontSize(8).fillColor(COLORS.ink).text(`${percent(from, 1)} – ${percent(to, 1)}`, lx + 18, ly + 2, { width: legendWidth - 18, lineBreak: false });
    ly += 17;
  });
  doc.font('regular').fontSize(7.5).fillColor(COLORS.muted);
  const names = summary.standings.filter((s) => grid[s.province.code]).map((s) => `${initials(s.province.name)}: ${s.province.name}`);
  doc.text(vi(names.join(' · ')), lx, ly + 8, { width: canvas.right - lx, lineGap: 1 });
  doc.fillColor(COLORS.ink);
  doc.x = canvas.left;
  doc.y = Math.max(doc.y, top + rows * (size + gap)) + 6;
}
