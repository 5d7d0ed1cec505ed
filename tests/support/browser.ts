import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { start, type RunningPlatform } from '../../server/platform';
import { silentLogger } from './logger';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Debian's chromium, headless, with the flags this sandbox needs (no sandbox, no background network). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/**
 * The same chromium with a profile in `userDataDir`, so IndexedDB, local storage and the service worker
 * survive closing it: launch it again on the same directory to "restart" the device.
 */
export function launchPersistentBrowser(userDataDir: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, args: ARGS, ...options });
}

/** A fresh platform as `npm start` runs it, on an embedded in-memory database, and a headless chromium. */
export async function startBrowserPlatform(): Promise<{ platform: RunningPlatform; browser: Browser }> {
  const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1' }), database: { kind: 'pglite' as const, dataDir: null } };
  const platform = await start(config, silentLogger);
  try {
    return { platform, browser: await launchBrowser() };
  } catch (err) {
    await platform.stop();
    throw err;
  }
}

/** Closes what `startBrowserPlatform` started; either may be missing when `beforeAll` failed half-way. */
export async function stopBrowserPlatform(platform: RunningPlatform | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await platform?.stop();
}

/**
 * Opens `url` in a new browser context and signs in through the login form the page shows there. The
 * caller waits for what the page shows next (a heading, the sign-out button).
 */
export async function signIn(
  browser: Browser, url: string, user: { username: string; password: string },
  options: { context?: BrowserContextOptions; timeoutMs?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options.context);
  if (options.timeoutMs) context.setDefaultTimeout(options.timeoutMs);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill(user.username);
  await page.getByLabel('Mật khẩu').fill(user.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return { context, page };
}
