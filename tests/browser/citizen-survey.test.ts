import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import type { RunningPlatform } from '../../server/platform';
import { startBrowserPlatform, stopBrowserPlatform } from '../support/browser';
import { createHanoiCommunes } from '../support/kiosks';
import { choose, matrix, next, pick, question } from '../support/survey-page';
import { POLICY_STATEMENTS, SERVICE_STATEMENTS } from '../support/sipas-answers';

// Browser work on a shared 2-core machine: generous time, so the test does not depend on its speed.
jest.setTimeout(240_000);

describe('a citizen answers the SIPAS questionnaire in a real browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let wave: string;

  beforeAll(async () => {
    ({ platform, browser } = await startBrowserPlatform());
    const { db } = platform.database;
    wave = (await db.selectFrom('waves').select('id').executeTakeFirstOrThrow()).id;
    await createHanoiCommunes(db);
  });
  afterAll(() => stopBrowserPlatform(platform, browser));

  it('when she answers every part in Vietnamese on a phone, reloads midway and submits, then exactly one response is stored with her answers', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${platform.url}/s/${wave}`);

    // Part A
    await page.getByText('Phần A. Thông tin về người trả lời').waitFor();
    await pick(page, 'province', 'Hà Nội');
    await pick(page, 'commune', 'Phường Ngọc Hà');
    await question(page, 'village').locator('input').fill('Tổ dân phố số 5');
    await choose(page, 'sex', 'Nữ');
    await choose(page, 'age_group', 'Từ 40 đến 49 tuổi');
    await choose(page, 'terrain', 'Đồng bằng');
    const serious = (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    await next(page);

    // Part B
    await matrix(page, 'policy_interest', 'Phát triển kinh tế', 'high');
    await choose(page, 'harassment', 'Không có');
    for (const item of ['exp_admin_procedure', 'exp_feedback']) await choose(page, item, 'Có');
    for (const item of ['exp_online_service', 'exp_policy_consulted', 'exp_policy_meeting', 'exp_public_health', 'exp_public_school']) {
      await choose(page, item, 'Không');
    }
    await next(page);

    // Part C, then a reload in the middle of the questionnaire
    for (const name of POLICY_STATEMENTS) await choose(page, name, 'Hài lòng');
    await next(page);
    await page.getByText('Phần D. Sự hài lòng với việc giải quyết thủ tục hành chính').waitFor();
    await page.reload();
    await page.getByText('Phần D. Sự hài lòng với việc giải quyết thủ tục hành chính').waitFor();

    // Part D, including the feedback element she is shown because she lodged feedback
    for (const name of SERVICE_STATEMENTS) await choose(page, name, 'Rất hài lòng');
    for (const name of ['q_feedback_1', 'q_feedback_2', 'q_feedback_3']) await choose(page, name, 'Bình thường');
    await next(page);
    await choose(page, 'overall', 'Hài lòng');
    await next(page);
    await question(page, 'comment').locator('textarea').fill('Thủ tục nhanh hơn trước, cảm ơn cán bộ.');
    await page.getByRole('button', { name: 'Hoàn thành' }).click();

    await page.getByText('Phiếu trả lời của ông/bà đã được ghi nhận').waitFor();
    const rows = await platform.database.db.selectFrom('responses').selectAll().where('wave_id', '=', wave).execute();
    expect(rows).toHaveLength(1);
    const answers = rows[0].answers;
    expect(answers).toMatchObject({
      province: '01', commune: '00008', village: 'Tổ dân phố số 5', sex: 'F', age_group: '40-49', terrain: 'delta',
      policy_interest: { economic_development: 'high' }, harassment: 'none',
      exp_admin_procedure: true, exp_feedback: true, exp_online_service: false,
      overall: 4, comment: 'Thủ tục nhanh hơn trước, cảm ơn cán bộ.',
    });
    for (const name of POLICY_STATEMENTS) expect(answers[name]).toBe(4);
    for (const name of SERVICE_STATEMENTS) expect(answers[name]).toBe(5);
    expect([answers.q_feedback_1, answers.q_feedback_2, answers.q_feedback_3]).toEqual([3, 3, 3]);
    expect(rows[0]).toMatchObject({ province_code: '01', commune_code: '00008', channel: 'phone' });
    expect(await page.evaluate((w) => localStorage.getItem(`sipas.draft.${w}`), wave)).toBeNull();
    await context.close();
  });

  it('when the network drops as he submits, then he is told plainly, and sending again stores his response once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${platform.url}/s/${wave}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Part A. About you').waitFor();
    await pick(page, 'province', 'Hà Nội');
    await pick(page, 'commune', 'Phường Ba Đình');
    await choose(page, 'sex', 'Male');
    await choose(page, 'age_group', '60 or older');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await next(page);
    for (const item of ['exp_admin_procedure', 'exp_feedback', 'exp_online_service', 'exp_policy_consulted', 'exp_policy_meeting', 'exp_public_health', 'exp_public_school']) {
      await choose(page, item, 'Không');
    }
    await next(page);
    for (const name of POLICY_STATEMENTS) await choose(page, name, 'Bình thường');
    await next(page);
    await choose(page, 'overall', 'Không hài lòng');
    await next(page);

    const before = await platform.database.db.selectFrom('responses').select('id').execute();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    await page.getByText('Chưa gửi được vì mất kết nối mạng', { exact: false }).waitFor({ timeout: 30_000 });
    expect(await platform.database.db.selectFrom('responses').select('id').execute()).toHaveLength(before.length);

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Gửi lại' }).click();
    await page.getByText('Phiếu trả lời của ông/bà đã được ghi nhận').waitFor();
    const after = await platform.database.db.selectFrom('responses').selectAll().execute();
    expect(after).toHaveLength(before.length + 1);
    const mine = after.find((r) => !before.some((b) => b.id === r.id))!;
    expect(mine.answers).toMatchObject({ province: '01', commune: '00004', sex: 'M', age_group: '60+', exp_admin_procedure: false, overall: 2 });
    expect(mine.answers).not.toHaveProperty('q_access_1');
    await context.close();
  });

  it('when the wave closes while her answers wait on the phone, then the page says they were refused and kept, and she can download them', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    const setStatus = (status: 'open' | 'closed') => platform.database.db.updateTable('waves').set({ status }).where('id', '=', wave).execute();
    try {
      await page.goto(`${platform.url}/s/${wave}`);
      await page.getByText('Phần A. Thông tin về người trả lời').waitFor();
      await pick(page, 'province', 'Hà Nội');
      await pick(page, 'commune', 'Phường Ba Đình');
      await choose(page, 'sex', 'Nữ');
      await choose(page, 'age_group', 'Từ 30 đến 39 tuổi');
      await next(page);
      for (const item of ['exp_admin_procedure', 'exp_feedback', 'exp_online_service', 'exp_policy_consulted', 'exp_policy_meeting', 'exp_public_health', 'exp_public_school']) {
        await choose(page, item, 'Không');
      }
      await next(page);
      for (const name of POLICY_STATEMENTS) await choose(page, name, 'Hài lòng');
      await next(page);
      await choose(page, 'overall', 'Rất hài lòng');
      await next(page);

      const before = await platform.database.db.selectFrom('responses').select('id').execute();
      await context.setOffline(true);
      await page.getByRole('button', { name: 'Hoàn thành' }).click();
      await page.getByText('Chưa gửi được vì mất kết nối mạng', { exact: false }).waitFor({ timeout: 30_000 });
      await setStatus('closed');
      // The server keeps a wave's state for a second (waves/wave.cache.ts).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await context.setOffline(false);
      await page.getByRole('button', { name: 'Gửi lại' }).click();

      await page.getByText('Đợt khảo sát này hiện không nhận phiếu trả lời').first().waitFor();
      await page.getByText('Phiếu chưa được tính, nhưng vẫn được giữ trên thiết bị này', { exact: false }).waitFor();
      const panel = page.getByRole('region', { name: 'Phiếu bị máy chủ từ chối (1)' });
      await expect(panel.getByText('ông/bà có thể tải phiếu xuống', { exact: false }).isVisible()).resolves.toBe(true);
      expect(await platform.database.db.selectFrom('responses').select('id').execute()).toHaveLength(before.length);

      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Tải xuống các phiếu bị từ chối (JSON)' }).click()]);
      const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
      expect(file.responses).toEqual([expect.objectContaining({
        wave, via: 'public', refusal: expect.objectContaining({ status: 409, type: 'urn:sipas:problem:wave_not_open' }),
        body: expect.objectContaining({ answers: expect.objectContaining({ province: '01', commune: '00004', sex: 'F', overall: 5 }) }),
      })]);

      // Back another day: the wave is closed, and her refused answers are still there to download.
      await page.reload();
      await page.getByText('Đợt khảo sát này hiện không nhận phiếu trả lời.').waitFor();
      await page.getByRole('region', { name: 'Phiếu bị máy chủ từ chối (1)' }).waitFor();
    } finally {
      await setStatus('open');
      await context.close();
    }
  });
});
