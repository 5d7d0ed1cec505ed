/**
 * Issue #15 (speed): the citizen's page carries the questionnaire's first page as HTML, answerable before
 * the app's script has arrived. Here the script is held back (as a slow network would) while the first
 * page is answered; then the script is let through and the app must take over with those answers.
 */
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { start, type RunningPlatform } from '../../server/platform';
import { launchBrowser } from '../support/browser';
import { createHanoiCommunes } from '../support/kiosks';
import { silentLogger } from '../support/logger';
import { layoutProblems, seriousAxe } from '../support/page-checks';
import { question } from '../support/survey-page';

describe('the first page of the citizen questionnaire, before the app has loaded', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let wave: string;

  beforeAll(async () => {
    const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1' }), database: { kind: 'pglite' as const, dataDir: null } };
    platform = await start(config, silentLogger);
    const { db } = platform.database;
    wave = (await db.selectFrom('waves').select('id').where('status', '=', 'open').orderBy('created_at').executeTakeFirstOrThrow()).id;
    await createHanoiCommunes(db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** A phone whose app script is held until `release()`: what a citizen sees while it downloads. */
  async function phoneWithoutScript(width = 360): Promise<{ context: BrowserContext; page: Page; release(): void }> {
    const context = await browser.newContext({ viewport: { width, height: 740 }, hasTouch: true, isMobile: true, serviceWorkers: 'block' });
    context.setDefaultTimeout(15_000);
    const held: Route[] = [];
    let released = false;
    await context.route(/\/assets\/.*\.js$/, (route) => (released ? route.continue() : held.push(route)));
    const page = await context.newPage();
    return { context, page, release: () => { released = true; for (const route of held.splice(0)) void route.continue(); } };
  }

  const staticQuestion = (page: Page, name: string) => page.locator(`#static-page [data-question="${name}"]`);

  test('is usable without the script: first question first, answers kept when the app takes over', async () => {
    const { context, page, release } = await phoneWithoutScript(320);
    try {
      await page.goto(`${platform.url}/s/${wave}`, { waitUntil: 'commit' });
      const province = page.getByLabel('Tỉnh/thành phố nơi ông/bà đang sinh sống');
      await province.waitFor();
      expect(await page.locator('#static-page [data-question]').first().getAttribute('data-question')).toBe('province');
      await expect(province.isEnabled()).resolves.toBe(true);
      await expect(page.locator('.step-indicator').textContent()).resolves.toMatch(/^Phần 1\/5 · Thông tin về người trả lời/);
      // Only the Vietnamese first page: nothing of the app yet.
      await expect(page.locator('#root').isHidden()).resolves.toBe(true);
      await expect(page.locator('.sd-root-modern').count()).resolves.toBe(0);
      expect(await layoutProblems(page)).toEqual([]);
      expect(await seriousAxe(page)).toEqual([]);

      await province.selectOption({ label: 'Hà Nội' });
      await page.getByLabel('Thôn, ấp, bản hoặc tổ dân phố').fill('Tổ dân phố số 5');
      await staticQuestion(page, 'sex').getByText('Nữ', { exact: true }).click();
      await staticQuestion(page, 'age_group').getByText('Từ 40 đến 49 tuổi', { exact: true }).click();
      // "Next" waits for the app.
      await expect(page.getByRole('button', { name: 'Tiếp theo' }).isDisabled()).resolves.toBe(true);

      release();
      await question(page, 'sex').waitFor();
      await expect(page.locator('#static-page').count()).resolves.toBe(0);
      await expect(question(page, 'sex').locator('.sd-item--checked').textContent()).resolves.toBe('Nữ');
      await expect(question(page, 'age_group').locator('.sd-item--checked').textContent()).resolves.toBe('Từ 40 đến 49 tuổi');
      await expect(question(page, 'village').locator('input').inputValue()).resolves.toBe('Tổ dân phố số 5');
      await expect(question(page, 'province').textContent()).resolves.toContain('Hà Nội');
      // The province chosen before the app came brings its communes.
      await question(page, 'commune').waitFor();
      const draft = await page.evaluate((w) => JSON.parse(localStorage.getItem(`sipas.draft.${w}`) ?? 'null'), wave);
      expect(draft.data).toEqual({ province: '01', village: 'Tổ dân phố số 5', sex: 'F', age_group: '40-49' });
    } finally {
      await context.close();
    }
  });

  test('shows a saved draft: its answers on the first page, or a wait for the app past it', async () => {
    const { context, page, release } = await phoneWithoutScript();
    try {
      await page.goto(`${platform.url}/healthz`);
      await page.evaluate((w) => localStorage.setItem(`sipas.draft.${w}`, JSON.stringify({ id: 'd1', startedAt: '2026-01-01T00:00:00Z', data: { sex: 'M', village: 'Bản Mới' }, pageNo: 0 })), wave);
      await page.goto(`${platform.url}/s/${wave}`, { waitUntil: 'commit' });
      await staticQuestion(page, 'sex').waitFor();
      await expect(staticQuestion(page, 'sex').getByLabel('Nam').isChecked()).resolves.toBe(true);
      await expect(page.getByLabel('Thôn, ấp, bản hoặc tổ dân phố').inputValue()).resolves.toBe('Bản Mới');

      await page.evaluate((w) => localStorage.setItem(`sipas.draft.${w}`, JSON.stringify({ id: 'd1', startedAt: '2026-01-01T00:00:00Z', data: { sex: 'M' }, pageNo: 2 })), wave);
      await page.goto(`${platform.url}/s/${wave}`, { waitUntil: 'commit' });
      await page.getByText('Đang tải phiếu hỏi…').waitFor();
      await expect(page.locator('#static-form').count()).resolves.toBe(0);
      release();
      await expect(page.locator('.step-indicator').textContent({ timeout: 15_000 })).resolves.toMatch(/^Phần 3\/5/);
    } finally {
      await context.close();
    }
  });

  test('is not sent where the app must decide first: an invitation code, a closed wave, the kiosk', async () => {
    const html = async (path: string) => (await fetch(`${platform.url}${path}`)).text();
    expect(await html(`/s/${wave}`)).toContain('id="static-form"');
    expect(await html(`/s/${wave}?code=ABCDE-FGHJK-LMNPQ`)).not.toContain('static-page');
    expect(await html(`/kiosk/${wave}`)).not.toContain('static-page');
    expect(await html('/s/no-such-wave')).not.toContain('static-page');
    const { db } = platform.database;
    await db.updateTable('waves').set({ status: 'closed' }).where('id', '=', wave).execute();
    try {
      // The server's wave cache keeps a wave for a second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await html(`/s/${wave}`)).not.toContain('static-page');
    } finally {
      await db.updateTable('waves').set({ status: 'open' }).where('id', '=', wave).execute();
    }
  });
});
