import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDemo } from '../../server/demo/demo.service';
import type { RunningPlatform } from '../../server/platform';
import { signIn, startBrowserPlatform, stopBrowserPlatform } from '../support/browser';
import { createUser } from '../support/users';

const SYNTHETIC = 'Dữ liệu mô phỏng (synthetic)';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/**
 * How many units the rankings table lists, once it lists `count` of them or after 15 s: a table that
 * never gets there fails the caller's expectation with the count it did show.
 */
async function rankedUnits(page: Page, count: number): Promise<number> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="rankings"] [data-province]').length === n, count, { timeout: 15_000 })
    .catch(() => undefined);
  return page.locator('[data-testid="rankings"] [data-province]').count();
}

// Pages on the embedded database of a shared, busy machine: generous per-test time.
jest.setTimeout(240_000);

describe('officials use the dashboard in a real browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  const accounts = { analyst: '', official: '', admin: '', lockable: '' };
  let password = '';

  beforeAll(async () => {
    ({ platform, browser } = await startBrowserPlatform());
    const { db } = platform.database;
    await createDemo(db, { respondents: 6000 });
    const analyst = await createUser(db, { role: 'analyst', username: 'phan-tich' });
    const official = await createUser(db, { role: 'province_official', geography: 'vn-63', province: '01', username: 'can-bo-ha-noi' });
    accounts.admin = (await createUser(db, { role: 'national_admin', username: 'quan-tri' })).user.username;
    accounts.lockable = (await createUser(db, { role: 'analyst', username: 'se-bi-khoa' })).user.username;
    accounts.analyst = analyst.user.username;
    accounts.official = official.user.username;
    password = analyst.password;
  }, 180_000);
  afterAll(() => stopBrowserPlatform(platform, browser));

  async function signInAs(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await signIn(browser, `${platform.url}/admin`, { username, password },
      { context: { viewport: { width: 1280, height: 900 } }, timeoutMs: 20_000 });
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    return { context, page };
  }

  it('when a wrong password is typed, then the login says so in Vietnamese and the form has no serious accessibility violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${platform.url}/admin`);
    await page.getByRole('heading', { name: 'Đăng nhập khu vực cán bộ' }).waitFor();
    await page.getByLabel('Tên đăng nhập').fill(accounts.analyst);
    await page.getByLabel('Mật khẩu').fill('không phải mật khẩu này');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('when the password is wrong again and again, then the account is locked and the page says for how long', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${platform.url}/admin`);
    let message = '';
    for (let attempt = 0; attempt < 7 && !message.includes('bị khóa'); attempt++) {
      await page.getByLabel('Tên đăng nhập').fill(accounts.lockable);
      await page.getByLabel('Mật khẩu').fill(`sai mật khẩu lần ${attempt}`);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await answered;
      await page.getByLabel('Mật khẩu').and(page.locator('[value=""]')).waitFor();
      message = (await page.getByRole('alert').textContent()) ?? '';
    }
    expect(message).toMatch(/^Tài khoản tạm thời bị khóa do nhập sai mật khẩu nhiều lần\. Vui lòng thử lại sau \d+ phút/);
    await context.close();
  });

  it('when a national administrator signs in, then accounts and waves can be managed from the navigation', async () => {
    const { context, page } = await signInAs(accounts.admin);
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tài khoản cán bộ' }).waitFor();
    const form = page.getByRole('region', { name: 'Tạo tài khoản mới' });
    await form.getByLabel('Tên đăng nhập').fill('can-bo-tuyen-quang');
    await form.getByLabel('Họ tên hiển thị').fill('Cán bộ Tuyên Quang');
    await form.getByLabel('Vai trò').selectOption('province_official');
    await form.getByLabel('Tỉnh, thành phố phụ trách').selectOption('08');
    await form.getByLabel('Mật khẩu').fill('một mật khẩu đủ dài cho cán bộ');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản.').waitFor();
    await page.getByRole('rowheader', { name: 'can-bo-tuyen-quang' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Đợt khảo sát' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đợt khảo sát' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /SIPAS 2023 — dữ liệu mô phỏng/ }).waitFor();
    expect(await page.getByText(SYNTHETIC).count()).toBeGreaterThanOrEqual(2);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('when an analyst signs in, then 2023 ranks 63 provinces, 2025 ranks 34, and 2023 on the 34 units keeps the national figure', async () => {
    const { context, page } = await signInAs(accounts.analyst);
    const wave = page.getByLabel('Đợt khảo sát');

    await wave.selectOption('demo-2023');
    expect(await rankedUnits(page, 63)).toBe(63);
    await page.getByText(SYNTHETIC).first().waitFor();
    const national63 = await page.getByTestId('national-sipas').textContent();
    expect(national63).toMatch(/^\d{2},\d{2}%$/);
    await expect(page.getByText('Bình quân các tỉnh (không trọng số)').first().isVisible()).resolves.toBe(true);

    await page.getByRole('radio', { name: '34 tỉnh, thành phố (từ 2025)' }).check();
    expect(await rankedUnits(page, 34)).toBe(34);
    await page.getByText('được ước lượng lại theo 34 đơn vị mới', { exact: false }).waitFor();
    expect(await page.getByTestId('national-sipas').textContent()).toBe(national63);

    await wave.selectOption('demo-2025');
    expect(await rankedUnits(page, 34)).toBe(34);
    await page.getByText('So sánh qua đợt sắp xếp đơn vị hành chính năm 2025 được thực hiện theo 34 tỉnh, thành phố mới', { exact: false }).waitFor();
    await page.getByText('Thay đổi so với 2023').first().waitFor();
    expect(await page.getByRole('radio', { name: '63 tỉnh, thành phố (đến 2024)' }).isDisabled()).toBe(true);
    expect(await page.getByText(SYNTHETIC).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'SIPAS results' }).waitFor();
    expect(await page.getByText(SYNTHETIC).count()).toBeGreaterThan(0);
    await context.close();
  });

  it('when an analyst opens the dashboard, then it leads with the official mean of provinces, its interval and change, the top and bottom five and the service elements, the weighted figure beside it', async () => {
    const { context, page } = await signInAs(accounts.analyst);
    await page.getByRole('heading', { level: 2, name: /cả nước 2025/ }).waitFor();
    const overview = await page.evaluate(async () => (await fetch('/api/dashboard/waves/demo-2025/overview')).json());
    const vi = (p: number) => `${(p * 100).toFixed(2).replace('.', ',')}%`;
    const vi1 = (p: number) => `${(p * 100).toFixed(1).replace('.', ',')}%`;
    const { figure, top, bottom, elements } = overview.headline;
    expect(await page.getByTestId('headline-mean').textContent()).toBe(vi(figure.mean.p));
    expect(await page.getByTestId('headline-mean-ci').textContent()).toBe(`${vi1(figure.meanInterval.lo)} – ${vi1(figure.meanInterval.hi)}`);
    expect(await page.getByTestId('headline-weighted').textContent()).toBe(vi(figure.weighted.p));
    expect(figure.mean.p).not.toBe(figure.weighted.p);
    await expect(page.getByTestId('headline-mean-change').textContent()).resolves.toMatch(/^[+−±]\d+,\d{2} điểm % \((không )?có ý nghĩa thống kê; p [=<] /);
    await page.getByText('Chỉ số chính thức: bình quân các tỉnh, thành phố').waitFor();
    await page.getByText('Cả nước, có trọng số dân số').first().waitFor();

    const listed = async (name: string) => page.getByRole('list', { name }).getByRole('link').allTextContents();
    expect(await listed('Năm tỉnh, thành phố cao nhất')).toEqual(top.map((u: { nameVi: string }) => u.nameVi));
    expect(await listed('Năm tỉnh, thành phố thấp nhất')).toEqual(bottom.map((u: { nameVi: string }) => u.nameVi));
    expect(top).toHaveLength(5);
    for (const name of [...await listed('Năm tỉnh, thành phố cao nhất'), ...await listed('Năm tỉnh, thành phố thấp nhất')]) expect(name).not.toMatch(/\d/);
    expect(await page.getByTestId('headline-elements').locator('tbody tr').count()).toBe(5);
    expect(elements).toHaveLength(5);
    await expect(page.getByLabel('Đợt khảo sát').locator('option:checked').textContent()).resolves.toMatch(/^SIPAS 2025/);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('when the ranked indicator is chosen, then the tile map has one square per unit coloured by it, shows the interval on focus, and the same figures as a table', async () => {
    const { context, page } = await signInAs(accounts.analyst);
    await page.goto(`${platform.url}/admin?wave=demo-2023&geo=vn-63&ind=service`);
    expect(await rankedUnits(page, 63)).toBe(63);
    const map = page.getByTestId('tile-map');
    expect(await map.locator('[data-tile]').count()).toBe(63);
    const rankings = await page.evaluate(async () => (await fetch('/api/dashboard/waves/demo-2023/rankings?geography=vn-63&indicator=service')).json());
    const vi = (p: number) => `${(p * 100).toFixed(2).replace('.', ',')}%`;
    const best = [...rankings.provinces].sort((a, b) => a.rank - b.rank)[0];
    const worst = [...rankings.provinces].sort((a, b) => b.rank - a.rank)[0];
    const colour = (code: string) => map.locator(`[data-tile="${code}"]`).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colour(best.code)).toBe('rgb(8, 81, 156)');
    expect(await colour(worst.code)).toBe('rgb(239, 243, 255)');
    // Hà Nội lies north of Hồ Chí Minh and west of Hải Phòng on the grid.
    const box = async (code: string) => (await map.locator(`[data-tile="${code}"]`).boundingBox())!;
    expect((await box('01')).y).toBeLessThan((await box('79')).y);
    expect((await box('01')).x).toBeLessThan((await box('31')).x);

    await map.locator(`[data-tile="${best.code}"]`).focus();
    const info = await page.getByTestId('tile-info').textContent();
    expect(info).toContain(best.nameVi);
    expect(info).toContain(vi(best.row.p));
    expect(info).toMatch(/KTC 95% \d+,\d%/);
    await map.locator('[data-tile="79"]').hover();
    await expect(page.getByTestId('tile-info').textContent()).resolves.toContain('Hồ Chí Minh');

    const table = page.getByTestId('tile-map-table');
    expect(await table.locator('tbody tr').count()).toBe(63);
    const line = table.locator('tbody tr', { has: page.getByRole('rowheader', { name: best.nameVi, exact: true }) });
    expect(await line.locator('td').first().textContent()).toBe(vi(best.row.p));
    await page.getByText('Bản đồ ô dưới dạng bảng', { exact: false }).waitFor({ state: 'attached' });

    await page.getByRole('radio', { name: '34 tỉnh, thành phố (từ 2025)' }).check();
    expect(await rankedUnits(page, 34)).toBe(34);
    expect(await page.getByTestId('tile-map').locator('[data-tile]').count()).toBe(34);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  // Every other page of the officials' area on a phone: tests/browser/admin-phone.test.ts.
  it('when the dashboard, a province page and fieldwork are opened on a 390 px phone, then no page scrolls sideways', async () => {
    const { context, page } = await signIn(browser, `${platform.url}/admin`, { username: accounts.admin, password },
      { context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, timeoutMs: 60_000 });
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    const overflow = () => page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > width + 1 && !el.closest('.table-wrap, .visually-hidden');
      }).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      return { scroll: document.documentElement.scrollWidth, width, wide };
    });
    const pages: [string, () => Promise<unknown>][] = [
      ['/admin?wave=demo-2023&geo=vn-63', () => page.getByTestId('headline-mean').waitFor().then(() => rankedUnits(page, 63))],
      ['/admin/provinces/01?wave=demo-2023&geo=vn-63', () => page.getByTestId('province-sipas').waitFor()],
      ['/admin/fieldwork', () => page.getByRole('heading', { level: 1 }).waitFor()],
    ];
    for (const [path, ready] of pages) {
      await page.goto(`${platform.url}${path}`);
      await ready();
      const found = await overflow();
      expect({ path, ...found }).toEqual({ path, scroll: found.width, width: found.width, wide: [] });
    }
    await context.close();
  });

  it('when a province official signs in, then they land on their province with its rank and interval, the public ranking with their own highlighted, and another province is politely refused', async () => {
    const { context, page } = await signInAs(accounts.official);
    await page.getByRole('heading', { level: 1, name: 'Hà Nội' }).waitFor();
    await page.getByTestId('province-sipas').waitFor();
    // The navigation names their province, not its code.
    await page.getByRole('navigation', { name: 'Khu vực cán bộ' }).getByText(/Cán bộ tỉnh · Hà Nội$/).waitFor();
    expect(await rankedUnits(page, 34)).toBe(34);
    await expect(page.getByTestId('rank-sipas').textContent()).resolves.toMatch(/^Hạng: \d+\/34 \((theo khoảng tin cậy: từ hạng \d+ đến \d+|chắc chắn theo khoảng tin cậy)\)$/);

    await page.getByLabel('Đợt khảo sát').selectOption('demo-2023');
    await page.getByRole('heading', { level: 1, name: 'Hà Nội' }).waitFor();
    expect(await rankedUnits(page, 63)).toBe(63);
    expect(await page.locator('[data-testid="rankings"] tr.own').count()).toBe(1);
    await expect(page.locator('[data-testid="rankings"] tr.own').getAttribute('data-province')).resolves.toBe('01');
    await page.locator('[data-testid="rankings"] tr.own').getByText('Tỉnh của bạn').waitFor();
    await page.getByText('Bảng xếp hạng là số liệu công khai', { exact: false }).waitFor();
    await page.getByText('Cả nước (có trọng số)').first().waitFor();
    await page.getByText(SYNTHETIC).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Về kết quả cả nước' }).click();
    await page.getByTestId('headline-mean').waitFor();
    await page.getByRole('navigation', { name: 'Tỉnh của tôi' }).getByRole('link', { name: 'Hà Nội' }).waitFor();

    await page.goto(`${platform.url}/admin/provinces/02?wave=demo-2023&geo=vn-63`);
    await page.getByText('Xin lỗi, bạn không có quyền xem nội dung này.').waitFor();
    await page.getByText('Bạn chỉ được xem dữ liệu chi tiết của tỉnh, thành phố mình phụ trách').waitFor();
    await page.getByText(SYNTHETIC).first().waitFor();
    expect(await page.getByTestId('province-sipas').count()).toBe(0);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập khu vực cán bộ' }).waitFor();
    await context.close();
  });
});
