import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { LayoutFile } from '../../../server/paper/paper-layout';
import { countResponses, findResponse } from '../../../server/responses/responses.repository';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { drawSmallSample, expectedAnswers, fillAndScanForms, imagesToPdf, runPaperForms, runPaperRead } from '../../support/paper';
import { loginAs } from '../../support/users';
import { createCommunes, createWave } from '../../support/waves';

const DPI = 200;
const MULTIPLE = new Set(['policy_channels']);

describe.each(testDatabases)('sipas paper:read on $name', (target) => {
  let app: TestApp;
  let wave: string;
  let layout: LayoutFile;
  let pdfPath: string;
  let commune: { code: string; province: string };
  const dir = mkdtempSync(join(tmpdir(), 'sipas-scans-'));

  beforeAll(async () => {
    app = await startTestApp(target);
    await createCommunes(app.db);
    wave = (await createWave(app.db)).id;
    const admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    commune = (await drawSmallSample(admin, wave, 2)).find((c) => c.province === '02')!;
    const printed = await runPaperForms(app.db, ['--wave', wave, '--invitations', '--commune', commune.code]);
    layout = printed.layout;
    pdfPath = printed.pdfPath!;
  }, 600_000);
  afterAll(() => app.close());

  it('when filled forms are scanned as a PDF and as loose PNG, JPEG and TIFF pages in any order, then the confident one is stored as a paper response of its invitation, the other waits for a clerk, and a second reading stores nothing twice', async () => {
    // Drawing and scanning ten pages, then reading them, is slow inside Jest's sandbox on a busy machine.
    const perForm = layout.forms[0].pages.length;
    const [formA, formB] = layout.forms;
    // Form B: one rating left blank, another marked twice.
    const scanned = fillAndScanForms({ pdf: pdfPath, dpi: DPI, layout, outDir: dir, forms: [
      { index: 0, seed: 11 }, { index: 1, seed: 12, blank: ['q_staff_2'], double: { q_result_1: [1, 3] } }] });
    const [a, b] = scanned.forms.map((f) => ({ chosen: new Map(Object.entries(f.chosen)), pages: f.pages }));

    const scanA = join(dir, 'lo-1.pdf');
    writeFileSync(scanA, await imagesToPdf(a.pages.map((p) => readFileSync(p))));
    const loose: string[] = [];
    for (const [k, file] of b.pages.entries()) {
      const png = readFileSync(file);
      const [ext, bytes] = k === 0 ? ['jpg', await sharp(png).jpeg({ quality: 88 }).toBuffer()]
        : k === 1 ? ['tif', await sharp(png).tiff().toBuffer()] : ['png', png];
      const path = join(dir, `b-${k + 1}.${ext}`);
      writeFileSync(path, bytes);
      loose.unshift(path); // last page first
    }

    const dry = await runPaperRead(app.db, ['--wave', wave, '--scans', scanA, ...loose, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.results!.forms.find((f) => f.form === formA.form)).toMatchObject({ status: 'stored', uncertain: [] });
    expect(await countResponses(app.db, wave)).toBe(0);
    expect(await app.db.selectFrom('paper_pages').select('page').execute()).toEqual([]);

    const read = await runPaperRead(app.db, ['--wave', wave, '--scans', scanA, ...loose]);
    expect(read.err).toMatch(/1 phiếu đã lưu, 1 chờ kiểm tra/);
    const results = read.results!;
    expect(results.pages.every((p) => p.status === 'read')).toBe(true);
    expect(results.pages).toHaveLength(2 * perForm);
    const resultA = results.forms.find((f) => f.form === formA.form)!;
    const resultB = results.forms.find((f) => f.form === formB.form)!;
    const expectedA = expectedAnswers(formA, a.chosen, MULTIPLE);
    expect(resultA).toEqual({ form: formA.form, status: 'stored', uncertain: [], answers: expectedA });
    expect(resultB.status).toBe('verification');
    expect(resultB.uncertain).toEqual(['q_staff_2', 'q_result_1']);
    const expectedB = expectedAnswers(formB, b.chosen, MULTIPLE) as Record<string, unknown>;
    delete expectedB.q_staff_2;
    delete expectedB.q_result_1;
    expect(resultB.answers).toEqual(expectedB);

    // Stored as a paper response in its invitation's place, with its design weight; the code is used; the scans are kept.
    const formRow = await app.db.selectFrom('paper_forms').selectAll().where('status', '=', 'stored').executeTakeFirstOrThrow();
    const response = await findResponse(app.db, formRow.response_id!);
    expect(response).toMatchObject({ channel: 'paper', province_code: '02', commune_code: commune.code, stratum: '02', psu: commune.code, status: 'complete' });
    expect(response!.base_weight).toBeGreaterThan(0);
    expect(response!.answers).toEqual({ ...expectedA, province: '02', commune: commune.code });
    const invitation = await app.db.selectFrom('invitations').select(['response_id']).where('id', '=', formRow.invitation_id!).executeTakeFirstOrThrow();
    expect(invitation.response_id).toBe(response!.id);
    const kept = await app.db.selectFrom('paper_pages').select(['form_id', 'page', 'image']).execute();
    expect(kept).toHaveLength(2 * perForm);
    for (const p of kept) expect((await sharp(Buffer.from(p.image)).metadata()).format).toBe('jpeg');

    const again = await runPaperRead(app.db, ['--wave', wave, '--scans', scanA, ...loose]);
    expect(again.results!.forms.find((f) => f.form === formA.form)).toMatchObject({ status: 'stored', answers: { ...expectedA, province: '02', commune: commune.code } });
    expect(await countResponses(app.db, wave)).toBe(1);
    expect(await app.db.selectFrom('paper_pages').select('page').execute()).toHaveLength(2 * perForm);
  }, 900_000);

  it('when a clerk settles the uncertain questions on the verification screen, then the form is stored with the clerk\'s answers, and the commune counts it', async () => {
    const admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    const list = await (await admin.get(`/api/waves/${wave}/paper/verification`)).json();
    expect(list.forms).toHaveLength(1);
    const id = list.forms[0].id as string;
    const form = (await (await admin.get(`/api/paper/forms/${id}`)).json()).form;
    expect(form.items.map((i: { question: string }) => i.question)).toEqual(['q_staff_2', 'q_result_1']);
    expect(form.items[0]).toMatchObject({ kind: 'single', choices: [{ value: 1, label: 'Rất không hài lòng' }, expect.anything(), expect.anything(), expect.anything(), { value: 5, label: 'Rất hài lòng' }] });
    const cutout = await admin.get(`/api/paper/forms/${id}/cutouts/q_result_1`);
    expect(cutout.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await cutout.arrayBuffer())).metadata();
    expect(meta.width! / meta.height!).toBeGreaterThan(5);

    const wrong = await admin.post(`/api/paper/forms/${id}/settle`, { question: 'q_staff_2', value: 7 });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).errors[0]).toMatchObject({ field: 'value', rule: 'not_a_choice' });
    const first = await (await admin.post(`/api/paper/forms/${id}/settle`, { question: 'q_staff_2', value: 4 })).json();
    expect(first.form).toMatchObject({ status: 'verification', items: [expect.objectContaining({ question: 'q_result_1' })] });
    const last = await (await admin.post(`/api/paper/forms/${id}/settle`, { question: 'q_result_1', value: null })).json();
    expect(last.form).toMatchObject({ status: 'stored', items: [] });

    const row = await app.db.selectFrom('paper_forms').select(['response_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const response = await findResponse(app.db, row.response_id!);
    expect(response).toMatchObject({ channel: 'paper', commune_code: commune.code });
    expect(response!.answers).toMatchObject({ q_staff_2: 4 });
    expect(response!.answers).not.toHaveProperty('q_result_1');
    expect(await countResponses(app.db, wave)).toBe(2);
    const counts = await (await admin.get(`/api/waves/${wave}/paper/counts`)).json();
    expect(counts.communes).toEqual([{ commune: commune.code, province: '02', name: expect.any(String), printed: 2, returned: 2, read: 2, verification: 0, stored: 2 }]);
  }, 600_000);

  it('when a page is not a form of the wave, then it is reported unreadable and nothing else happens', async () => {
    const blank = join(dir, 'blank.png');
    writeFileSync(blank, await sharp({ create: { width: 1654, height: 2339, channels: 3, background: '#ffffff' } }).png().toBuffer());
    const read = await runPaperRead(app.db, ['--wave', wave, '--scans', blank]);
    expect(read.results).toEqual({ forms: [], pages: [{ source: 'blank.png', status: 'unreadable' }] });
    const missing = await runPaperRead(app.db, ['--wave', wave, '--scans', join(dir, 'nope.pdf')]);
    expect(missing.status).toBe(2);
  });
});
