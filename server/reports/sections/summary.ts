import { meanInterval } from '../../dashboard/headline';
import type { ComparisonRow } from '../../estimation/compare';
import type { EstimateRow } from '../../estimation/types';
import { SCHEME_NAMES, waveName, type ReportContext } from '../report-context';
import { count, interval, pClause, percent, points, pValue, signedPoints } from '../report-format';
import { indicatorLabel, isSignificant, type ProvinceStanding } from '../report-summary';
import { drawTable } from '../report-table';

function changeText(change: ComparisonRow | undefined): string {
  return change ? signedPoints(change.diff) : '–';
}

function standingRows(list: ProvinceStanding[]) {
  return list.map((s) => ({ cells: [String(s.rank ?? '–'), s.province.name, points(s.row.p), interval(s.row.ci_xlogit_lo, s.row.ci_xlogit_hi)] }));
}

/** The mean of provinces' stored row holds p, se and df: its interval is p ± t(0.975, df)·se (METHOD.md §5). */
function meanIntervalText(row: EstimateRow | undefined): string {
  const i = row ? meanInterval(row) : null;
  return i ? interval(i.lo, i.hi) : '–';
}

function changeSentence(change: ComparisonRow | undefined, previous: string | null): string {
  if (!change || !previous) return 'Không có đợt khảo sát trước có lần ước lượng đã lưu trên cùng đơn vị báo cáo để so sánh.';
  return `So với ${previous} (${percent(change.p_a)}), chỉ số thay đổi ${signedPoints(change.diff)} điểm phần trăm `
    + `(${pClause(change.p_value_t)}): ${isSignificant(change) ? 'thay đổi có ý nghĩa thống kê ở mức 5%' : 'không có ý nghĩa thống kê ở mức 5%, nằm trong phạm vi sai số chọn mẫu'}.`;
}

/**
 * Page 2: the figure the ministry publishes first — the national SIPAS as the unweighted mean of provinces
 * with its interval and change — then the top and bottom five and the five service elements, with the
 * population-weighted national figure beside it; then every index and the range between provinces.
 */
export function drawSummary({ canvas, data, summary }: ReportContext): void {
  const { doc } = canvas;
  const { definition } = data;
  const headline = summary.national.get(summary.headline);
  const mean = summary.meanOfProvinces.get(summary.headline);
  const previousName = data.previous ? waveName(data.previous.wave) : null;
  const counted = summary.standings.filter((s) => s.row.p !== null).length;
  canvas.newPage();
  canvas.heading('1. Tóm tắt kết quả');
  canvas.paragraph(
    `Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) của cả nước năm ${data.wave.year}, theo cách tính chính thức `
    + `(trung bình cộng không trọng số của ${counted} tỉnh, thành phố), là ${percent(mean?.p ?? null)} `
    + `(khoảng tin cậy 95%: ${meanIntervalText(mean)}). ${changeSentence(summary.meanChange.get(summary.headline), previousName)}`,
    { size: 10.5, font: 'semibold' },
  );
  canvas.paragraph(
    `Bên cạnh đó, chỉ số cả nước có trọng số dân số (mỗi tỉnh đóng góp theo dân số của tỉnh) là ${percent(headline?.p ?? null)} `
    + `(khoảng tin cậy 95%: ${interval(headline?.ci_xlogit_lo ?? null, headline?.ci_xlogit_hi ?? null)}), ước lượng từ `
    + `${count(data.run.respondent_count)} người trả lời với ${SCHEME_NAMES[data.scheme]}. Hai cách tính khác nhau vì cách chính thức coi mọi tỉnh như nhau.`,
  );

  const ranked = summary.standings.filter((s) => s.rank !== null);
  const five = Math.min(5, Math.floor(ranked.length / 2));
  if (five > 0) {
    const columns = [
      { header: 'Hạng', width: 9, align: 'right' as const },
      { header: 'Tỉnh, thành phố', width: 30 },
      { header: '%', width: 11, align: 'right' as const },
      { header: 'KTC 95%', width: 19, align: 'right' as const },
    ];
    const half = (canvas.width - 16) / 2;
    canvas.ensureSpace(40 + five * 15);
    const top = doc.y;
    doc.font('semibold').fontSize(9.5).text('Năm tỉnh, thành phố cao nhất', canvas.left, top, { width: half });
    doc.text('Năm tỉnh, thành phố thấp nhất', canvas.left + half + 16, top, { width: half });
    const tableTop = doc.y + 2;
    doc.y = tableTop;
    drawTable(canvas, columns, standingRows(ranked.slice(0, five)), { x: canvas.left, width: half });
    const after = doc.y;
    doc.y = tableTop;
    drawTable(canvas, columns, standingRows(ranked.slice(-five).reverse()), { x: canvas.left + half + 16, width: half });
    doc.y = Math.max(after, doc.y);
    doc.moveDown(0.5);
  }

  const serviceElements = definition.elements.filter((e) => e.group === 'service').map((e) => `elem_${e.id}`);
  if (serviceElements.some((id) => summary.meanOfProvinces.has(id))) {
    canvas.heading('Các yếu tố cung ứng dịch vụ hành chính công', 2);
    drawTable(canvas, [
      { header: 'Yếu tố', width: 40 },
      { header: 'Bình quân các tỉnh', width: 16, align: 'right' },
      { header: 'KTC 95%', width: 17, align: 'right' },
      ...(data.previous ? [{ header: 'Thay đổi (điểm %)', width: 14, align: 'right' as const }] : []),
      { header: 'Cả nước (trọng số dân số)', width: 19, align: 'right' },
    ], serviceElements.map((id) => {
      const m = summary.meanOfProvinces.get(id);
      return {
        cells: [indicatorLabel(definition, id), percent(m?.p ?? null), meanIntervalText(m),
          ...(data.previous ? [changeText(summary.meanChange.get(id))] : []), percent(summary.national.get(id)?.p ?? null)],
      };
    }));
  }

  canvas.heading('Các chỉ số cả nước có trọng số dân số', 2);
  const order = [summary.headline, ...definition.composites.map((c) => c.id).filter((id) => id !== summary.headline), ...(definition.overall ? ['overall'] : [])];
  const hasPrevious = data.previous !== null;
  drawTable(canvas, [
    { header: 'Chỉ số', width: 44 },
    { header: 'Tỷ lệ hài lòng', width: 15, align: 'right' },
    { header: 'KTC 95%', width: 17, align: 'right' },
    { header: 'n', width: 10, align: 'right' },
    ...(hasPrevious ? [{ header: 'Thay đổi (điểm %)', width: 16, align: 'right' as const }, { header: 'p', width: 9, align: 'right' as const }] : []),
  ], order.filter((id) => summary.national.has(id)).map((id) => {
    const row = summary.national.get(id)!;
    const change = summary.nationalChange.get(id);
    return {
      style: id === summary.headline ? 'highlight' as const : undefined,
      cells: [indicatorLabel(definition, id), percent(row.p), interval(row.ci_xlogit_lo, row.ci_xlogit_hi), count(row.n),
        ...(hasPrevious ? [changeText(change), pValue(change?.p_value_t ?? null)] : [])],
    };
  }));

  canvas.heading('Thay đổi của chỉ số có trọng số dân số so với đợt trước', 2);
  const change = summary.nationalChange.get(summary.headline);
  if (!data.previous || !change) {
    canvas.paragraph('Không có đợt khảo sát trước có lần ước lượng đã lưu trên cùng đơn vị báo cáo, nên báo cáo này không so sánh với đợt trước.');
  } else {
    const verdict = isSignificant(change)
      ? 'Thay đổi này có ý nghĩa thống kê ở mức 5%.'
      : 'Thay đổi này nằm trong phạm vi sai số chọn mẫu (không có ý nghĩa thống kê ở mức 5%), nên không được coi là thay đổi.';
    canvas.paragraph(
      `So với ${waveName(data.previous.wave)} (${percent(change.p_a)}), chỉ số SIPAS cả nước thay đổi ${signedPoints(change.diff)} điểm phần trăm `
      + `(KTC 95% của chênh lệch: ${signedPoints(change.ci_diff_lo)} đến ${signedPoints(change.ci_diff_hi)}; kiểm định t hai phía, ${pClause(change.p_value_t)}). ${verdict}`,
    );
    const m = summary.movement;
    canvas.paragraph(
      `Trong ${summary.standings.length} tỉnh, thành phố: ${m.upSignificant + m.upNotSignificant} tỉnh tăng (${m.upSignificant} tăng có ý nghĩa thống kê, `
      + `${m.upNotSignificant} tăng trong phạm vi sai số); ${m.downSignificant + m.downNotSignificant} tỉnh giảm (${m.downSignificant} giảm có ý nghĩa thống kê, `
      + `${m.downNotSignificant} giảm trong phạm vi sai số)${m.notCompared ? `; ${m.notCompared} tỉnh không so sánh được` : ''}.`,
    );
  }

  if (ranked.length) {
    const best = ranked[0];
    const worst = ranked[ranked.length - 1];
    canvas.heading('Khoảng giá trị giữa các tỉnh', 2);
    canvas.paragraph(
      `Chỉ số SIPAS của các tỉnh, thành phố dao động từ ${percent(worst.row.p)} (${worst.province.name}) đến ${percent(best.row.p)} (${best.province.name}), `
      + `chênh lệch ${points(best.row.p! - worst.row.p!)} điểm phần trăm. Vì mỗi tỉnh chỉ có vài trăm người trả lời, khoảng tin cậy của các tỉnh `
      + 'gần nhau thường chồng lên nhau: thứ hạng sát nhau chưa chắc phản ánh khác biệt thật.',
    );
  }
}
