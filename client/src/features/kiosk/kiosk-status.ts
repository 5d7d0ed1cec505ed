import { kioskToken } from '../../lib/kiosk-token';

/** The build of the page this kiosk runs: the hash vite puts in the script's name ("dev" unbuilt). */
export function kioskVersion(): string {
  const hash = /-([A-Za-z0-9_-]{8})\.js(?:\?.*)?$/.exec(import.meta.url)?.[1];
  return hash ? `build ${hash}` : 'dev';
}

/**
 * Tells the server how many answers wait in this kiosk's queue and which build it runs, so officials see
 * it on their screen. Best effort: a kiosk offline now reports at its next check-in.
 */
export async function reportKioskStatus(waiting: number): Promise<void> {
  const token = kioskToken.get();
  if (!token) return;
  await fetch('/api/kiosk/status', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ waiting, version: kioskVersion() }),
    signal: AbortSignal.timeout(10_000),
  }).catch(() => undefined);
}
