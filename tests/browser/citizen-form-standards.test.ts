/**
 * Issue #15: the citizen's questionnaire against GOV.UK / USWDS form standards, at phone widths of
 * 320, 360 and 390 px and at desktop size, and the kiosk at phone and desktop sizes: nothing overflows or
 * is cut, the shipped font is the one rendered, an error summary with working links, vertical ratings,
 * the invitation retry, the confirmation panel, keyboard-only answering, and axe on every page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningPlatform } from '../../server/platform';
import { startBrowserPlatform, stopBrowserPlatform } from '../support/browser';
import { createHanoiCommunes, createServicePoint, createServicePointWave, enrolKiosk } from '../support/kiosks';
import { choose, next, pick, question } from '../support/survey-page';
import { POLICY_STATEMENTS, SERVICE_STATEMENTS } from '../support/sipas-answers';
import { layoutProblems, seriousAxe } from '../support/page-checks';
import { loginAs } from '../support/users';

/** Reads until `ok` holds or 10 s pass, and returns the last reading (for the assertion that follows). */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const end = Date.now() + 10_000;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** Layout (and axe, unless told not to) on the page as it stands; failures carry the step's name. */
async function checkPage(page: Page, step: string, { axe = true } = {}) {
  expect({ step, problems: await layoutProblems(page) }).toEqual({ step, problems: [] });
  if (axe) expect({ step, axe: await seriousAxe(page) }).toEqual({ step, axe: [] });
}

/** The font Chromium actually used to draw a node's text (DevTools protocol), not the one CSS asked for. */
async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: `${selector}, ${selector} *` });
  const families = new Set<string>();
  for (const nodeId of nodeIds) {
    for (const font of (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts) families.add(font.familyName);
  }
  await cdp.detach();
  return [...families];
}

/** Every font drawn is a face of Be Vietnam Pro ("Be Vietnam Pro SemiBold" is its 600 weight): none else, and some. */
async function expectOnlyBeVietnamPro(page: Page, selector: string) {
  const families = await renderedFonts(page, selector);
  expect({ selector, families: families.filter((f) => !f.startsWith('Be Vietnam Pro')) }).toEqual({ selector, families: [] });
  expect(families.length).toBeGreaterThan(0);
}

describe('the citizen questionnaire meets GOV.UK / USWDS form standards', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let wave: string;

  beforeAll(async () => {
    ({ platform, browser } = await startBrowserPlatform());
    const { db } = platform.database;
    wave = (await db.selectFrom('waves').select('id').where('status', '=', 'open').orderBy('created_at').executeTakeFirstOrThrow()).id;
    await createHanoiCommunes(db);
  });
  afterAll(() => stopBrowserPlatform(platform, browser));

  async function phone(width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
    context.setDefaultTimeout(15_000);
    return { context, page: await context.newPage() };
  }

  /**
   * Walks every page of the form at one width, with the layout checks on each page, and submits. Axe runs
   * on every page at 360 px (its rules do not depend on the width; the layout checks do).
   */
  async function walk(width: number) {
    const axe = width === 360;
    const { context, page } = await phone(width);
    await page.goto(`${platform.url}/s/${wave}`);
    await page.getByText('Phần A. Thông tin về người trả lời').waitFor();
    await expect(page.locator('.step-indicator').textContent()).resolves.toMatch(/^Phần 1\/5 · Thông tin về người trả lời/);
    await checkPage(page, `${width}: part A`, { axe });

    // Next with nothing answered: the summary, then each message at its question.
    await next(page);
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await checkPage(page, `${width}: part A with errors`, { axe });
    await page.getByText('Phần A. Thông tin về người trả lời').waitFor();
    await expect(page.locator('.step-indicator').textContent()).resolves.toMatch(/^Phần 1\/5 · /);
    await choose(page, 'sex', 'Nữ');
    await pick(page, 'province', 'Hà Nội');
    await pick(page, 'commune', 'Phường Ngọc Hà');
    await choose(page, 'age_group', 'Từ 40 đến 49 tuổi');
    await next(page);

    const steps: Array<[string, () => Promise<void>]> = [
      ['part B', async () => {
        for (const item of ['exp_admin_procedure', 'exp_feedback', 'exp_online_service', 'exp_policy_consulted', 'exp_policy_meeting', 'exp_public_health', 'exp_public_school']) {
          await choose(page, item, item === 'exp_admin_procedure' ? 'Có' : 'Không');
        }
      }],
      ['part C', async () => { for (const name of POLICY_STATEMENTS) await choose(page, name, 'Hài lòng'); }],
      ['part D', async () => { for (const name of SERVICE_STATEMENTS) await choose(page, name, 'Rất hài lòng'); }],
      ['part E', async () => { await choose(page, 'overall', 'Hài lòng'); }],
    ];
    for (const [i, [name, answer]] of steps.entries()) {
      await expect(page.locator('.step-indicator').textContent()).resolves.toMatch(new RegExp(`^Phần ${i + 2}/${i === 0 ? 5 : 6} · `));
      await checkPage(page, `${width}: ${name}`, { axe });
      await answer();
      await next(page);
    }
    await expect(page.locator('.step-indicator').textContent()).resolves.toMatch(/^Phần 6\/6 · /);
    // The step line is in view however far down the citizen has scrolled.
    await question(page, 'comment').scrollIntoViewIfNeeded();
    const bar = await page.locator('.step-indicator').boundingBox();
    expect(bar!.y).toBeGreaterThanOrEqual(-1);
    expect(bar!.x + bar!.width).toBeLessThanOrEqual(width + 1);
    await checkPage(page, `${width}: part F`, { axe });
    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    await page.getByRole('heading', { name: 'Phiếu trả lời của ông/bà đã được ghi nhận' }).waitFor();
    await checkPage(page, `${width}: confirmation`, { axe });
    await context.close();
  }

  it.each([320, 360, 390])('when a citizen answers every page on a %i px phone, then nothing overflows or is cut and axe finds no serious violation', async (width) => {
    await walk(width);
  }, 300_000);

  it('when the page is drawn, then its text uses the shipped Be Vietnam Pro, not a fallback, in the platform colours', async () => {
    const { context, page } = await phone(390);
    await page.goto(`${platform.url}/s/${wave}`);
    await question(page, 'sex').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await expectOnlyBeVietnamPro(page, '[data-name="sex"] .sd-question__title');
    await expectOnlyBeVietnamPro(page, '[data-name="sex"] .sd-item__control-label');
    await expectOnlyBeVietnamPro(page, '.step-indicator');
    // Served by the platform itself (a kiosk may have no internet).
    const fontUrls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.woff2?$/.test(n)));
    expect(fontUrls.length).toBeGreaterThan(0);
    for (const url of fontUrls) expect(url.startsWith(platform.url)).toBe(true);
    // The accent is the platform's red, not SurveyJS's teal.
    await choose(page, 'sex', 'Nữ');
    const decorator = question(page, 'sex').locator('.sd-item--checked .sd-item__decorator');
    // Read once survey-core's colour transition has ended.
    // (#a4161a, or #8a1014 while the pointer rests on it.)
    const reds = ['rgb(164, 22, 26)', 'rgb(138, 16, 20)'];
    expect(reds).toContain(await until(() => decorator.evaluate((el) => getComputedStyle(el).backgroundColor), (v) => reds.includes(v)));
    await context.close();
  }, 120_000);

  it('when Next is pressed with questions unanswered, then a focused summary links to each, naming it, and each message sits with its question', async () => {
    const { context, page } = await phone(360);
    await page.goto(`${platform.url}/s/${wave}`);
    await question(page, 'sex').waitFor();
    await choose(page, 'age_group', 'Từ 30 đến 39 tuổi');
    await next(page);
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect(summary.getAttribute('role')).resolves.toBe('alert');
    expect(await until(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false), (v) => v === true)).toBe(true);
    const links = summary.getByRole('link');
    const texts = await links.allTextContents();
    expect(texts).toEqual(expect.arrayContaining(['Vui lòng chọn giới tính', 'Vui lòng chọn tỉnh/thành phố nơi ông/bà đang sinh sống']));
    expect(texts.some((t) => t.includes('nhóm tuổi'))).toBe(false);
    // The same message at its question, announced.
    const sex = question(page, 'sex');
    await expect(sex.getByText('Vui lòng chọn giới tính').isVisible()).resolves.toBe(true);
    await expect(sex.locator('[role="alert"], [aria-live]').count()).resolves.toBeGreaterThan(0);
    // The link moves the focus to the question.
    await summary.getByRole('link', { name: 'Vui lòng chọn giới tính' }).click();
    expect(await until(() => page.evaluate(() => document.activeElement?.closest('[data-name]')?.getAttribute('data-name')), (v) => v === 'sex')).toBe('sex');
    // Answered, it leaves the summary.
    await choose(page, 'sex', 'Nam');
    expect(await until(() => links.allTextContents(), (v) => !v.includes('Vui lòng chọn giới tính'))).not.toContain('Vui lòng chọn giới tính');
    await context.close();
  }, 120_000);

  it('when ratings are shown on a phone, then the five choices stand full width one under another, and a second tap keeps the answer', async () => {
    const { context, page } = await phone(360);
    await page.goto(`${platform.url}/s/${wave}`);
    await pick(page, 'province', 'Hà Nội');
    await pick(page, 'commune', 'Phường Ba Đình');
    await choose(page, 'sex', 'Nam');
    await choose(page, 'age_group', 'Từ 30 đến 39 tuổi');
    await next(page);
    for (const item of ['exp_admin_procedure', 'exp_feedback', 'exp_online_service', 'exp_policy_consulted', 'exp_policy_meeting', 'exp_public_health', 'exp_public_school']) {
      await choose(page, item, 'Không');
    }
    await next(page);
    const rating = question(page, POLICY_STATEMENTS[0]);
    const boxes = await rating.locator('.sd-selectbase__label').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width })));
    expect(boxes).toHaveLength(5);
    const questionWidth = (await rating.locator('.sd-selectbase').boundingBox())!.width;
    for (const [i, box] of boxes.entries()) {
      expect(Math.abs(box.w - questionWidth)).toBeLessThanOrEqual(2);
      expect(Math.abs(box.x - boxes[0].x)).toBeLessThanOrEqual(1);
      if (i > 0) expect(box.y).toBeGreaterThan(boxes[i - 1].y);
    }
    // Words and a face on each.
    await expect(rating.getByText('Rất không hài lòng', { exact: true }).isVisible()).resolves.toBe(true);
    const faces = await rating.locator('.sd-item__control-label').evaluateAll((els) => els.map((el) => getComputedStyle(el, '::before').backgroundImage));
    expect(faces.every((f) => f.startsWith('url("data:image/svg+xml'))).toBe(true);
    expect(new Set(faces).size).toBe(5);
    await choose(page, POLICY_STATEMENTS[0], 'Hài lòng');
    await choose(page, POLICY_STATEMENTS[0], 'Hài lòng');
    await expect(rating.locator('input[value="4"]').isChecked()).resolves.toBe(true);
    const draft = await page.evaluate((w) => JSON.parse(localStorage.getItem(`sipas.draft.${w}`) ?? '{}'), wave);
    expect(draft.data[POLICY_STATEMENTS[0]]).toBe(4);
    await context.close();
  }, 120_000);

  it('when an invitation code is mistyped, then the form stays, the error is at the field with a retry, and the citizen can go on without a code', async () => {
    const { context, page } = await phone(360);
    await page.goto(`${platform.url}/s/${wave}?code=ABCDE-FGHJK-LMNPQ`);
    const field = page.getByLabel('Mã mời (ví dụ K7M2Q-XH9RT-4WPZC)');
    await field.waitFor();
    await expect(field.inputValue()).resolves.toBe('ABCDE-FGHJK-LMNPQ');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = await field.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${describedBy}"]`).getAttribute('role')).resolves.toBe('alert');
    // The questionnaire is still there, with what was typed into it.
    await choose(page, 'sex', 'Nữ');
    await checkPage(page, 'refused code');
    await field.fill('ABCDE-FGHJK-LMNPR');
    await page.getByRole('button', { name: 'Thử lại mã này' }).click();
    expect(await until(() => field.inputValue(), (v) => v === 'ABCDE-FGHJK-LMNPR')).toBe('ABCDE-FGHJK-LMNPR');
    expect(await until(async () => new URL(page.url()).searchParams.get('code'), (v) => v === 'ABCDE-FGHJK-LMNPR')).toBe('ABCDE-FGHJK-LMNPR');
    await page.getByRole('button', { name: 'Trả lời không dùng mã mời' }).click();
    // The refused code is gone; what is left is the folded "have an invitation?" entry of a household wave.
    expect(await until(() => field.isVisible(), (v) => !v)).toBe(false);
    await expect(page.locator('[aria-invalid="true"]').count()).resolves.toBe(0);
    expect(new URL(page.url()).searchParams.get('code')).toBeNull();
    await expect(question(page, 'sex').locator('input[value="F"]').isChecked()).resolves.toBe(true);
    await context.close();
  }, 120_000);

  it('when the form is zoomed to 200 % on a 1280 px screen, then nothing scrolls sideways (WCAG 1.4.10)', async () => {
    // 200 % zoom of a 1280 px window is a 640 px CSS viewport at device scale 2.
    const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${platform.url}/s/${wave}`);
    await question(page, 'sex').waitFor();
    await checkPage(page, '200 % zoom');
    await next(page);
    await page.locator('.error-summary').waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it('when a citizen uses the keyboard alone on a desktop, then every control of a page can be reached and answered', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${platform.url}/s/${wave}`);
    await question(page, 'sex').waitFor();
    await checkPage(page, 'desktop part A');
    // Tab to the "sex" choices and choose with the arrow keys and space.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.closest('[data-name]')?.getAttribute('data-name') === 'sex');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Space');
    expect(await until(() => question(page, 'sex').locator('input:checked').count(), (v) => v === 1)).toBe(1);
    // The Next button is reachable by Tab too, and Enter presses it.
    let onNext = false;
    for (let i = 0; i < 80 && !onNext; i++) {
      await page.keyboard.press('Tab');
      onNext = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value === 'Tiếp theo' || document.activeElement?.textContent?.trim() === 'Tiếp theo');
    }
    expect(onNext).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor();
    await context.close();
  }, 120_000);

  it('when the kiosk shows its form on a phone-sized and a desktop screen, then axe finds no serious violation and nothing overflows', async () => {
    const { db } = platform.database;
    const admin = await loginAs(platform.url, db, { role: 'national_admin' });
    const kioskWave = (await createServicePointWave(db)).id;
    const point = (await createServicePoint(db, { nameVi: 'Bộ phận một cửa phường Ba Đình' })).code;
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
      const { token } = await enrolKiosk(admin, point, { wave: kioskWave });
      const context = await browser.newContext({ viewport, hasTouch: true });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await page.goto(`${platform.url}/kiosk/${kioskWave}?point=${point}#token=${token}`);
      await question(page, 'q_access_1').waitFor();
      await checkPage(page, `kiosk ${viewport.width}`);
      await question(page, 'q_access_1').getByTitle('Hài lòng', { exact: true }).click();
      await question(page, 'q_access_3').waitFor();
      await checkPage(page, `kiosk ${viewport.width}, second question`);
      await context.close();
    }
  }, 180_000);
});
