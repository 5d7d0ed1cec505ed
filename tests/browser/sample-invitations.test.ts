import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { GeographyCode } from '../../server/db/database';
import type { RunningPlatform } from '../../server/platform';
import { signIn, startBrowserPlatform, stopBrowserPlatform } from '../support/browser';
import { POLICY_STATEMENTS } from '../support/sipas-answers';
import { createUser } from '../support/users';
import { createWave } from '../support/waves';

const question = (page: Page, name: string): Locator => page.locator(`[data-name="${name}"]`);
const choose = (page: Page, name: string, label: string) => question(page, name).getByText(label, { exact: true }).click();
const next = (page: Page) => page.getByRole('button', { name: 'Tiếp theo' }).click();

/** Four wards of Hà Nội on the 34 units, one of them far larger than the others. */
const FRAME = [
  'province_code,commune_code,commune_name,urban_rural,adult_population',
  '01,00004,Phường Ba Đình,urban,60000',
  '01,00008,Phường Ngọc Hà,urban,35000',
  '01,00025,Phường Giảng Võ,urban,30000',
  '01,00031,Phường Tây Hồ,urban,25000',
].join('\n');

describe('an official draws a household sample, prints invitations, and follows fieldwork, in a real browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let wave: string;
  let dir: string;

  beforeAll(async () => {
    ({ platform, browser } = await startBrowserPlatform());
    // A household (probability) wave on the installation's geography: the first wave a fresh installation
    // opens is `open` (self-selected), which has no sample plan.
    const first = await platform.database.db.selectFrom('waves').select(['geography_code']).executeTakeFirstOrThrow();
    wave = (await createWave(platform.database.db, { geographyCode: first.geography_code as GeographyCode, design: 'household' })).id;
    dir = mkdtempSync(path.join(tmpdir(), 'sipas-sample-'));
  });
  afterAll(() => stopBrowserPlatform(platform, browser));

  it('when she uploads a frame, draws, prints a sheet and a citizen answers with its code, then the monitor shows the response against the commune\'s target', async () => {
    const { user, password } = await createUser(platform.database.db, { role: 'national_admin', displayName: 'Nguyễn Thị Lan' });
    const { context: official, page } = await signIn(browser, `${platform.url}/admin/sample/${wave}`, { username: user.username, password }, { timeoutMs: 15_000 });

    await page.getByText('Chưa có khung mẫu').waitFor();
    const frameFile = path.join(dir, 'khung-mau.csv');
    writeFileSync(frameFile, FRAME);
    await page.getByLabel('Tệp khung mẫu (CSV, UTF-8)').setInputFiles(frameFile);
    await page.getByRole('button', { name: 'Tải lên khung mẫu' }).click();
    await page.getByText('Khung mẫu có 4 xã').waitFor();

    await page.getByLabel('Số xã chọn mỗi tầng').fill('2');
    await page.getByLabel('Số người trả lời mỗi xã (chỉ tiêu)').fill('3');
    await page.getByLabel(/Hạt giống ngẫu nhiên/).fill('20260115');
    await page.getByRole('button', { name: 'Chọn mẫu', exact: true }).click();
    await page.getByText('hạt giống 20260115').waitFor();
    const rows = page.getByRole('table', { name: /Các xã được chọn/ }).locator('tbody tr');
    await eventually(async () => (await rows.count()) === 2, 'two selected communes');

    // Ba Đình (60,000 of 150,000 adults, n = 2: interval 75,000) is drawn by chance, not certainty; take the first row.
    const firstRow = rows.first();
    const communeName = (await firstRow.locator('th').innerText()).replace(/\s*\(\d{5}\)$/, '');
    const download = page.waitForEvent('download');
    await firstRow.getByRole('button', { name: /In phiếu mời của/ }).click();
    const pdfFile = path.join(dir, 'phieu-moi.pdf');
    await (await download).saveAs(pdfFile);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    expect(communeName).toMatch(/^Phường /);
    expect(text).toContain(communeName);
    const code = text.match(/[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}/)![0];

    const citizen = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    citizen.setDefaultTimeout(15_000);
    const phone = await citizen.newPage();
    await phone.goto(`${platform.url}/s/${wave}?code=${code}`);
    await phone.getByText(`Phiếu mời dành cho người dân tại`).waitFor();
    await phone.getByText(`${communeName}, Hà Nội`).waitFor();
    await phone.getByText('Phần A. Thông tin về người trả lời').waitFor();
    expect(await question(phone, 'province').isVisible()).toBe(false);
    expect(await question(phone, 'commune').isVisible()).toBe(false);
    await choose(phone, 'sex', 'Nữ');
    await choose(phone, 'age_group', 'Từ 30 đến 39 tuổi');
    await next(phone);
    for (const item of ['exp_admin_procedure', 'exp_feedback', 'exp_online_service', 'exp_policy_consulted', 'exp_policy_meeting', 'exp_public_health', 'exp_public_school']) {
      await choose(phone, item, 'Không');
    }
    await next(phone);
    for (const name of POLICY_STATEMENTS) await choose(phone, name, 'Hài lòng');
    await next(phone);
    await choose(phone, 'overall', 'Hài lòng');
    await next(phone);
    await phone.getByRole('button', { name: 'Hoàn thành' }).click();
    await phone.getByText('Phiếu trả lời của ông/bà đã được ghi nhận').waitFor();

    const stored = await platform.database.db.selectFrom('responses').selectAll().where('wave_id', '=', wave).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ province_code: '01', stratum: '01' });
    expect(stored[0].base_weight).toBeGreaterThan(0);

    // Opening the same link again on her phone thanks her rather than offering the questionnaire.
    await phone.goto(`${platform.url}/s/${wave}?code=${code}`);
    await phone.getByText('Ông/bà đã gửi phiếu trả lời bằng mã mời này').waitFor();

    await page.goto(`${platform.url}/admin/fieldwork/${wave}`);
    // The monitor lists provinces; finding the commune by name opens its province onto it.
    await page.getByLabel('Tìm tỉnh hoặc xã/phường').fill(communeName);
    const monitorRow = page.getByRole('row', { name: new RegExp(communeName) });
    await eventually(async () => /^1 \/ 3/.test(await monitorRow.getByRole('cell').first().innerText().catch(() => '')), 'the commune at 1 of 3');
    await page.getByText('Đã nhận 1 phiếu / chỉ tiêu 6').waitFor();
    await citizen.close();
    await official.close();
  });
});

/** Polls a locator until it matches (playwright-core has no web-first assertions). */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
