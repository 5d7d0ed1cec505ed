import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { DatabaseHandle } from '../../server/db/connect';
import { prepareDatabase } from '../../server/platform';
import { launchBrowser, launchPersistentBrowser } from '../support/browser';
import { createServicePoint, createServicePointWave, enrolKiosk } from '../support/kiosks';
import { silentLogger } from '../support/logger';
import { loginAs, type LoggedInAgent } from '../support/users';

const RATED = ['q_access_1', 'q_access_3', 'q_procedure_3', 'q_procedure_4', 'q_staff_1', 'q_staff_3', 'q_result_1', 'q_result_2'];
const VALUE: Record<string, number> = { 'Rất không hài lòng': 1, 'Không hài lòng': 2, 'Bình thường': 3, 'Hài lòng': 4, 'Rất hài lòng': 5 };

/** The platform on an in-memory PGlite, behind a switch that cuts it off the network (every connection dropped). */
interface TestPlatform { url: string; database: DatabaseHandle; reachable: boolean; stop(): Promise<void> }

async function startPlatform(): Promise<TestPlatform> {
  const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1' }), database: { kind: 'pglite' as const, dataDir: null } };
  const database = await prepareDatabase(config, silentLogger);
  const app = createApp(config, { db: database.db, logger: silentLogger });
  const platform = { reachable: true } as TestPlatform;
  const server = http.createServer((req, res) => (platform.reachable ? app(req, res) : req.socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(platform, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    database,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  });
}

const question = (page: Page, name: string) => page.locator(`[data-name="${name}"]`);
const selectedFaces = (page: Page) => page.locator('.sd-rating__item-smiley--selected');

/**
 * Answers one respondent's whole kiosk form: every statement `rating`, no feedback lodged, `overall` at the end.
 * The last answer completes the form by itself (survey-core's `autoAdvanceAllowComplete`), so the
 * "Hoàn thành" button is not pressed: it may already be gone.
 */
async function fillKioskForm(page: Page, rating: string, overall: string) {
  for (const name of RATED) await question(page, name).getByTitle(rating, { exact: true }).click();
  await question(page, 'exp_feedback').getByText('Không', { exact: true }).click();
  await question(page, 'overall').getByTitle(overall, { exact: true }).click();
}

/** `fillKioskForm`, then the thank-you screen. */
async function answerKioskForm(page: Page, rating: string, overall: string) {
  await fillKioskForm(page, rating, overall);
  await page.getByRole('heading', { name: 'Cảm ơn ông/bà đã góp ý!' }).waitFor();
}

/** Polls `read` until it returns `expected` (as jest's toEqual sees it) or `timeoutMs` passes. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (!equals(last, expected) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  expect(last).toEqual(expected);
}

const equals = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function waitingCount(page: Page): Promise<number> {
  return Number(await page.locator('.outbox-indicator').getAttribute('data-waiting'));
}

describe('a kiosk at a service point, in a real browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let admin: LoggedInAgent;
  let wave: string;
  let point: string;

  const kioskUrl = (query = '', token?: string) => `${platform.url}/kiosk/${wave}?point=${point}${query}${token ? `#token=${token}` : ''}`;
  const stored = (deviceId: string) => platform.database.db.selectFrom('responses').selectAll()
    .where('device_id', '=', deviceId).orderBy('submitted_at').execute();

  beforeAll(async () => {
    platform = await startPlatform();
    const { db } = platform.database;
    admin = await loginAs(platform.url, db, { role: 'national_admin' });
    wave = (await createServicePointWave(db)).id;
    point = (await createServicePoint(db, { nameVi: 'Bộ phận một cửa phường Ba Đình' })).code;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function kioskPage(context: BrowserContext, url: string): Promise<Page> {
    context.setDefaultTimeout(10_000);
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(url);
    return page;
  }

  it('when three people answer one after another, then each answer is stored once and nobody sees the previous answers', async () => {
    const { device, token } = await enrolKiosk(admin, point, { label: 'Ki-ốt sảnh chính' });
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    const page = await kioskPage(context, kioskUrl('&thanks=2', token));
    await question(page, 'q_access_1').waitFor();
    expect(page.url()).not.toContain('token=');
    await expect(page.locator('.kiosk-place').textContent()).resolves.toBe('Bộ phận một cửa phường Ba Đình');
    const entries = await page.evaluate(() => window.history.length);

    const people = [['Rất hài lòng', 'Rất hài lòng'], ['Bình thường', 'Không hài lòng'], ['Không hài lòng', 'Rất không hài lòng']];
    for (const [i, [rating, overall]] of people.entries()) {
      await question(page, 'q_access_1').waitFor();
      expect(await selectedFaces(page).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Trở về' }).count()).toBe(0);
      await answerKioskForm(page, rating, overall);
      // The last person does not wait for the thank-you screen to time out.
      if (i === people.length - 1) await page.getByRole('button', { name: 'Bắt đầu phiếu mới' }).click();
    }
    await question(page, 'q_access_1').waitFor();
    expect(await selectedFaces(page).count()).toBe(0);
    expect(await page.evaluate(() => window.history.length)).toBe(entries);

    await eventually(async () => (await stored(device.id)).length, 3);
    const rows = await stored(device.id);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    expect(rows.map((r) => [r.answers.q_access_1, r.answers.q_result_2, r.answers.overall])).toEqual(
      people.map(([rating, overall]) => [VALUE[rating], VALUE[rating], VALUE[overall]]));
    for (const row of rows) {
      expect(row).toMatchObject({ channel: 'kiosk', psu: point, province_code: '01', wave_id: wave });
      expect(row.answers).toMatchObject({ service_point: point, exp_feedback: false });
      expect(row.duration_ms).toBeGreaterThan(0);
    }
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sipas.draft')))).toEqual([]);
    await context.close();
  });

  it('when someone walks away mid-form, then a countdown shows, a tap keeps the answer, and at the end it is discarded unsent', async () => {
    const { device, token } = await enrolKiosk(admin, point);
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    const page = await kioskPage(context, kioskUrl('&idle=5&countdown=3', token));
    await question(page, 'q_access_1').getByTitle('Rất không hài lòng', { exact: true }).click();
    await question(page, 'q_access_3').waitFor();

    const countdown = page.getByRole('alertdialog', { name: 'Ông/bà vẫn đang trả lời chứ?' });
    await countdown.waitFor();
    await expect(countdown.textContent()).resolves.toMatch(/sẽ bị xóa sau \d giây/);
    await page.getByRole('button', { name: 'Tiếp tục trả lời' }).click();
    await countdown.waitFor({ state: 'hidden' });
    await expect(question(page, 'q_access_3').isVisible()).resolves.toBe(true);

    await countdown.waitFor();
    await countdown.waitFor({ state: 'hidden', timeout: 6000 });
    await question(page, 'q_access_1').waitFor();
    expect(await selectedFaces(page).count()).toBe(0);
    expect(await waitingCount(page)).toBe(0);
    expect(await stored(device.id)).toEqual([]);
    await context.close();
  });

  it('when the network is cut, twenty answers are taken, and the kiosk restarts offline, then all twenty are stored exactly once when the network returns', async () => {
    const { device, token } = await enrolKiosk(admin, point, { label: 'Ki-ốt ngoại tuyến' });
    const profile = mkdtempSync(path.join(os.tmpdir(), 'sipas-kiosk-profile-'));
    let context: BrowserContext | undefined;
    try {
      context = await launchPersistentBrowser(profile, { viewport: { width: 1080, height: 1920 }, hasTouch: true });
      let page = await kioskPage(context, kioskUrl('&thanks=60', token));
      // The service worker has stored the app and the questionnaire.
      await page.locator('.outbox-indicator[data-offline-ready="true"]').waitFor();

      platform.reachable = false;
      await context.setOffline(true);
      for (let i = 0; i < 20; i++) {
        await answerKioskForm(page, i % 2 ? 'Hài lòng' : 'Rất hài lòng', 'Hài lòng');
        await page.getByRole('button', { name: 'Bắt đầu phiếu mới' }).click();
      }
      await eventually(() => waitingCount(page), 20);
      expect(await stored(device.id)).toEqual([]);
      await context.close();

      // The kiosk restarts with the network still down: the service worker opens the form.
      context = await launchPersistentBrowser(profile, { viewport: { width: 1080, height: 1920 }, hasTouch: true, offline: true });
      page = await kioskPage(context, kioskUrl());
      await question(page, 'q_access_1').waitFor();
      await eventually(() => waitingCount(page), 20);
      expect(await stored(device.id)).toEqual([]);

      platform.reachable = true;
      await context.setOffline(false);
      await eventually(() => waitingCount(page), 0, 60_000);
      const rows = await stored(device.id);
      expect(rows).toHaveLength(20);
      expect(new Set(rows.map((r) => r.id)).size).toBe(20);
      expect(rows.every((r) => r.channel === 'kiosk' && r.psu === point)).toBe(true);
    } finally {
      await context?.close();
      platform.reachable = true;
      rmSync(profile, { recursive: true, force: true });
    }
  }, 300_000);

  it('when a kiosk is revoked, then it says so on screen, and the answer it took is kept on the device, not stored', async () => {
    const { device, token } = await enrolKiosk(admin, point);
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    const page = await kioskPage(context, kioskUrl('', token));
    await question(page, 'q_access_1').waitFor();
    expect((await admin.post(`/api/kiosk-devices/${device.id}/revoke`)).status).toBe(200);

    // The refusal may replace the thank-you screen before it can be seen.
    await fillKioskForm(page, 'Hài lòng', 'Hài lòng');
    await page.getByRole('heading', { name: 'Ki-ốt đã ngừng nhận ý kiến' }).waitFor();
    await page.getByText('Ki-ốt này đã bị thu hồi và không được gửi phiếu nữa', { exact: false }).waitFor();
    expect(await waitingCount(page)).toBe(1);
    expect(await stored(device.id)).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { name: 'Ki-ốt đã ngừng nhận ý kiến' }).waitFor();
    expect(await question(page, 'q_access_1').count()).toBe(0);
    await context.close();
  });

  it('when a kiosk is not enrolled, then it says so, and takes answers once staff enter its device token', async () => {
    const { device, token } = await enrolKiosk(admin, point);
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    const page = await kioskPage(context, kioskUrl());
    await page.getByRole('heading', { name: 'Ki-ốt chưa được đăng ký' }).waitFor();
    expect(await question(page, 'q_access_1').count()).toBe(0);
    await page.getByLabel('Mã thiết bị ki-ốt (dành cho cán bộ)').fill(token);
    await page.getByRole('button', { name: 'Đăng ký ki-ốt' }).click();
    await question(page, 'q_access_1').waitFor();
    await answerKioskForm(page, 'Hài lòng', 'Hài lòng');
    await eventually(async () => (await stored(device.id)).map((r) => r.channel), ['kiosk']);
    await context.close();
  });

  it('when the server refuses one answer for good, then it is set aside on the device, the later answers are stored, and staff can see why and download it', async () => {
    const { device, token } = await enrolKiosk(admin, point, { label: 'Ki-ốt bị từ chối một phiếu' });
    // The service worker would hide the kiosk's requests from page.route.
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, serviceWorkers: 'block' });
    // The first answer reaches the server with a NUL in it, which the server must refuse (422), not fail on.
    let refusedId: string | null = null;
    await context.route('**/api/waves/*/responses', async (route) => {
      const body = route.request().postDataJSON();
      if (refusedId !== null && body.id !== refusedId) return route.continue();
      refusedId = body.id;
      await route.continue({ postData: JSON.stringify({ ...body, answers: { ...body.answers, q_staff_1: 'Hài lòng\u0000' } }) });
    });
    const page = await kioskPage(context, kioskUrl('&thanks=60', token));
    for (const [rating, overall] of [['Không hài lòng', 'Không hài lòng'], ['Hài lòng', 'Hài lòng'], ['Rất hài lòng', 'Rất hài lòng']]) {
      await question(page, 'q_access_1').waitFor();
      await answerKioskForm(page, rating, overall);
      await page.getByRole('button', { name: 'Bắt đầu phiếu mới' }).click();
    }

    await eventually(async () => (await stored(device.id)).length, 2);
    const indicator = page.locator('.outbox-indicator');
    await eventually(async () => [await indicator.getAttribute('data-waiting'), await indicator.getAttribute('data-rejected')], ['0', '1']);
    await expect(indicator.textContent()).resolves.toBe('Đã gửi hết phiếu · 1 phiếu bị từ chối');
    const rows = await stored(device.id);
    expect(rows.map((r) => r.id)).not.toContain(refusedId);
    expect(rows.map((r) => r.answers.overall)).toEqual([4, 5]);

    await page.getByText('Xem phiếu bị từ chối (dành cho cán bộ)').click();
    const panel = page.getByRole('region', { name: 'Phiếu bị máy chủ từ chối (1)' });
    await expect(panel.getByText('không chặn các phiếu sau', { exact: false }).isVisible()).resolves.toBe(true);
    await expect(panel.locator(`[data-response-id="${refusedId}"]`).textContent()).resolves.toMatch(/answers\.q_staff_1: Văn bản chứa ký tự NUL/);
    const serious = (await new AxeBuilder({ page }).include('.kiosk-footer').analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(serious).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Tải xuống các phiếu bị từ chối (JSON)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sipas-phieu-bi-tu-choi-\d{4}-\d{2}-\d{2}T\d{4}\.json$/);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(file.format).toBe('sipas-refused-responses');
    expect(file.responses).toEqual([expect.objectContaining({
      id: refusedId, wave, via: 'kiosk',
      refusal: expect.objectContaining({ status: 422, issues: [expect.objectContaining({ field: 'answers.q_staff_1', rule: 'nul_character' })] }),
      body: expect.objectContaining({ id: refusedId, channel: 'kiosk', answers: expect.objectContaining({ overall: 2, service_point: point }) }),
    })]);

    // Still aside after a restart of the page, and never sent again.
    const posts: string[] = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/responses')) posts.push(r.url()); });
    await page.reload();
    await question(page, 'q_access_1').waitFor();
    await eventually(async () => await page.locator('.outbox-indicator').getAttribute('data-rejected'), '1');
    expect(posts).toEqual([]);
    await context.close();
  });

  it('when a stranger uses the kiosk, then its targets are large, the faces carry their words, and axe finds nothing serious', async () => {
    const { token } = await enrolKiosk(admin, point);
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    const page = await kioskPage(context, kioskUrl('&thanks=30', token));
    await question(page, 'q_access_1').waitFor();

    const faces = question(page, 'q_access_1').locator('.sd-rating__item-smiley');
    expect(await faces.evaluateAll((els) => els.map((e) => getComputedStyle(e, '::after').content))).toEqual(
      ['"Rất không hài lòng"', '"Không hài lòng"', '"Bình thường"', '"Hài lòng"', '"Rất hài lòng"']);
    const targets = [...await faces.all(), ...await page.locator('.lang-switch button').all(), page.getByRole('button', { name: 'Tiếp theo' })];
    for (const target of targets) {
      const box = (await target.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(48);
    }

    const serious = async () => (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
    expect(await serious()).toEqual([]);
    await answerKioskForm(page, 'Hài lòng', 'Rất hài lòng');
    expect(await serious()).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor();
    await context.close();
  });
});
