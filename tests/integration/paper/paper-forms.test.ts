import jsQR from 'jsqr';
import { rasterisePdf, type GreyImage } from '../../../server/paper/grey-image';
import { isTextMark, type ChoiceMark, type TextMark } from '../../../server/paper/paper-layout';
import { testDatabases } from '../../support/databases';
import { startTestApp, type TestApp } from '../../support/app';
import { drawSmallSample, pdfText, runPaperForms } from '../../support/paper';
import { loginAs, type LoggedInAgent } from '../../support/users';
import { createCommunes, createWave } from '../../support/waves';

const at = (img: GreyImage, xPt: number, yPt: number, dpi: number) => img.data[Math.round(yPt * dpi / 72) * img.width + Math.round(xPt * dpi / 72)];
/** The darkest pixel within a pixel of a point. */
const darkestNear = (img: GreyImage, xPt: number, yPt: number, dpi: number) => {
  let min = 255;
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) min = Math.min(min, img.data[(Math.round(yPt * dpi / 72) + dy) * img.width + Math.round(xPt * dpi / 72) + dx]);
  return min;
};

function decodeQr(img: GreyImage): string | null {
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0; i < img.data.length; i++) rgba.set([img.data[i], img.data[i], img.data[i], 255], i * 4);
  return jsQR(rgba, img.width, img.height)?.data ?? null;
}

describe.each(testDatabases)('sipas paper:forms on $name', (target) => {
  let app: TestApp;
  let admin: LoggedInAgent;
  let wave: string;
  let communes: { code: string; nameVi: string; province: string; target: number }[];

  beforeAll(async () => {
    app = await startTestApp(target);
    await createCommunes(app.db);
    wave = (await createWave(app.db)).id;
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    communes = await drawSmallSample(admin, wave, 2);
  }, 600_000);
  afterAll(() => app.close());

  it('when forms are printed for a commune\'s invitations, then each is an A4 Vietnamese form with its code, commune, conditions in words, and layout.json says where every mark is drawn', async () => {
    const commune = communes.find((c) => c.province === '02')!;
    const printed = await runPaperForms(app.db, ['--wave', wave, '--invitations', '--commune', commune.code]);
    expect(printed.err).toMatch(/Đã in 2 phiếu/);
    expect(printed.status).toBe(0);
    const { layout } = printed;
    expect(layout.pageSize).toEqual([595.28, 841.89]);
    expect(layout.forms).toHaveLength(2);
    for (const f of layout.forms) expect(f.form).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const marks = layout.forms[0].pages.flatMap((p) => p.marks.map((m) => ({ ...m, page: p.page })));
    // Every question of the questionnaire but the place, which the invitation prints.
    expect(marks.filter((m) => m.question === 'q_access_1').map((m) => (m as ChoiceMark).value)).toEqual([1, 2, 3, 4, 5]);
    expect(marks.filter((m) => m.question === 'policy_interest.health_care').map((m) => (m as ChoiceMark).value)).toEqual(['high', 'some', 'none']);
    expect(marks.filter((m) => m.question === 'exp_admin_procedure').map((m) => (m as ChoiceMark).value)).toEqual([true, false]);
    expect(marks.filter((m) => m.question === 'policy_channels')).toHaveLength(9);
    expect(marks.find((m) => m.question === 'comment')).toMatchObject({ text: true, w: expect.any(Number), h: expect.any(Number) });
    expect(marks.some((m) => m.question === 'province' || m.question === 'commune')).toBe(false);
    for (const m of marks) {
      if (isTextMark(m)) continue;
      expect(Object.keys(m).sort()).toEqual(['page', 'question', 'r', 'value', 'x', 'y']);
    }

    const text = pdfText(printed.pdfPath!);
    expect(text).toContain(layout.forms[0].form);
    expect(text).toContain(layout.forms[1].form);
    expect(text).toContain(commune.nameVi);
    expect(text).toMatch(/Chỉ trả lời Phần D nếu ở câu \d+ ông\/bà chọn «Có»\. Nếu chọn «Không», chuyển sang Phần E\./);
    expect(text).toContain('Tiếp cận dịch vụ');

    // Drawn where the layout says: every bubble's ring is inked and its centre is blank; the page's QR names form and page.
    const dpi = 100;
    const pages = await rasterisePdf(printed.pdf, dpi);
    const perForm = layout.forms[0].pages.length;
    expect(pages).toHaveLength(2 * perForm);
    for (const [k, page] of layout.forms[1].pages.entries()) {
      const img = pages[perForm + k];
      expect(decodeQr(img)).toBe(`SIPAS:${layout.forms[1].form}:${page.page}`);
      for (const m of page.marks) {
        if (isTextMark(m)) {
          const t = m as TextMark;
          expect(at(img, t.x + t.w / 2, t.y + t.h / 2 - 3, dpi)).toBeGreaterThan(200);
          continue;
        }
        expect(at(img, m.x, m.y, dpi)).toBeGreaterThan(200);
        const ring = [darkestNear(img, m.x - m.r, m.y, dpi), darkestNear(img, m.x + m.r, m.y, dpi), darkestNear(img, m.x, m.y - m.r, dpi), darkestNear(img, m.x, m.y + m.r, dpi)];
        expect(Math.max(...ring)).toBeLessThan(160);
      }
    }
    const stored = await app.db.selectFrom('paper_forms').selectAll().where('wave_id', '=', wave).execute();
    expect(stored.map((f) => [f.commune_code, f.status, f.serial, f.invitation_id !== null])).toEqual([[commune.code, 'printed', null, true], [commune.code, 'printed', null, true]]);
  }, 600_000);

  it('when blank forms are printed, then they carry serial numbers that continue from the last printing, and the place is asked in writing', async () => {
    const first = await runPaperForms(app.db, ['--wave', wave, '--count', '2']);
    const second = await runPaperForms(app.db, ['--wave', wave, '--count', '1']);
    expect([...first.layout.forms, ...second.layout.forms].map((f) => f.form)).toEqual(['S000001', 'S000002', 'S000003']);
    const marks = first.layout.forms[0].pages.flatMap((p) => p.marks);
    expect(marks.filter((m) => m.question === 'province' || m.question === 'commune').every(isTextMark)).toBe(true);
    expect(pdfText(first.pdfPath!)).toContain('Số phiếu: S000002');
  });

  it('when the options are wrong, then it refuses with status 2 and says why in Vietnamese and English', async () => {
    const both = await runPaperForms(app.db, ['--wave', wave, '--invitations', '--count', '3']);
    expect(both.status).toBe(2);
    expect(both.err).toMatch(/--invitations.*--count/);
    const unknown = await runPaperForms(app.db, ['--wave', 'no-such-wave', '--count', '3']);
    expect(unknown.status).toBe(2);
    expect(unknown.err).toMatch(/Không có đợt khảo sát/);
  });
});
