/**
 * The service worker (client/public/sw.js) keeps the app and the public survey data for offline use.
 * Service workers exist only in secure contexts: https, or localhost. A kiosk on plain http over the
 * centre's network still queues its responses (IndexedDB), but cannot open the form after a restart
 * without a network.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch((err) => console.warn('service worker not registered', err));
}

/** Asks the service worker to store these public URLs now; true once they are stored. */
export async function keepForOffline(urls: string[]): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return false;
  const channel = new MessageChannel();
  const answer = new Promise<boolean>((resolve) => {
    channel.port1.onmessage = (event) => resolve(Boolean(event.data?.ok));
  });
  worker.postMessage({ type: 'cache', urls }, [channel.port2]);
  return answer;
}
