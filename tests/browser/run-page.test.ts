import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createDemo } from '../../server/demo/demo.service';
import type { RunningPlatform } from '../../server/platform';
import { signIn, startBrowserPlatform, stopBrowserPlatform } from '../support/browser';
import { createUser } from '../support/users';

/** Saves the file the button's click downloads and returns its path. */
async function download(page: Page, dir: string, button: string): Promise<string> {
  const saved = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: button }).click();
  const file = await saved;
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

describe('an official takes a run\'s report and exports, and publishes it, from the run page on a phone', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let runId: string;
  let dir: string;

  beforeAll(async () => {
    ({ platform, browser } = await startBrowserPlatform());
    const demo = await createDemo(platform.database.db, { respondents: 3000 });
    runId = demo.waves.find((w) => w.id === 'demo-2025')!.runIds[0];
    dir = mkdtempSync(path.join(tmpdir(), 'sipas-run-page-'));
  }, 240_000);
  afterAll(() => stopBrowserPlatform(platform, browser));

  it('when she downloads the PDF, XLSX, CSV and microdata, previews the withheld cells, publishes and unpublishes, then each file and the open API follow', async () => {
    const { user, password } = await createUser(platform.database.db, { role: 'national_admin' });
    const { context, page } = await signIn(browser, `${platform.url}/admin/runs/${runId}`, { username: user.username, password },
      { context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true }, timeoutMs: 60_000 });
    await page.getByRole('heading', { name: /Lần ước lượng: SIPAS 2025/ }).waitFor();
    await page.getByRole('heading', { name: 'Báo cáo và tệp xuất' }).waitFor();

    const pdf = readFileSync(await download(page, dir, 'Tải báo cáo năm (PDF)'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = readFileSync(await download(page, dir, 'Tải bảng ước lượng (XLSX)'));
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    const csv = readFileSync(await download(page, dir, 'Tải bảng ước lượng (CSV §6)'), 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/^scheme,domain_type,domain,indicator,n,/);
    const zip = readFileSync(await download(page, dir, 'Tải vi dữ liệu (ZIP)'));
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    await page.getByText(/Đã tải về .*\.zip/).waitFor();

    await page.getByRole('button', { name: 'Xem trước những gì công chúng sẽ thấy' }).click();
    await page.getByRole('heading', { name: 'Bản xem trước dữ liệu mở' }).waitFor();
    const preview = await page.locator('.panel').innerText();
    expect(preview).toMatch(/trừ \d+ ô có dưới 30 người trả lời/);
    const openBefore = await (await fetch(`${platform.url}/api/open/runs`)).json() as { runs: unknown[] };
    expect(openBefore.runs).toHaveLength(0);

    await page.getByRole('button', { name: 'Xác nhận công bố' }).click();
    await page.getByText(/^Đã công bố lúc/).waitFor();
    const openAfter = await (await fetch(`${platform.url}/api/open/runs`)).json() as { runs: { id: string }[] };
    expect(openAfter.runs.map((r) => r.id)).toEqual([runId]);

    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Ngừng công bố' }).click();
    await page.getByRole('button', { name: 'Xác nhận ngừng công bố' }).click();
    await page.getByText(/^Chưa công bố/).waitFor();
    const openLast = await (await fetch(`${platform.url}/api/open/runs`)).json() as { runs: unknown[] };
    expect(openLast.runs).toHaveLength(0);
    await context.close();
  }, 300_000);
});
