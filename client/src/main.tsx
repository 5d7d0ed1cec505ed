import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './app/global.css';
import { registerServiceWorker } from './lib/offline-cache';
import { hasStaticPage } from './lib/static-page';

/**
 * The entry is small: styles and this. The app itself (React, survey-core: ~1.8 MB of script) is a chunk of
 * its own, which the page names with <link rel="modulepreload"> so that it downloads beside this one
 * (client/vite.config.ts). Where the server sent the questionnaire's first page as HTML, the app is
 * evaluated only after that page has been drawn: running survey-core takes the main thread for a while,
 * and a citizen should see the first question before, not after.
 */
async function boot(): Promise<void> {
  if (hasStaticPage()) await new Promise<void>((drawn) => requestAnimationFrame(() => setTimeout(drawn, 0)));
  const { mount } = await import('./app/mount');
  mount();
  if (import.meta.env.PROD) registerServiceWorker();
}

void boot();
