import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import jsQR from 'jsqr';
import sharp from 'sharp';
import type { RunningPlatform } from '../../server/platform';
import { signIn, startBrowserPlatform, stopBrowserPlatform } from '../support/browser';
import { POLICY_STATEMENTS } from '../support/sipas-answers';
import { createUser } from '../support/users';

/**
 * The whole life of a wave, driven only through the pages an official, a kiosk and citizens' phones
 * show: no API call or command line in between (the test reads files it downloads, and the database only
 * to check what was stored).
 */

const HOUSEHOLD = 'sipas-thu-2026';
const KIOSK_WAVE = 'mot-cua-thu-2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Four wards of Hà Nội on the 34 units. */
const FRAME = [
  'province_code,commune_code,commune_name,urban_rural,adult_population',
  '01,00004,Phường Ba Đình,urban,60000',
  '01,00008,Phường Ngọc Hà,urban,35000',
  '01,00025,Phường Giảng Võ,urban,30000',
  '01,00031,Phường Tây Hồ,urban,25000',
].join('\n');
const BAD_FRAME = FRAME.replace('Phường Ngọc Hà,urban,35000', 'Phường Ngọc Hà,urban,nhiều');

const MARGINS = ['margin,province_code,level,total', 'sex,01,F,76000', 'sex,01,M,74000'].join('\n');

const question = (page: Page, name: string): Locator => page.locator(`[data-name="${name}"]`);
const choose = (page: Page, name: string, label: string) => question(page, name).getByText(label, { exact: true }).click();
const next = (page: Page) => page.getByRole('button', { name: 'Tiếp theo' }).click();
const KIOSK_RATED = ['q_access_1', 'q_access_3', 'q_procedure_3', 'q_procedure_4', 'q_staff_1', 'q_staff_3', 'q_result_1', 'q_result_2'];

/** Polls until `check` holds (playwright-core has no web-first assertions). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Reads a QR code shown as an SVG data URL, the way a kiosk's camera would. */
async function scanQr(src: string): Promise<string | null> {
  const svg = decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 }).resize(400, 400).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('an official takes a wave from creation to publication from her phone, with a kiosk and citizens\' phones', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    ({ platform, browser } = await startBrowserPlatform());
    dir = mkdtempSync(path.join(tmpdir(), 'sipas-whole-wave-'));
  }, 120_000);
  afterAll(() => stopBrowserPlatform(platform, browser));

  async function download(page: Page, click: () => Promise<void>): Promise<string> {
    const saved = page.waitForEvent('download', { timeout: 120_000 });
    await click();
    const file = await saved;
    const target = path.join(dir, file.suggestedFilename());
    await file.saveAs(target);
    return target;
  }

  async function createWave(page: Page, id: string, survey: string, title: string, design: string) {
    await page.getByLabel('Mã đợt').fill(id);
    const version = await page.locator('#new-wave-version option', { hasText: `— ${survey} v` }).first().getAttribute('value');
    await page.getByLabel('Phiên bản phiếu hỏi').selectOption(version!);
    await page.getByLabel('Tên tiếng Việt').first().fill(title);
    await page.getByLabel('Tên tiếng Anh').first().fill(`${title} (EN)`);
    await page.getByLabel('Thiết kế mẫu').selectOption(design);
    await page.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
    await page.getByText(`Đã tạo đợt ${title} (nháp, mã ${id}).`).waitFor();
    await page.locator(`#wave-${id}-status`).selectOption('open');
    await page.getByRole('button', { name: `Lưu ${title}`, exact: true }).click();
    await page.getByText(`Đã lưu đợt ${title}.`).waitFor();
  }

  async function answerWithCode(code: string, sex: string, age: string, overall: string) {
    const context = await browser.newContext(PHONE);
    context.setDefaultTimeout(30_000);
    const phone = await context.newPage();
    await phone.goto(`${platform.url}/s/${HOUSEHOLD}?code=${code}`);
    await phone.getByText('Phần A. Thông tin về người trả lời').waitFor();
    await choose(phone, 'sex', sex);
    await choose(phone, 'age_group', age);
    await next(phone);
    for (const item of ['exp_admin_procedure', 'exp_feedback', 'exp_online_service', 'exp_policy_consulted', 'exp_policy_meeting', 'exp_public_health', 'exp_public_school']) {
      await choose(phone, item, 'Không');
    }
    await next(phone);
    for (const name of POLICY_STATEMENTS) await choose(phone, name, overall);
    await next(phone);
    await choose(phone, 'overall', overall);
    await next(phone);
    await phone.getByRole('button', { name: 'Hoàn thành' }).click();
    await phone.getByText('Phiếu trả lời của ông/bà đã được ghi nhận').waitFor();
    await context.close();
  }

  it('when she creates the waves, uploads a frame, draws, prints, enrols a kiosk, watches fieldwork, uploads margins, runs, previews and publishes, then every step shows done and the files are whole', async () => {
    const { db } = platform.database;
    const { user, password } = await createUser(db, { role: 'national_admin', displayName: 'Nguyễn Thị Lan' });
    // Sign in and create a household wave and a service-point wave.
    const { context: official, page } = await signIn(browser, `${platform.url}/admin/waves`, { username: user.username, password },
      { context: { ...PHONE, acceptDownloads: true }, timeoutMs: 60_000 });
    await page.getByRole('heading', { name: 'Tạo đợt khảo sát mới' }).waitFor();
    await createWave(page, HOUSEHOLD, 'sipas-2023', 'Khảo sát SIPAS thử 2026', 'household');
    await createWave(page, KIOSK_WAVE, 'service-point', 'Khảo sát tại bộ phận một cửa 2026', 'service_point');

    // The household wave's checklist: nothing done yet beyond the questionnaire and geography.
    await page.getByRole('link', { name: 'Tiến độ các bước (Khảo sát SIPAS thử 2026)' }).click();
    await page.getByRole('heading', { name: 'Khảo sát SIPAS thử 2026' }).waitFor();
    await eventually(async () => (await page.locator('[data-step="sample"]').getAttribute('data-state')) === 'todo', 'the sample step to do');
    expect(await noSidewaysScroll(page)).toBe(true);

    // The sample plan: a bad frame lists its bad line; the good one is taken; draw.
    await page.getByRole('link', { name: /^Kế hoạch mẫu/ }).click();
    await page.getByText('Chưa có khung mẫu').waitFor();
    writeFileSync(path.join(dir, 'khung-sai.csv'), BAD_FRAME);
    await page.getByLabel('Tệp khung mẫu (CSV, UTF-8)').setInputFiles(path.join(dir, 'khung-sai.csv'));
    await page.getByRole('button', { name: 'Tải lên khung mẫu' }).click();
    await page.getByRole('alert').getByText(/^Dòng 3, cột adult_population/).waitFor();
    writeFileSync(path.join(dir, 'khung-mau.csv'), FRAME);
    await page.getByLabel('Tệp khung mẫu (CSV, UTF-8)').setInputFiles(path.join(dir, 'khung-mau.csv'));
    await page.getByRole('button', { name: 'Tải lên khung mẫu' }).click();
    await page.getByText('Khung mẫu có 4 xã').waitFor();
    await page.getByLabel('Số xã chọn mỗi tầng').fill('2');
    await page.getByLabel('Số người trả lời mỗi xã (chỉ tiêu)').fill('3');
    await page.getByLabel(/Hạt giống ngẫu nhiên/).fill('20260115');
    await page.getByRole('button', { name: 'Chọn mẫu', exact: true }).click();
    await page.getByText('hạt giống 20260115').waitFor();

    // Print both communes' invitation sheets and read their codes.
    const rows = page.getByRole('table', { name: /Các xã được chọn/ }).locator('tbody tr');
    await eventually(async () => (await rows.count()) === 2, 'two selected communes');
    const codes: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const pdf = await download(page, () => rows.nth(i).getByRole('button', { name: /In phiếu mời của/ }).click());
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
      codes.push([...new Set(text.match(/[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}/g))]);
      expect(codes[i]).toHaveLength(3);
    }

    // Citizens answer with their codes on their phones: two in each commune, women and men.
    await answerWithCode(codes[0][0], 'Nữ', 'Từ 30 đến 39 tuổi', 'Hài lòng');
    await answerWithCode(codes[0][1], 'Nam', 'Từ 50 đến 59 tuổi', 'Bình thường');
    await answerWithCode(codes[1][0], 'Nữ', 'Từ 18 đến 29 tuổi', 'Rất hài lòng');
    await answerWithCode(codes[1][1], 'Nam', 'Từ 40 đến 49 tuổi', 'Hài lòng');

    // /kiosk/ offers only the service-point wave.
    const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    kioskContext.setDefaultTimeout(30_000);
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(`${platform.url}/kiosk/`);
    await kiosk.getByRole('link', { name: /Khảo sát tại bộ phận một cửa 2026/ }).waitFor();
    expect(await kiosk.getByRole('link', { name: /Khảo sát SIPAS thử 2026/ }).count()).toBe(0);

    // Service points and a kiosk for the service-point wave, enrolled with the code shown on her phone.
    await page.goto(`${platform.url}/admin/waves`);
    await page.getByRole('link', { name: 'Điểm phục vụ và ki-ốt (Khảo sát tại bộ phận một cửa 2026)' }).click();
    await page.getByRole('heading', { name: /Điểm phục vụ và ki-ốt: Khảo sát tại bộ phận một cửa 2026/ }).waitFor();
    await page.getByLabel('Mã điểm phục vụ').fill('hn-badinh-01');
    await page.getByLabel('Tên điểm phục vụ').fill('Bộ phận một cửa phường Ba Đình');
    await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Hà Nội' });
    await page.getByRole('button', { name: 'Thêm điểm phục vụ', exact: true }).click();
    await page.getByText('Đã thêm Bộ phận một cửa phường Ba Đình.').waitFor();
    const card = page.locator('li.point', { hasText: 'HN-BADINH-01' });
    await card.getByLabel('Tên ki-ốt mới').fill('Ki-ốt sảnh chính');
    await card.getByRole('button', { name: 'Lấy mã đăng ký' }).click();
    const code = (await page.getByTestId('enrolment-code').innerText()).trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const qr = await page.getByRole('img', { name: new RegExp(`Mã QR mở trang ki-ốt với mã ${code}`) }).getAttribute('src');
    expect(await scanQr(qr!)).toBe(`${platform.url}/kiosk/${KIOSK_WAVE}#enrol=${code}`);
    expect(await noSidewaysScroll(page)).toBe(true);

    // The kiosk opens its wave, is not enrolled, and staff type the code.
    await kiosk.getByRole('link', { name: /Khảo sát tại bộ phận một cửa 2026/ }).click();
    await kiosk.getByRole('heading', { name: 'Ki-ốt chưa được đăng ký' }).waitFor();
    await kiosk.getByLabel('Mã đăng ký hoặc mã thiết bị ki-ốt (dành cho cán bộ)').fill(code);
    await kiosk.getByRole('button', { name: 'Đăng ký ki-ốt' }).click();
    await question(kiosk, 'q_access_1').waitFor();
    await question(kiosk, 'service_point').isHidden();
    for (const name of KIOSK_RATED) await question(kiosk, name).getByTitle('Hài lòng', { exact: true }).click();
    await question(kiosk, 'exp_feedback').getByText('Không', { exact: true }).click();
    await question(kiosk, 'overall').getByTitle('Rất hài lòng', { exact: true }).click();
    await kiosk.getByRole('heading', { name: 'Cảm ơn ông/bà đã góp ý!' }).waitFor();
    await eventually(async () => (await db.selectFrom('responses').select('id').where('wave_id', '=', KIOSK_WAVE).execute()).length === 1, 'the kiosk answer stored');

    // Her screen shows the kiosk's last contact, waiting answers and version.
    await page.reload();
    const kioskCard = page.locator('.kiosk-list li', { hasText: 'Ki-ốt sảnh chính' });
    await kioskCard.waitFor();
    expect(await kioskCard.locator('dt:has-text("Liên lạc gần nhất") + dd').innerText()).not.toBe('chưa liên lạc');
    expect(await kioskCard.locator('dt:has-text("Phiếu đang chờ gửi") + dd').innerText()).toBe('0');
    expect(await kioskCard.locator('dt:has-text("Phiên bản") + dd').innerText()).toMatch(/^build [A-Za-z0-9_-]{8}$/);

    // Fieldwork of the household wave: 4 of 6.
    await page.goto(`${platform.url}/admin/waves/${HOUSEHOLD}`);
    await page.getByRole('link', { name: /Theo dõi thực địa/ }).click();
    await page.getByText('Đã nhận 4 phiếu / chỉ tiêu 6').waitFor();

    // Margins, then the run from the waves page.
    await page.goto(`${platform.url}/admin/waves/${HOUSEHOLD}`);
    await page.getByRole('link', { name: /Tổng biên và trọng số/ }).click();
    writeFileSync(path.join(dir, 'tong-bien.csv'), MARGINS);
    await page.getByLabel('Tệp tổng biên (CSV)').setInputFiles(path.join(dir, 'tong-bien.csv'));
    await page.getByRole('button', { name: 'Tải lên tổng biên' }).click();
    await page.getByText('Đã tải lên tong-bien.csv.').waitFor();
    await page.goto(`${platform.url}/admin/waves`);
    await page.getByRole('button', { name: 'Ước lượng theo 34 đơn vị (Khảo sát SIPAS thử 2026)' }).click();
    await page.getByText('Đã ước lượng đợt Khảo sát SIPAS thử 2026 theo 34 tỉnh, thành phố (từ 2025).').waitFor({ timeout: 180_000 });

    // From the checklist to the run: preview, publish, download the PDF and XLSX.
    await page.goto(`${platform.url}/admin/waves/${HOUSEHOLD}`);
    await page.getByRole('link', { name: /Báo cáo và tệp xuất/ }).click();
    await page.getByRole('heading', { name: 'Lần ước lượng: Khảo sát SIPAS thử 2026' }).waitFor();
    await page.getByRole('button', { name: 'Xem trước những gì công chúng sẽ thấy' }).click();
    await page.getByRole('heading', { name: 'Bản xem trước dữ liệu mở' }).waitFor();
    // Four respondents: every cell is below 30, and the preview says so before anything is published.
    await page.getByRole('table', { name: /Các ô bị che/ }).waitFor();
    expect(await page.getByRole('table', { name: /Các ô bị che/ }).getByText('ít người trả lời').count()).toBeGreaterThan(0);
    expect(await db.selectFrom('estimation_runs').select('id').where('published_at', 'is not', null).execute()).toHaveLength(0);
    await page.getByRole('button', { name: 'Xác nhận công bố' }).click();
    await page.getByText(/^Đã công bố lúc/).waitFor();
    const pdf = readFileSync(await download(page, () => page.getByRole('button', { name: 'Tải báo cáo năm (PDF)' }).click()));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = readFileSync(await download(page, () => page.getByRole('button', { name: 'Tải bảng ước lượng (XLSX)' }).click()));
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    expect(await noSidewaysScroll(page)).toBe(true);

    // Every step of the household wave is done (kiosks do not apply to it).
    await page.goto(`${platform.url}/admin/waves/${HOUSEHOLD}`);
    await eventually(async () => (await page.locator('[data-step="published"]').getAttribute('data-state')) === 'done', 'the published step done');
    const states = await page.locator('[data-step]').evaluateAll((steps) => Object.fromEntries(steps.map((s) => [s.getAttribute('data-step'), s.getAttribute('data-state')])));
    expect(states).toEqual({
      questionnaire: 'done', geography: 'done', sample: 'done', invitations: 'done', kiosks: 'n/a',
      fieldwork: 'partial', margins: 'done', run: 'done', published: 'done',
    });
    await kioskContext.close();
    await official.close();
  }, 600_000);
});
