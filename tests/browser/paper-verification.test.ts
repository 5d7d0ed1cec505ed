/**
 * Issue #16 in a real browser: scans uploaded on the officials' paper page, the uncertain questions settled
 * with the keyboard beside their cut-outs; and a form that cannot be scanned keyed twice by two clerks, the
 * disagreement settled, the form counted as stored for its commune on the fieldwork monitor.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LayoutFile } from '../../server/paper/paper-layout';
import type { RunningPlatform } from '../../server/platform';
import { findResponse } from '../../server/responses/responses.repository';
import { signIn as signInAt, startBrowserPlatform, stopBrowserPlatform } from '../support/browser';
import { drawSmallSample, fillAndScanForms, imagesToPdf, keyedFromLayout, runPaperForms } from '../support/paper';
import { sipasAnswers } from '../support/sipas-answers';
import { createUser, loginAs } from '../support/users';
import { createCommunes, createWave } from '../support/waves';

describe('a clerk verifies and keys paper forms in a real browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let wave: string;
  let layout: LayoutFile;
  let pdfPath: string;
  let commune: { code: string; nameVi: string };
  const dir = mkdtempSync(path.join(tmpdir(), 'sipas-paper-browser-'));

  beforeAll(async () => {
    ({ platform, browser } = await startBrowserPlatform());
    const db = platform.database.db;
    await createCommunes(db);
    wave = (await createWave(db)).id;
    const admin = await loginAs(platform.url, db, { role: 'national_admin' });
    commune = (await drawSmallSample(admin, wave, 2)).find((c) => c.province === '02')!;
    const printed = await runPaperForms(db, ['--wave', wave, '--invitations', '--commune', commune.code]);
    layout = printed.layout;
    pdfPath = printed.pdfPath!;
  }, 600_000);
  afterAll(() => stopBrowserPlatform(platform, browser));

  async function signIn(role: 'national_admin' | 'province_official', at: string): Promise<Page> {
    const { user, password } = await createUser(platform.database.db, { role, province: '02', displayName: role === 'national_admin' ? 'Nguyễn Thị Lan' : 'Trần Văn Hùng' });
    const { page } = await signInAt(browser, `${platform.url}${at}`, { username: user.username, password }, { context: { viewport: { width: 1280, height: 900 } }, timeoutMs: 30_000 });
    return page;
  }

  it('when a form read from scans has a blank and a doubly marked rating, then /admin/paper-forms/<id> shows each cut-out beside its question, pressing 4 then 0 settles them, and the page says the response is stored', async () => {
    const scanned = fillAndScanForms({ pdf: pdfPath, dpi: 200, layout, outDir: dir, forms: [{ index: 0, seed: 12, blank: ['q_staff_2'], double: { q_result_1: [1, 3] } }] });
    const scanFile = path.join(dir, 'lo-quet.pdf');
    writeFileSync(scanFile, await imagesToPdf(await Promise.all(scanned.forms[0].pages.map((p) => readFile(p)))));

    const page = await signIn('national_admin', `/admin/paper/${wave}`);
    await page.getByRole('heading', { level: 1, name: /Phiếu giấy/ }).waitFor();
    await page.getByLabel('Tệp quét (PDF, PNG, JPEG, TIFF)').setInputFiles(scanFile);
    await page.getByRole('status').filter({ hasText: /0 phiếu đã lưu, 1 chờ kiểm tra/ }).waitFor({ timeout: 240_000 });
    const entry = page.getByRole('list').getByRole('link', { name: /Phiếu mời/ });
    await entry.click();

    await page.getByRole('heading', { level: 1, name: /Kiểm tra phiếu giấy/ }).waitFor();
    await page.getByText('Còn 2 câu cần kiểm tra').waitFor();
    const cutout = page.locator('img.paper-cutout');
    await page.waitForFunction(() => { const img = document.querySelector<HTMLImageElement>('img.paper-cutout'); return !!img && img.complete && img.naturalWidth > 0; });
    expect(await cutout.evaluate((img: HTMLImageElement) => img.naturalWidth / img.naturalHeight)).toBeGreaterThan(5);
    expect(await cutout.getAttribute('alt')).toMatch(/^Ảnh quét của câu /);
    const firstTitle = await page.locator('#paper-question').textContent();
    await page.keyboard.press('4');
    await page.getByText('Còn 1 câu cần kiểm tra').waitFor();
    expect(await page.locator('#paper-question').textContent()).not.toBe(firstTitle);
    await page.waitForFunction(() => { const img = document.querySelector<HTMLImageElement>('img.paper-cutout'); return !!img && img.complete && img.naturalWidth > 0; });
    await page.keyboard.press('0');
    await page.getByTestId('stored').filter({ hasText: 'Đã lưu phiếu trả lời.' }).waitFor();

    const form = await platform.database.db.selectFrom('paper_forms').select(['id', 'response_id', 'status']).where('wave_id', '=', wave).where('status', '=', 'stored').executeTakeFirstOrThrow();
    const response = await findResponse(platform.database.db, form.response_id!);
    expect(response).toMatchObject({ channel: 'paper', commune_code: commune.code, status: 'complete' });
    expect(response!.answers).toMatchObject({ q_staff_2: 4 });
    expect(response!.answers).not.toHaveProperty('q_result_1');
    await page.context().close();
  }, 600_000);

  /** Keys a form on /admin/paper-key/<id> from the keyboard alone: each field's choice numbers, then Tab. */
  async function keyForm(page: Page, answers: Record<string, unknown>) {
    const form = layout.forms[1];
    const order = [...new Set(form.pages.flatMap((p) => p.marks.map((m) => m.question)))];
    for (const question of order) {
      const marks = form.pages.flatMap((p) => p.marks).filter((m) => m.question === question);
      const value = answers[question];
      let typed = '';
      if (marks.some((m) => 'text' in m)) typed = typeof value === 'string' ? value : '';
      else if (value !== undefined) {
        const positions = (Array.isArray(value) ? value : [value]).map((v) => marks.findIndex((m) => 'value' in m && m.value === v) + 1);
        typed = positions.join(marks.length >= 10 ? ' ' : '');
      }
      // The field with the focus is this question's: the tab order is the paper form's.
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(question);
      if (typed) await page.keyboard.type(typed);
      await page.keyboard.press('Tab');
    }
  }

  it('when two clerks key the same unscannable form with one rating different, then the second entry lists the disagreement, the settling choice is stored, and the form counts as stored for its commune', async () => {
    const code = layout.forms[1].form;
    const answers = keyedFromLayout(layout.forms[1], sipasAnswers({ procedure: true }, { comment: 'Thủ tục nhanh, cán bộ nhã nhặn.' }));

    const first = await signIn('national_admin', `/admin/paper/${wave}`);
    await first.getByLabel('Mã phiếu in trên giấy (mã mời hoặc số sê-ri)').fill(code.toLowerCase());
    await first.getByRole('button', { name: 'Mở phiếu để nhập' }).click();
    await first.getByRole('heading', { level: 1, name: /Nhập tay phiếu giấy/ }).waitFor();
    await keyForm(first, answers);
    await first.getByLabel(/Nhập hai lần/).check();
    await first.keyboard.press('Control+Enter');
    await first.getByTestId('keying-result').filter({ hasText: 'Đã ghi lần nhập thứ nhất' }).waitFor();
    const id = first.url().split('/').pop()!;
    expect(await platform.database.db.selectFrom('paper_forms').select('status').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'returned' });

    // The second clerk, a province official of the form's province, keys it blind with one rating different.
    const second = await signIn('province_official', `/admin/paper/${wave}`);
    await second.getByLabel('Mã phiếu in trên giấy (mã mời hoặc số sê-ri)').fill(code);
    await second.getByRole('button', { name: 'Mở phiếu để nhập' }).click();
    await second.getByText(/Lần nhập thứ hai/).waitFor();
    expect(await second.locator('input[name="q_staff_1"]').inputValue()).toBe('');
    await keyForm(second, { ...answers, q_result_1: 3 });
    await second.keyboard.press('Control+Enter');
    await second.getByTestId('keying-result').filter({ hasText: 'Hai lần nhập khác nhau ở 1 câu: q_result_1.' }).waitFor();

    await second.getByRole('link', { name: 'Giải quyết chênh lệch' }).click();
    await second.getByText('Còn 1 câu cần kiểm tra').waitFor();
    const keyed = second.getByTestId('keyed-values');
    await keyed.getByText(/^5 — /).waitFor();
    await keyed.getByText(/^3 — /).waitFor();
    expect(await second.locator('img.paper-cutout').count()).toBe(0);
    await second.keyboard.press('3');
    await second.getByTestId('stored').waitFor();

    const row = await platform.database.db.selectFrom('paper_forms').select(['response_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const response = await findResponse(platform.database.db, row.response_id!);
    expect(response).toMatchObject({ channel: 'paper', commune_code: commune.code, psu: commune.code });
    expect(response!.answers).toMatchObject({ q_result_1: 3, q_result_2: 5, comment: 'Thủ tục nhanh, cán bộ nhã nhặn.', policy_channels: answers.policy_channels });

    await second.goto(`${platform.url}/admin/fieldwork/${wave}`);
    const counts = second.getByTestId('paper-counts');
    const communeRow = counts.getByRole('row').filter({ has: second.getByRole('rowheader', { name: commune.nameVi }) });
    await communeRow.waitFor();
    // Printed 2, returned 2, read 2, in verification 0, stored 2 (the scanned form and this one).
    expect(await communeRow.getByRole('cell').allTextContents()).toEqual(['2', '2', '2', '0', '2']);
    await second.context().close();
    await first.context().close();
  }, 600_000);
});
