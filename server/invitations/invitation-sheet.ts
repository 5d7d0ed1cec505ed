import { createPdfDocument, renderPdf, vi, type PdfDocument } from '../pdf/pdf-document';
import { drawQrCode } from '../pdf/qr-code';
import type { IssuedInvitations } from './invitations.service';

/** Where a code takes the respondent: the citizen page of the wave, with the code filled in. */
export function invitationUrl(origin: string, waveId: string, code: string): string {
  return `${origin}/s/${encodeURIComponent(waveId)}?code=${encodeURIComponent(code)}`;
}

const CARDS_PER_PAGE = 3;
const MARGIN = 36;

function coverPage(doc: PdfDocument, issued: IssuedInvitations, printedAt: Date): void {
  const { wave, commune, provinceName, codes, usedSlots, revoked } = issued;
  doc.font('bold').fontSize(16).text(vi(`Danh sách phiếu mời — ${commune.name_vi}`));
  doc.font('regular').fontSize(11).moveDown(0.3)
    .text(vi(`${wave.title_vi} · ${provinceName} · mã xã ${commune.commune_code} · tầng ${commune.stratum}`))
    .text(vi(`Chỉ tiêu: ${commune.target} người trả lời · in ${codes.length} phiếu mời lúc ${printedAt.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`));
  if (usedSlots.length) doc.text(vi(`Phiếu số ${usedSlots.join(', ')} đã được trả lời nên không in lại.`));
  if (revoked) doc.font('bold').text(vi(`Lần in này đã hủy ${revoked} mã chưa dùng của lần in trước: hãy thu hồi và hủy các phiếu mời cũ.`)).font('regular');
  doc.moveDown(0.5).fontSize(10).text(vi(
    'Cán bộ phát phiếu giao mỗi phiếu mời cho một người từ 18 tuổi trở lên được chọn theo hướng dẫn, ghi số phiếu '
    + 'và ngày giao vào danh sách này. Không ghi tên người nhận lên phiếu mời: phiếu trả lời là ẩn danh.',
  ));
  doc.moveDown(0.8);
  const columns = [{ title: 'Số phiếu', width: 70 }, { title: 'Mã mời', width: 170 }, { title: 'Ngày giao', width: 110 }, { title: 'Ghi chú', width: 173 }];
  const row = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - MARGIN - 24) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? 'bold' : 'regular').fontSize(10);
    cells.forEach((cell, k) => {
      doc.text(vi(cell), x + 4, y + 4, { width: columns[k].width - 8, lineBreak: false });
      x += columns[k].width;
    });
    doc.rect(MARGIN, y, x - MARGIN, 20).stroke('#999999');
    doc.x = MARGIN;
    doc.y = y + 20;
  };
  row(columns.map((c) => c.title), true);
  for (const { slot, code } of codes) row([`${slot}/${commune.target}`, code, '', '']);
}

function card(doc: PdfDocument, issued: IssuedInvitations, slot: number, code: string, url: string, top: number, height: number): void {
  const { wave, commune, provinceName } = issued;
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const qrSize = 120;
  doc.save().dash(4, { space: 4 }).rect(left, top, width, height - 8).stroke('#777777').undash().restore();
  const textWidth = width - qrSize - 36;
  doc.font('bold').fontSize(13).fillColor('#a4161a')
    .text(vi('PHIẾU MỜI THAM GIA KHẢO SÁT SỰ HÀI LÒNG (SIPAS)'), left + 14, top + 12, { width: textWidth });
  doc.fillColor('black').font('semibold').fontSize(11).text(vi(wave.title_vi), { width: textWidth });
  doc.font('regular').fontSize(10).moveDown(0.3)
    .text(vi(`Địa bàn: ${commune.name_vi}, ${provinceName}`), { width: textWidth })
    .moveDown(0.3)
    .text(vi('Ông/bà được mời cho biết mức độ hài lòng với sự phục vụ của cơ quan hành chính nhà nước. '
      + 'Phiếu trả lời không ghi tên; thông tin chỉ dùng để thống kê.'), { width: textWidth })
    .moveDown(0.3)
    .text(vi('Quét mã QR bằng điện thoại, hoặc mở địa chỉ dưới đây và nhập mã mời:'), { width: textWidth });
  doc.font('regular').fontSize(8).fillColor('#333333').text(url.replace(/\?.*$/, ''), { width: textWidth }).fillColor('black');
  doc.font('bold').fontSize(20).text(code, { width: textWidth, characterSpacing: 1.5 });
  doc.font('italic').fontSize(9).text(vi(`Mỗi mã chỉ dùng được một lần · Phiếu số ${slot}/${commune.target}`), { width: textWidth });
  drawQrCode(doc, url, { x: left + width - qrSize - 12, y: top + 16, size: qrSize });
  // On screen the QR code is also a link to the same address.
  doc.link(left + width - qrSize - 12, top + 16, qrSize, qrSize, url);
}

/**
 * The printable invitation sheet of one commune: a list for the field staff (slots, codes, space to note
 * when each was handed over), then one cut-out invitation per code with its QR code, three to a page.
 */
export async function renderInvitationSheet(issued: IssuedInvitations, origin: string, printedAt = new Date()): Promise<Buffer> {
  const doc = createPdfDocument({ title: `Phiếu mời SIPAS — ${issued.commune.name_vi}`, margin: MARGIN });
  coverPage(doc, issued, printedAt);
  const height = (doc.page.height - 2 * MARGIN) / CARDS_PER_PAGE;
  issued.codes.forEach(({ slot, code }, k) => {
    if (k % CARDS_PER_PAGE === 0) doc.addPage();
    card(doc, issued, slot, code, invitationUrl(origin, issued.wave.id, code), MARGIN + (k % CARDS_PER_PAGE) * height, height);
  });
  return renderPdf(doc);
}
