import type { EstimateRow } from '../../estimation/types';
import { GEOGRAPHY_NAMES, SCHEME_NAMES, type ReportContext } from '../report-context';
import { count, dateVi, decimal, percent } from '../report-format';
import { indicatorLabel } from '../report-summary';
import { drawTable } from '../report-table';

const FLAG_NAMES: Record<string, string> = {
  small_n: 'dưới 30 người trả lời',
  small_n_eff: 'cỡ mẫu hiệu dụng (Kish) dưới 30',
  wide_interval: 'khoảng tin cậy rộng hơn 20 điểm phần trăm',
  interval_undefined: 'không xác định được khoảng tin cậy (tỷ lệ bằng 0 hoặc 100%, hoặc bậc tự do bằng 0)',
  no_respondent: 'không có người trả lời',
  not_raked: 'tỉnh không hiệu chỉnh được theo tổng dân số: dùng trọng số thiết kế',
};

function designText(ctx: ReportContext, overall: EstimateRow | undefined): string {
  const { wave, run } = ctx.data;
  const strata = overall ? overall.n_psu - overall.df : null;
  const sample = `Lần ước lượng này dùng ${count(run.respondent_count)} phiếu trả lời hợp lệ`
    + (overall ? ` thuộc ${count(overall.n_psu)} đơn vị mẫu cấp 1 (PSU) trong ${count(strata)} tầng.` : '.');
  if (wave.design === 'service_point') {
    return 'Khảo sát tại điểm phục vụ: tầng là tỉnh, đơn vị mẫu cấp 1 là điểm phục vụ (bộ phận một cửa); trọng số làm cho mỗi điểm đóng góp '
      + `theo số giao dịch của điểm trong kỳ. ${sample}`;
  }
  if (wave.design === 'open') {
    return 'Các câu trả lời trực tuyến tự nguyện không có trọng số thiết kế (mẫu phi xác suất): các ước lượng chỉ mô tả những người đã trả lời '
      + `và không đại diện cho dân số; khoảng tin cậy chỉ mang tính tham khảo. ${sample}`;
  }
  return 'Khảo sát hộ gia đình chọn mẫu nhiều giai đoạn đối với người dân từ 18 tuổi trở lên: tầng là tỉnh (hoặc tỉnh × thành thị/nông thôn); '
    + 'đơn vị mẫu cấp 1 (PSU) là xã, phường được chọn với xác suất tỷ lệ với quy mô dân số; trong mỗi xã chọn người trả lời theo chỉ tiêu của thôn. '
    + 'Trọng số thiết kế của một người là nghịch đảo xác suất được chọn: 1 / (xác suất chọn xã × xác suất chọn người trong xã). '
    + `Kế hoạch mẫu (khung mẫu, xác suất chọn, chỉ tiêu) được lưu cùng đợt khảo sát. ${sample}`;
}

/** Annex: design, sample sizes, weighting, variance, design effects, reliability, reading an interval, provenance. */
export function drawMethodology(ctx: ReportContext): void {
  const { canvas, data, summary } = ctx;
  const { run, definition } = data;
  const mine = data.rows.filter((r) => r.scheme === data.scheme);
  const overallNational = data.rows.find((r) => r.scheme === 'design' && r.domain_type === 'national' && r.indicator === 'overall');
  const parameters = run.parameters as { nonProbability?: boolean; unitWeightResponses?: number };

  canvas.newPage();
  canvas.heading('Phụ lục. Phương pháp');
  canvas.heading('A. Thiết kế khảo sát', 2);
  canvas.paragraph(designText(ctx, overallNational));
  if (parameters.unitWeightResponses) {
    canvas.paragraph(`${count(parameters.unitWeightResponses)} phiếu không có trọng số thiết kế được tính với trọng số 1 (giả định tự gia quyền).`);
  }
  if (run.geography_code !== data.wave.geography_code) {
    canvas.paragraph(`Đợt khảo sát được thu thập theo ${GEOGRAPHY_NAMES[data.wave.geography_code]} và được ước lượng lại theo ${GEOGRAPHY_NAMES[run.geography_code]}: `
      + 'tầng, đơn vị mẫu và tổng dân số dùng để hiệu chỉnh vẫn là của các tỉnh cũ; chỉ miền báo cáo thay đổi (tỉnh cũ được gộp vào đơn vị mới). '
      + 'Không lấy trung bình các tỷ lệ của tỉnh cũ.');
  }

  canvas.heading('B. Chỉ số và cách tính', 2);
  canvas.bullet(`Mỗi nhận định được trả lời theo thang 5 mức (1 Rất không hài lòng … 5 Rất hài lòng); người trả lời "hài lòng" với một nhận định khi chọn mức 4 hoặc 5. `
    + 'Câu bỏ trống hoặc không áp dụng được coi là thiếu: người đó nằm ngoài miền của chỉ tiêu, không bị tính là không hài lòng và vẫn được giữ trong thiết kế mẫu.');
  canvas.bullet('Một nội dung (yếu tố) được tính là hài lòng khi trung bình các nhận định đã trả lời của nội dung đó từ 4 trở lên.');
  for (const c of definition.composites) {
    canvas.bullet(`${c.label.vi}: trung bình cộng với trọng số bằng nhau của ${c.parts.map((p) => indicatorLabel(definition, p)).join('; ')}.`);
  }
  canvas.bullet('Chỉ số cả nước được ước lượng từ mọi người trả lời (mỗi tỉnh đóng góp theo dân số). Cách tính chính thức — trung bình cộng không trọng số '
    + 'của các tỉnh, sai số chuẩn bằng căn bậc hai của tổng bình phương sai số chuẩn các tỉnh chia cho số tỉnh — cũng được báo cáo.');

  canvas.heading('C. Trọng số và hiệu chỉnh (raking)', 2);
  canvas.paragraph(data.scheme === 'raked' || data.scheme === 'raked_jkn'
    ? 'Trọng số thiết kế được hiệu chỉnh (raking) để tổng trọng số khớp với dân số theo tỉnh × giới tính và tỉnh × nhóm tuổi: trọng số mới bằng trọng số '
      + 'thiết kế nhân với hàm mũ của một tổ hợp tuyến tính các biến hiệu chỉnh, giải bằng phương pháp Newton tới sai số 1e-10 (trùng với IPF khi hội tụ). '
      + 'Ô mẫu trống phải được gộp trước khi hiệu chỉnh. Phương sai sau hiệu chỉnh dùng phần dư hồi quy (GREG) theo các biến hiệu chỉnh, như hàm calibrate của gói R survey.'
    : `Lần ước lượng này dùng ${SCHEME_NAMES[data.scheme]}, không hiệu chỉnh theo dân số (không có tổng biên dân số của đợt).`);

  canvas.heading('D. Sai số chọn mẫu và khoảng tin cậy', 2);
  if (data.scheme.endsWith('_jkn')) {
    canvas.paragraph('Lần ước lượng này tính sai số chuẩn bằng jackknife phân tầng (JKn): mỗi bản sao bỏ một PSU và nhân trọng số các PSU còn lại '
      + 'của tầng đó với n_h/(n_h − 1); với trọng số hiệu chỉnh, mỗi bản sao được hiệu chỉnh (raking) lại theo cùng tổng biên. Phương sai = tổng theo '
      + 'các bản sao của (n_h − 1)/n_h × (ước lượng bản sao − ước lượng toàn mẫu)², như gói R survey (as.svrepdesign type "JKn", rake). '
      + 'Nghiên cứu độ phủ trên các mẫu lặp từ một tổng thể mô phỏng cho thấy khoảng tin cậy tuyến tính hóa sau hiệu chỉnh quá hẹp ở cấp cả nước, '
      + 'còn khoảng tin cậy jackknife chứa giá trị thật gần 95% số lần; vì vậy số liệu công bố và kiểm định thay đổi, thứ hạng dùng phương sai này. '
      + 'Bậc tự do = hạng của ma trận trọng số bản sao − 1.');
  }
  canvas.paragraph('Sai số chuẩn được tính bằng tuyến tính hóa Taylor theo thiết kế mẫu (tầng, PSU, trọng số), như gói R survey (svydesign, svymean, svyciprop): '
    + 'tổng giá trị ảnh hưởng của từng PSU được lấy trên mọi PSU của toàn mẫu (bằng 0 khi PSU không có người thuộc miền), tầng chỉ có một PSU được xử lý '
    + 'theo cách "adjust". Bậc tự do = số PSU có người thuộc miền − số tầng có người thuộc miền. Khoảng tin cậy 95% tính trên thang logit '
    + '(phương pháp "xlogit"): expit(logit p ± t × SE / (p(1 − p))), với t là phân vị 97,5% của phân phối t theo bậc tự do trên.');
  canvas.paragraph('Cách đọc khoảng tin cậy: nếu lặp lại khảo sát nhiều lần theo cùng thiết kế, khoảng 95% số khoảng tính theo cách này sẽ chứa giá trị thật '
    + 'của tổng thể. Khi khoảng tin cậy của hai tỉnh chồng lên nhau nhiều, chưa thể kết luận tỉnh này hài lòng hơn tỉnh kia. So sánh hai đợt (mẫu độc lập): '
    + 'chênh lệch = p(đợt sau) − p(đợt trước), sai số chuẩn = căn bậc hai của (SE đợt trước² + SE đợt sau²), bậc tự do = tổng hai bậc tự do, '
    + 'kiểm định t hai phía; chỉ thay đổi có p < 0,05 mới được gọi là thay đổi, kể cả thay đổi thứ hạng.');

  canvas.heading('E. Hiệu ứng thiết kế', 2);
  canvas.paragraph('Hệ số hiệu ứng thiết kế (deff) là tỷ số giữa phương sai theo thiết kế mẫu và phương sai nếu chọn mẫu ngẫu nhiên đơn giản cùng cỡ; '
    + 'hệ số Kish đo riêng phần tăng phương sai do trọng số không đều, cỡ mẫu hiệu dụng = (tổng trọng số)² / tổng bình phương trọng số.');
  const deffOrder = [...definition.elements.map((e) => `elem_${e.id}`), ...(definition.overall ? ['overall'] : [])];
  const nationalRows = new Map(mine.filter((r) => r.domain_type === 'national').map((r) => [r.indicator, r]));
  drawTable(canvas, [
    { header: 'Chỉ tiêu (cả nước)', width: 50 },
    { header: 'Tỷ lệ', width: 12, align: 'right' },
    { header: 'n', width: 11, align: 'right' },
    { header: 'deff', width: 10, align: 'right' },
    { header: 'Kish deff', width: 11, align: 'right' },
    { header: 'n hiệu dụng', width: 13, align: 'right' },
  ], deffOrder.filter((id) => nationalRows.has(id)).map((id) => {
    const r = nationalRows.get(id)!;
    return { cells: [indicatorLabel(definition, id), percent(r.p), count(r.n), decimal(r.deff), decimal(r.kish_deff), count(r.kish_neff)] };
  }), { fontSize: 7.5 });

  canvas.heading('F. Cờ độ tin cậy', 2);
  const flagged = summary.standings.filter((s) => s.row.flags.length > 0);
  canvas.paragraph('Một ước lượng bị đánh dấu kém tin cậy khi có dưới 30 người trả lời, cỡ mẫu hiệu dụng dưới 30, hoặc khoảng tin cậy rộng hơn 20 điểm phần trăm; '
    + 'khi tỷ lệ bằng 0 hoặc 100% hoặc bậc tự do bằng 0 thì không xác định được khoảng tin cậy. '
    + `Ở chỉ số SIPAS, ${flagged.length} trong ${summary.standings.length} tỉnh, thành phố bị đánh dấu`
    + (flagged.length ? `: ${flagged.map((s) => `${s.province.name} (${s.row.flags.map((f) => FLAG_NAMES[f] ?? f).join(', ')})`).join('; ')}.` : '.'));

  canvas.heading('G. Cỡ mẫu theo tỉnh, thành phố', 2);
  const overallRows = new Map(mine.filter((r) => r.domain_type === 'province' && r.indicator === (definition.overall ? 'overall' : summary.headline)).map((r) => [r.domain, r]));
  drawTable(canvas, [
    { header: 'Tỉnh, thành phố', width: 34 },
    { header: 'Người trả lời', width: 14, align: 'right' },
    { header: 'Số PSU', width: 10, align: 'right' },
    { header: 'n hiệu dụng (Kish)', width: 16, align: 'right' },
    { header: 'deff (hài lòng chung)', width: 16, align: 'right' },
  ], [...data.provinces].filter((p) => overallRows.has(p.code)).sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((p) => {
    const r = overallRows.get(p.code)!;
    return { cells: [p.name, count(r.n), count(r.n_psu), count(r.kish_neff), decimal(r.deff)] };
  }), { fontSize: 7.5 });

  canvas.heading('H. Nguồn số liệu và khả năng tái lập', 2);
  canvas.paragraph('Báo cáo được lập từ một lần ước lượng đã lưu; với cùng dữ liệu đầu vào (dấu vân tay) và cùng phiên bản mã, kết quả được tái lập đúng từng chữ số.', { size: 8.5 });
  drawTable(canvas, [{ header: 'Mục', width: 30 }, { header: 'Giá trị', width: 70 }], [
    ['Lần ước lượng', run.id],
    ['Đợt khảo sát', `${data.wave.id} (${data.wave.year})`],
    ['Đơn vị báo cáo', GEOGRAPHY_NAMES[run.geography_code] ?? run.geography_code],
    ['Phương án trọng số', `${run.schemes.join(', ')} — báo cáo dùng: ${data.scheme}`],
    ['Dấu vân tay dữ liệu đầu vào', run.input_fingerprint],
    ['Dấu vân tay tổng biên dân số', run.margins_fingerprint ?? '–'],
    ['Phiên bản mã ước lượng', run.code_version],
    ['Thời điểm ước lượng', `${dateVi(run.started_at)} – ${dateVi(run.finished_at)}`],
    ['Số phiếu trả lời', count(run.respondent_count)],
    ['Mẫu phi xác suất', parameters.nonProbability ? 'có' : 'không'],
  ].map((cells) => ({ cells })), { fontSize: 7 });
}
