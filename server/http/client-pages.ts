import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Which precompressed copy the build wrote (client/vite.config.ts) a client can take, best first. */
/** Where the built page mounts the app. */
const ROOT = '<div id="root"></div>';

const ENCODINGS = [{ name: 'br', ext: '.br' }, { name: 'gzip', ext: '.gz' }] as const;

/** A wave's questionnaire is the first thing its page asks for: name it in the page so it loads with the script. */
const WAVE_PAGE = /^\/(s|kiosk)\/([A-Za-z0-9._~-]{1,100})\/?$/;

export interface ClientPagesOptions {
  /**
   * The first page of a wave's questionnaire as HTML (server/http/first-page.ts), or null when the wave
   * has none to show (no such wave, closed, a first page only the app can render).
   */
  firstPage?: (wave: string) => Promise<string | null>;
}

/**
 * The built client: content-hashed files under /assets as the build compressed them (brotli at its best
 * setting, done once at build time instead of on every request), other files as they are, and the single
 * page for every client route. On a wave's page (/s/:wave, /kiosk/:wave) the page tells the browser to
 * fetch the questionnaire at once, while the script is still downloading; a citizen's page (/s/:wave,
 * without an invitation code to check first) also carries the questionnaire's first page as HTML, usable
 * before the script has arrived.
 */
export function clientPages(clientDir: string, options: ClientPagesOptions = {}): Router {
  const router = express.Router();
  const assets = path.join(clientDir, 'assets');
  // The build wrote its copies before the server started: listed once, so no request touches the disk
  // to ask (and a flood of made-up names cannot grow anything).
  const copies = new Set(existsSync(assets) ? readdirSync(assets).map((name) => path.join(assets, name)) : []);
  const built = (copy: string) => copies.has(copy);

  router.get('/assets/{*file}', (req, res, next) => {
    const file = path.join(clientDir, req.path);
    if (!file.startsWith(assets + path.sep)) return next();
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = ENCODINGS.find((e) => new RegExp(`\\b${e.name}\\b`).test(accepted) && built(file + e.ext));
    if (!encoding) return next();
    res.setHeader('Content-Encoding', encoding.name);
    res.setHeader('Vary', 'Accept-Encoding');
    res.type(path.extname(file));
    res.sendFile(file + encoding.ext, { maxAge: '1y', immutable: true, headers: { 'Content-Type': res.getHeader('Content-Type') } }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  });
  router.use(express.static(clientDir, { index: false, maxAge: '1h' }));

  const page = readFileSync(path.join(clientDir, 'index.html'), 'utf8');
  // Client-side routes (/s/:wave, /kiosk/:wave, /admin…) all load the single page.
  router.get('/{*page}', async (req, res, next) => {
    try {
      // Wave ids are slugs; anything else gets the plain page (and its own 404 from the API).
      const match = WAVE_PAGE.exec(req.path);
      const wave = match?.[2];
      let html = page;
      if (wave) {
        const preload = `<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/waves/${wave}/questionnaire">`;
        html = html.includes('</head>') ? html.replace('</head>', `${preload}</head>`) : preload + html;
        const citizen = match[1] === 's' && !('code' in req.query);
        const first = citizen && options.firstPage ? await options.firstPage(wave) : null;
        if (first && html.includes(ROOT)) html = html.replace(ROOT, first);
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(html);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
