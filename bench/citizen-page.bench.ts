import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { loadConfig } from '../server/config';
import { start } from '../server/platform';
import { silentLogger } from '../tests/support/logger';
import type { Bench } from './bench';

/** Targets of issue #15. */
const JS_TARGET_KB = 450;
const FIRST_TARGET_S = 4;
const REPEAT_TARGET_S = 1;
const RUNS = 3;
/** Chromium DevTools' "Fast 3G" preset (as Lighthouse defines it): 562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up. */
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 };
const CPU_SLOWDOWN = 4;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const clientDir = path.resolve(__dirname, '../client/dist');

/** The JavaScript the citizen page loads at start: the entry script and the chunks it preloads. */
function citizenScripts(): string[] {
  const html = readFileSync(path.join(clientDir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
}

/** The questionnaire's first question on a fresh visit (sipas-2023, part A). */
const FIRST_QUESTION = 'province';

/**
 * Installed in every page before its own scripts (DevTools protocol, so the page's CSP does not apply),
 * written as source text (tsx's name helpers would not exist in the page). On every animation frame from
 * the start of the document it notes, in ms since the navigation began (performance.now()):
 * - `usable`: the first frame in which the form's first question is on screen and can be answered (its
 *   control laid out, visible and not disabled), whichever renders it — the server's first page (static
 *   HTML, `[data-question]`) or SurveyJS (`[data-name]`, once the app shows); `usableName` names it;
 * - `app`: the first frame in which SurveyJS shows the form and the static first page is gone;
 * - `body`: the first frame with a body (the baseline page);
 * and every long task (> 50 ms) of the main thread, during which a tap would wait.
 */
const FRAME_WATCH = `(() => {
  const times = { usable: null, usableName: null, app: null, body: null, tasks: [] };
  window.__sipasTimes = times;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) times.tasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  const visible = (el) => el !== null && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const usable = () => {
    const root = document.getElementById('root');
    const question = document.querySelector('#static-page [data-question]') ?? (root && !root.hidden ? root.querySelector('.sd-root-modern [data-name]') : null);
    if (!question || !visible(question)) return false;
    const control = question.querySelector('select, input:not([type="hidden"]), textarea');
    const box = control?.closest('.sd-dropdown') ?? control;
    if (!control || control.disabled || !visible(box)) return false;
    return question.dataset.question ?? question.dataset.name ?? false;
  };
  const app = () => {
    const root = document.getElementById('root');
    return !document.getElementById('static-page') && root !== null && !root.hidden && root.querySelector('.sd-root-modern [data-name]') !== null;
  };
  const frame = () => {
    const now = performance.now();
    if (times.body === null && document.body) times.body = now;
    if (times.usable === null) { const name = usable(); if (name) { times.usable = now; times.usableName = name; } }
    if (times.app === null && app()) times.app = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

interface Times { usable: number | null; usableName: string | null; app: number | null; body: number | null; tasks: [number, number][] }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The citizen questionnaire page: its JavaScript compressed, then the time until the first question can
 * be answered on an emulated Fast 3G network with a 4× slower CPU (first visit: empty cache), and again on
 * a repeat visit (the service worker serves the page). Each visit is timed from navigation, and is compared
 * with a baseline measured in the same run: the same network and CPU loading one small response (the
 * API's 404 problem). "Usable" is the first question (the province) on screen with its control enabled,
 * whether the server's static first page or SurveyJS renders it; the moment the app has taken over
 * (SurveyJS's form, whose "Next" works) is reported beside it.
 */
export const citizenPageBench: Bench = {
  name: 'citizen questionnaire page (#15)',
  async run(log) {
    if (!existsSync(path.join(clientDir, 'index.html'))) {
      log('building the client (vite build)…');
      execFileSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts'], { cwd: path.resolve(__dirname, '..'), stdio: 'ignore' });
    }
    let gz = 0; let br = 0; let raw = 0;
    for (const script of citizenScripts()) {
      const bytes = readFileSync(path.join(clientDir, script));
      raw += bytes.length; gz += gzipSync(bytes, { level: 9 }).length; br += brotliCompressSync(bytes).length;
    }
    log(`JS at start: ${(raw / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(0)} KB gzip, ${(br / 1024).toFixed(0)} KB brotli — target ≤ ${JS_TARGET_KB} KB gz, ratio ${(gz / 1024 / JS_TARGET_KB).toFixed(2)} ${gz / 1024 <= JS_TARGET_KB ? 'OK' : 'OVER'}`);

    const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1' }), database: { kind: 'pglite' as const, dataDir: null } };
    const platform = await start(config, silentLogger);
    const wave = (await platform.database.db.selectFrom('waves').select('id').where('status', '=', 'open').orderBy('created_at').executeTakeFirstOrThrow()).id;
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
    try {
      const first: number[] = []; const repeat: number[] = []; const baseline: number[] = []; const firstApp: number[] = []; const repeatApp: number[] = [];
      const firstBlocking: { blocking: number; longest: number }[] = []; const repeatBlocking: { blocking: number; longest: number }[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', FAST_3G);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
        await context.addInitScript({ content: FRAME_WATCH });
        const times = () => page.evaluate(() => (window as unknown as { __sipasTimes: Times }).__sipasTimes);
        /** Times from navigation to `usable` (the first question) and to `app` (SurveyJS has taken over), in s. */
        const visit = async (url: string) => {
          await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
          await page.waitForFunction(() => (window as unknown as { __sipasTimes?: Times }).__sipasTimes?.app != null, undefined, { timeout: 120_000 });
          const t = await times();
          if (t.usableName !== FIRST_QUESTION) throw new Error(`the first question usable was ${t.usableName}, not ${FIRST_QUESTION}`);
          // Between the first question on screen and the app in its place: how long a tap could have waited.
          const after = t.tasks.filter(([start]) => start >= t.usable! && start < t.app!);
          return {
            usable: t.usable! / 1000, app: t.app! / 1000,
            blocking: after.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0) / 1000,
            longest: Math.max(0, ...after.map(([, d]) => d)) / 1000,
          };
        };
        await page.goto(`${platform.url}/api/no-such-page`, { waitUntil: 'commit', timeout: 120_000 });
        await page.waitForFunction(() => (window as unknown as { __sipasTimes?: Times }).__sipasTimes?.body != null, undefined, { timeout: 120_000 });
        baseline.push((await times()).body! / 1000);
        const firstVisit = await visit(`${platform.url}/s/${wave}`);
        first.push(firstVisit.usable); firstApp.push(firstVisit.app); firstBlocking.push(firstVisit);
        // Let the service worker install and take the app (and this wave's page) in, then come back.
        await page.evaluate(async () => { await navigator.serviceWorker?.ready; });
        await page.waitForTimeout(2000);
        const repeatVisit = await visit(`${platform.url}/s/${wave}`);
        repeat.push(repeatVisit.usable); repeatApp.push(repeatVisit.app); repeatBlocking.push(repeatVisit);
        if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) throw new Error('the repeat visit was not served by the service worker');
        await context.close();
      }
      const b = median(baseline); const f = median(first); const r = median(repeat);
      log(`baseline (one small response over the same Fast 3G + ${CPU_SLOWDOWN}× CPU, its first frame): median ${b.toFixed(2)} s`);
      log(`first visit, form usable: median of ${RUNS} ${f.toFixed(2)} s (${first.map((x) => x.toFixed(2)).join(', ')}) — ${(f / b).toFixed(1)}× baseline — target ≤ ${FIRST_TARGET_S} s, ratio ${(f / FIRST_TARGET_S).toFixed(2)} ${f <= FIRST_TARGET_S ? 'OK' : 'OVER'}`);
      log(`repeat visit (service worker), form usable: median ${r.toFixed(2)} s (${repeat.map((x) => x.toFixed(2)).join(', ')}) — ${(r / b).toFixed(1)}× baseline — target ≤ ${REPEAT_TARGET_S} s, ratio ${(r / REPEAT_TARGET_S).toFixed(2)} ${r <= REPEAT_TARGET_S ? 'OK' : 'OVER'}`);
      const fa = median(firstApp); const ra = median(repeatApp);
      log(`first visit, app took over (SurveyJS form, "Next" works): median ${fa.toFixed(2)} s (${firstApp.map((x) => x.toFixed(2)).join(', ')}) — ${(fa / b).toFixed(1)}× baseline`);
      log(`repeat visit, app took over: median ${ra.toFixed(2)} s (${repeatApp.map((x) => x.toFixed(2)).join(', ')}) — ${(ra / b).toFixed(1)}× baseline`);
      const blocked = (xs: { blocking: number; longest: number }[]) => xs.map((x) => `${x.blocking.toFixed(2)} s (longest task ${x.longest.toFixed(2)} s)`).join('; ');
      log(`main thread blocked (long tasks beyond 50 ms) between the first question on screen and the app: first visit ${blocked(firstBlocking)}; repeat visit ${blocked(repeatBlocking)}`);
    } finally {
      await browser.close();
      await platform.stop();
    }
  },
};
