import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { createDemo } from '../../server/demo/demo.service';
import { start, type RunningPlatform } from '../../server/platform';
import { launchBrowser } from '../support/browser';
import { createServicePoint, createServicePointWave, enrolKiosk } from '../support/kiosks';
import { silentLogger } from '../support/logger';
import { createUser, signIn } from '../support/users';

/**
 * Every page of the officials' area on a 390 px phone: nothing wider than the screen (wide tables scroll
 * inside their own box) and no serious or critical accessibility violation found by axe.
 */

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// The embedded database of a shared, busy machine: generous time.
jest.setTimeout(600_000);

/** What overflows the viewport sideways, outside boxes that scroll on their own. */
function sideways(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 1 && !inScroller(el) && !el.closest('.visually-hidden');
    }).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scroll: document.documentElement.scrollWidth, width, wide };
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** Polls until `check` holds (playwright-core has no web-first assertions). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

/** Waits until the page has its heading and no part of it says it is still loading. */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 120_000 });
}

interface Progress { received: number; target: number | null; flags: Record<string, number>; refusedCodes: number }
interface FieldworkAnswer { provinces: (Progress & { code: string; nameVi: string; units: (Progress & { code: string; nameVi: string })[] })[] }

const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

describe('the officials\' area on a 390 px phone', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let runId = '';
  let kioskWave = '';

  beforeAll(async () => {
    const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1' }), database: { kind: 'pglite' as const, dataDir: null } };
    platform = await start(config, silentLogger);
    const { db } = platform.database;
    const demo = await createDemo(db, { respondents: 2000 });
    runId = demo.waves.find((w) => w.id === 'demo-2025')!.runIds[0];
    // The demo meets every target: one commune of Hà Nội loses its responses, so it falls behind.
    const lagging = await db.selectFrom('responses').select('commune_code').where('wave_id', '=', 'demo-2025')
      .where('province_code', '=', '01').orderBy('commune_code').limit(1).executeTakeFirstOrThrow();
    await db.deleteFrom('responses').where('wave_id', '=', 'demo-2025').where('commune_code', '=', lagging.commune_code).execute();
    kioskWave = (await createServicePointWave(db, { titleVi: 'Khảo sát tại bộ phận một cửa', titleEn: 'One-stop shop survey' })).id;
    const point = await createServicePoint(db, { code: 'HN-BADINH-01', nameVi: 'Bộ phận một cửa phường Ba Đình' });
    const { user, password } = await createUser(db, { role: 'national_admin', displayName: 'Nguyễn Thị Lan' });
    await createUser(db, { role: 'province_official', geography: 'vn-63', province: '01', displayName: 'Cán bộ Hà Nội' });
    await enrolKiosk(await signIn(platform.url, user.username, password), point.code, { wave: kioskWave, label: 'Ki-ốt sảnh chính' });
    browser = await launchBrowser();
    context = await browser.newContext({ ...PHONE, acceptDownloads: true });
    context.setDefaultTimeout(120_000);
    page = await context.newPage();
    await page.goto(`${platform.url}/admin`);
    await page.getByLabel('Tên đăng nhập').fill(user.username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  }, 600_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  const pages: [string, () => string][] = [
    ['the dashboard', () => '/admin?wave=demo-2023&geo=vn-63'],
    ['a province page', () => '/admin/provinces/01?wave=demo-2025&geo=vn-34'],
    ['the list of waves to follow in the field', () => '/admin/fieldwork'],
    ['a household wave\'s fieldwork', () => '/admin/fieldwork/demo-2025'],
    ['a service-point wave\'s fieldwork', () => `/admin/fieldwork/${kioskWave}`],
    ['the waves page', () => '/admin/waves'],
    ['a household wave\'s checklist', () => '/admin/waves/demo-2025'],
    ['a service-point wave\'s checklist', () => `/admin/waves/${kioskWave}`],
    ['the accounts page', () => '/admin/accounts'],
    ['a run', () => `/admin/runs/${runId}`],
    ['a sample plan', () => '/admin/sample/demo-2025'],
    ['the margins and weights page', () => '/admin/weights/demo-2025'],
    ['the service points and kiosks page', () => `/admin/service-points/${kioskWave}`],
    ['the paper channel page', () => '/admin/paper/demo-2025'],
  ];

  it.each(pages)('when %s is opened, then nothing scrolls sideways, it names geographies and indicators rather than coding them, and axe finds no serious violation', async (_name, path) => {
    await page.goto(`${platform.url}${path()}`);
    await settled(page);
    const found = await sideways(page);
    expect(found).toEqual({ scroll: found.width, width: 390, wide: [] });
    // CSV files keep their machine names (wave and geography codes); what the page says names things.
    const text = (await page.locator('main').innerText()).replace(/\([^()\s]+\.csv\)/g, '');
    expect(text).not.toMatch(/\belem_|\bvn-(34|63)\b/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('when the accounts are listed, then a province official\'s province is named', async () => {
    await page.goto(`${platform.url}/admin/accounts`);
    await settled(page);
    const row = page.getByRole('row', { name: /Cán bộ Hà Nội/ });
    await expect(row.getByRole('cell', { name: 'Hà Nội (63 tỉnh, thành phố (đến 2024))' }).count()).resolves.toBe(1);
  });

  it('when the run\'s public preview is opened, then it fits the phone, names the service elements in Vietnamese, and axe finds no serious violation', async () => {
    await page.goto(`${platform.url}/admin/runs/${runId}`);
    await settled(page);
    await page.getByRole('button', { name: 'Xem trước những gì công chúng sẽ thấy' }).click();
    await page.getByRole('heading', { name: 'Bản xem trước dữ liệu mở' }).waitFor();
    await settled(page);
    const found = await sideways(page);
    expect(found).toEqual({ scroll: found.width, width: 390, wide: [] });
    expect(await page.locator('main').innerText()).not.toMatch(/\belem_|\bvn-(34|63)\b|\bdemo-20\d\d\b/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('when fieldwork is opened, then provinces are summarised and open onto named communes, which can be searched without diacritics, filtered to those behind target, sorted, and downloaded with Vietnamese headers', async () => {
    await page.goto(`${platform.url}/admin/fieldwork/demo-2025`);
    await settled(page);
    const report: FieldworkAnswer = await page.evaluate(async () => (await fetch('/api/waves/demo-2025/fieldwork')).json());
    const units = report.provinces.flatMap((p) => p.units.map((u) => ({ ...u, province: p })));
    expect(units.length).toBeGreaterThan(report.provinces.length);
    const provincesShown = () => page.locator('tbody[data-province]').evaluateAll((els) => els.map((e) => e.getAttribute('data-province')));
    const unitsShown = () => page.locator('tr[data-unit]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')));

    // Closed at first: one summary row per province, no commune listed.
    expect(await provincesShown()).toEqual(report.provinces.map((p) => p.code).sort((a, b) => {
      const name = (c: string) => report.provinces.find((p) => p.code === c)!.nameVi;
      return name(a).localeCompare(name(b), 'vi');
    }));
    expect(await unitsShown()).toEqual([]);

    // A province opens onto its communes, by name.
    const biggest = [...report.provinces].sort((a, b) => b.units.length - a.units.length)[0];
    const opener = page.locator(`tbody[data-province="${biggest.code}"] button.expand`);
    await opener.click();
    expect(await opener.getAttribute('aria-expanded')).toBe('true');
    const names = await page.locator(`tbody[data-province="${biggest.code}"] tr[data-unit] th`).allInnerTexts();
    expect(names).toEqual(biggest.units.map((u) => u.nameVi).sort((a, b) => a.localeCompare(b, 'vi')));
    for (const name of names) expect(name).toMatch(/^\p{L}/u);
    const found = await sideways(page);
    expect(found).toEqual({ scroll: found.width, width: 390, wide: [] });
    expect(await seriousViolations(page)).toEqual([]);
    await opener.click();

    // Search without diacritics finds a commune of another province, and only matching ones are listed.
    // eslint-disable-next-line no-control-regex -- any character outside ASCII
    const wanted = units.find((u) => u.province.code !== biggest.code && /[^\x00-\x7f]/.test(u.nameVi))!;
    const needle = plain(wanted.nameVi);
    await page.getByLabel('Tìm tỉnh hoặc xã/phường').fill(needle);
    await eventually(async () => (await unitsShown()).includes(wanted.code));
    for (const name of await page.locator('tr[data-unit] th').allInnerTexts()) expect(plain(name)).toContain(needle);
    await page.getByLabel('Tìm tỉnh hoặc xã/phường').fill('');

    // Behind target: only provinces with a commune behind target; opened, only those communes.
    await page.getByLabel('Chưa đạt chỉ tiêu').check();
    const behind = (u: Progress) => u.target !== null && u.received < u.target;
    const expected = report.provinces.filter((p) => p.units.some(behind));
    await eventually(async () => (await provincesShown()).length === expected.length);
    expect([...await provincesShown()].sort()).toEqual(expected.map((p) => p.code).sort());
    expect(expected.map((p) => p.code)).toContain('01');
    const one = expected[0];
    await page.locator(`tbody[data-province="${one.code}"] button.expand`).click();
    expect([...await unitsShown()].sort()).toEqual(one.units.filter(behind).map((u) => u.code).sort());
    await page.getByLabel('Chưa đạt chỉ tiêu').uncheck();

    // Sorted by share of target, lowest first.
    await page.getByLabel('Sắp xếp theo').selectOption({ label: 'Tỷ lệ đạt chỉ tiêu (thấp trước)' });
    const rate = (p: Progress) => (p.target ? p.received / p.target : Infinity);
    const byRate = [...report.provinces].sort((a, b) => rate(a) - rate(b) || a.nameVi.localeCompare(b.nameVi, 'vi'));
    await eventually(async () => (await provincesShown())[0] === byRate[0].code);
    expect((await provincesShown()).map((c) => rate(report.provinces.find((p) => p.code === c)!)))
      .toEqual(byRate.map(rate));

    // The CSV of the communes shown: Vietnamese headers, names first.
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải CSV các xã/phường đang hiện' }).click();
    const csv = readFileSync(await (await saved).path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(csv[0]).toMatch(/^"Tỉnh, thành phố","Xã, phường",Chỉ tiêu,Đã nhận,Tỷ lệ đạt chỉ tiêu,/);
    expect(csv).toHaveLength(units.length + 1);
    expect(csv.some((line) => line.startsWith(`${biggest.nameVi},${biggest.units[0].nameVi},`) || line.includes(`,${biggest.units[0].nameVi},`))).toBe(true);

    // Flagged responses name their places.
    for (const place of await page.locator('section[aria-labelledby="flagged-heading"] tbody td:nth-child(2)').allInnerTexts()) {
      expect(place).not.toMatch(/^\d/);
    }
  });

  it('when numbered blank forms are printed, then the paper page and the fieldwork monitor count them in tables that fit the phone', async () => {
    await page.goto(`${platform.url}/admin/paper/demo-2025`);
    await settled(page);
    await page.getByRole('heading', { level: 1, name: 'Phiếu giấy: SIPAS 2025 — dữ liệu mô phỏng' }).waitFor();
    await page.getByLabel('Số phiếu trắng').fill('3');
    const saved = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'In phiếu trắng đánh số' }).click();
    expect(readFileSync(await (await saved).path()).subarray(0, 5).toString()).toBe('%PDF-');
    for (const path of ['/admin/paper/demo-2025', '/admin/fieldwork/demo-2025']) {
      await page.goto(`${platform.url}${path}`);
      await settled(page);
      const table = page.getByRole('region', { name: 'Phiếu giấy theo xã' });
      await table.getByRole('row', { name: /Phiếu trắng/ }).waitFor();
      const found = await sideways(page);
      expect(found).toEqual({ scroll: found.width, width: 390, wide: [] });
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});
