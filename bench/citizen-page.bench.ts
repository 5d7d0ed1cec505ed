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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The citizen questionnaire page: its JavaScript compressed, then the time until the first question can
 * be answered on an emulated Fast 3G network with a 4× slower CPU (first visit: empty cache), and again on
 * a repeat visit (the service worker serves the app). Each visit is timed from navigation to the moment
 * the "sex" question's choices are on screen and enabled, and is compared with a baseline measured in the
 * same run: the same network and CPU loading one small response (the API's 404 problem).
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
      const first: number[] = []; const repeat: number[] = []; const baseline: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', FAST_3G);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
        const usable = page.locator('[data-name="sex"] input[type="radio"]:not([disabled])').first();
        const visit = async (url: string, ready: () => Promise<void>) => {
          const started = performance.now();
          await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
          await ready();
          return (performance.now() - started) / 1000;
        };
        baseline.push(await visit(`${platform.url}/api/no-such-page`, async () => { await page.locator('body').waitFor({ timeout: 120_000 }); }));
        first.push(await visit(`${platform.url}/s/${wave}`, () => usable.waitFor({ state: 'attached', timeout: 120_000 })));
        // Let the service worker install and take the app in, then come back.
        await page.evaluate(async () => { await navigator.serviceWorker?.ready; });
        await page.waitForTimeout(2000);
        repeat.push(await visit(`${platform.url}/s/${wave}`, () => usable.waitFor({ state: 'attached', timeout: 120_000 })));
        await context.close();
      }
      const b = median(baseline); const f = median(first); const r = median(repeat);
      log(`baseline (one small response over the same Fast 3G + ${CPU_SLOWDOWN}× CPU): median ${b.toFixed(2)} s`);
      log(`first visit, form usable: median of ${RUNS} ${f.toFixed(2)} s (${first.map((x) => x.toFixed(2)).join(', ')}) — ${(f / b).toFixed(1)}× baseline — target ≤ ${FIRST_TARGET_S} s, ratio ${(f / FIRST_TARGET_S).toFixed(2)} ${f <= FIRST_TARGET_S ? 'OK' : 'OVER'}`);
      log(`repeat visit (service worker), form usable: median ${r.toFixed(2)} s (${repeat.map((x) => x.toFixed(2)).join(', ')}) — ${(r / b).toFixed(1)}× baseline — target ≤ ${REPEAT_TARGET_S} s, ratio ${(r / REPEAT_TARGET_S).toFixed(2)} ${r <= REPEAT_TARGET_S ? 'OK' : 'OVER'}`);
    } finally {
      await browser.close();
      await platform.stop();
    }
  },
};
