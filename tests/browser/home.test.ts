import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import type { RunningPlatform } from '../../server/platform';
import { startBrowserPlatform, stopBrowserPlatform } from '../support/browser';

describe('the home page in a real browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    ({ platform, browser } = await startBrowserPlatform());
  });
  afterAll(() => stopBrowserPlatform(platform, browser));

  it('when a visitor opens it, then it speaks Vietnamese, switches to English, and has no serious accessibility violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(platform.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Khảo sát sự hài lòng về sự phục vụ hành chính');
    expect(await page.getByRole('link', { name: /Trả lời khảo sát/ }).count()).toBe(1);

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => v.id)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Satisfaction with public administrative services');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });
});
