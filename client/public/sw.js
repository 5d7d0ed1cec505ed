/*
 * SIPAS service worker: the app and the questionnaires stay available without a network, so a kiosk
 * that restarts offline still opens its form. Written by hand; nothing here is generated.
 *
 * - Pages (navigations): the cached page at once when there is one, refreshed from the network in the
 *   background (a repeat visit opens in well under a second on a slow phone network, and the next visit
 *   gets a new build); the network (within NETWORK_TIMEOUT_MS) when nothing is cached yet. A citizen's
 *   wave page (/s/<wave>) is kept as the server sent it, with the questionnaire's first page as HTML
 *   (server/http/first-page.ts), answerable before the app's script has even been parsed; every other
 *   page is the app shell, which is any page without that first page.
 * - /assets/*: content-hashed by the build, so cache first.
 * - Public survey data (open waves, a questionnaire, communes, service points): the network's answer if it
 *   comes within FRESH_WITHIN_MS, else the cached copy (refreshed when the network answers); the network
 *   when there is no copy. The server stays the judge of a wave's state: an answer sent to a wave closed
 *   since is refused and kept on the device (lib/outbox.ts).
 * Nothing else is cached: officials' API answers depend on who is signed in.
 * Completed responses are not this worker's business: the page queues them in IndexedDB.
 */
const CACHE = 'sipas-offline-v1';
const SHELL = '/';
const NETWORK_TIMEOUT_MS = 4000;
/** How long public survey data may take from the network before the cached copy is used instead. */
const FRESH_WITHIN_MS = 300;
const PUBLIC_API = /^\/api\/waves(\/[^/]+\/(questionnaire|communes|service-points))?$/;
const APP_PAGE = /^\/(?:$|s(?:\/|$)|kiosk(?:\/|$)|admin(?:\/|$))/;
const WAVE_PRELOAD = /<link rel="preload" as="fetch"[^>]*>/g;
const FIRST_PAGE = /<!--first-page-->[\s\S]*<!--\/first-page-->/;
/** A citizen's wave page, kept with its first page (only without a query: an invitation code gets none). */
const WAVE_PAGE = /^\/s\/[^/]+\/?$/;
const wavePageKey = (url) => (WAVE_PAGE.test(url.pathname) && !url.search ? url.pathname : null);
const ASSET = /(?:src|href)="(\/assets\/[^"]+)"/g;

async function fetchWithin(request, ms) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fetch(request, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

const assetsOf = (html) => [...new Set([...html.matchAll(ASSET)].map((m) => m[1]))];

/**
 * Stores the app shell and every asset it names; drops assets (and wave pages) of an older build once the
 * shell changes. Then a wave's own page, when `key` names one.
 */
async function storeShell(response, key = null) {
  const cache = await caches.open(CACHE);
  const page = await response.clone().text();
  // The shell serves every page: a wave page's preload of its own questionnaire and its first page are not kept in it.
  const html = page.replace(WAVE_PRELOAD, '').replace(FIRST_PAGE, '<div id="root"></div>');
  const assets = assetsOf(html);
  const previous = await cache.match(SHELL);
  const previousAssets = previous ? assetsOf(await previous.text()) : [];
  await Promise.all(assets.map(async (path) => {
    if (!(await cache.match(path))) await cache.add(path);
  }));
  await cache.put(SHELL, new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
  if (previous && previousAssets.join() !== assets.join()) {
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      if ((path.startsWith('/assets/') && !assets.includes(path)) || WAVE_PAGE.test(path)) await cache.delete(request);
    }
  }
  if (key && FIRST_PAGE.test(page)) await cache.put(key, new Response(page, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
  else if (key) await cache.delete(key);
}

async function refreshShell() {
  const response = await fetch(SHELL, { cache: 'no-store' });
  if (!response.ok) throw new Error(`app shell: HTTP ${response.status}`);
  await storeShell(response);
}

/** The wave pages open in this browser when the worker installs: kept now, so the next visit is a repeat visit. */
async function storeOpenWavePages() {
  for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
    const url = new URL(client.url);
    const key = url.origin === self.location.origin ? wavePageKey(url) : null;
    if (!key) continue;
    const response = await fetch(key, { cache: 'no-store' });
    if (response.ok) await storeShell(response, key);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(refreshShell().then(() => storeOpenWavePages().catch(() => undefined)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function page(event) {
  const key = wavePageKey(new URL(event.request.url));
  const cached = (key && await caches.match(key)) || await caches.match(SHELL);
  const fresh = fetchWithin(event.request, NETWORK_TIMEOUT_MS).then((response) => {
    if (response.ok) return storeShell(response.clone(), key).then(() => response, () => response);
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  try {
    return await fresh;
  } catch {
    return (await caches.match(SHELL)) ?? Response.error();
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

/**
 * The network's answer if it comes within FRESH_WITHIN_MS, else the cached copy (the network's answer
 * still refreshes the cache when it comes); the network alone when nothing is cached.
 */
async function freshOrCached(event) {
  const request = event.request;
  const cached = await caches.match(request);
  const fresh = fetchWithin(request, NETWORK_TIMEOUT_MS * 2).then(async (response) => {
    if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
    return response;
  });
  if (!cached) {
    try {
      return await fresh;
    } catch {
      return Response.error();
    }
  }
  event.waitUntil(fresh.catch(() => undefined));
  const late = new Promise((resolve) => setTimeout(() => resolve(cached), FRESH_WITHIN_MS));
  return Promise.race([fresh.catch(() => cached), late]);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Only the app's own pages are the shell; a navigation to a download (/api/…/report.pdf) goes to the server.
  if (request.mode === 'navigate' && APP_PAGE.test(url.pathname)) event.respondWith(page(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  else if (PUBLIC_API.test(url.pathname)) event.respondWith(freshOrCached(event));
});

/**
 * `{ type: 'cache', urls }` from a page (the kiosk, once its questionnaire is loaded): fetch and keep
 * those public URLs and the shell now, and answer on the message port when they are safely stored.
 */
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'cache') return;
  const port = event.ports[0];
  const urls = (event.data.urls ?? []).filter((u) => PUBLIC_API.test(new URL(u, self.location.origin).pathname));
  event.waitUntil((async () => {
    try {
      const cache = await caches.open(CACHE);
      if (!(await cache.match(SHELL))) await refreshShell();
      await cache.addAll(urls);
      port?.postMessage({ ok: true });
    } catch (err) {
      port?.postMessage({ ok: false, error: String(err) });
    }
  })());
});
