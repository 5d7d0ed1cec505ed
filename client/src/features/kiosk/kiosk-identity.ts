import { api, ProblemError } from '../../lib/api';
import { kioskToken } from '../../lib/kiosk-token';

/** What `GET /api/kiosk/device` says about this kiosk. */
export interface KioskIdentity {
  device: { id: string; label: string; wave: string | null };
  servicePoint: { code: string; nameVi: string; geography: string; province: string };
}

export type DeviceCheck =
  | { state: 'checking' }
  /** `confirmed` is false when the server could not be reached and the last known identity is used. */
  | { state: 'ready'; identity: KioskIdentity; confirmed: boolean }
  | { state: 'not-enrolled' }
  | { state: 'refused'; title: string; titleEn: string }
  | { state: 'unreachable' };

const KEY = 'sipas.kiosk.identity';

/** The last identity the server confirmed, so a kiosk that restarts offline knows where it stands. */
export const identityCache = {
  load(): KioskIdentity | null {
    try { return JSON.parse(localStorage.getItem(KEY) ?? 'null') as KioskIdentity | null; } catch { return null; }
  },
  save(identity: KioskIdentity): void {
    try { localStorage.setItem(KEY, JSON.stringify(identity)); } catch { /* offline start will ask the server */ }
  },
  clear(): void {
    try { localStorage.removeItem(KEY); } catch { /* nothing to clear */ }
  },
};

/** A token handed over in the address (`#token=…`) is kept and removed from the address bar at once. */
export function takeTokenFromAddress(): void {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return;
  kioskToken.set(token);
  identityCache.clear();
  history.replaceState(history.state, '', location.pathname + location.search);
}

/** Asks the server who this kiosk is; falls back to the last confirmed identity when it cannot be reached. */
export async function checkDevice(): Promise<DeviceCheck> {
  const token = kioskToken.get();
  if (!token) return { state: 'not-enrolled' };
  try {
    const identity = await api.get<KioskIdentity>('/api/kiosk/device', { headers: { Authorization: `Bearer ${token}` }, timeoutMs: 10_000 });
    identityCache.save(identity);
    return { state: 'ready', identity, confirmed: true };
  } catch (err) {
    if (err instanceof ProblemError && (err.status === 401 || err.status === 403)) {
      identityCache.clear();
      return err.status === 401 ? { state: 'not-enrolled' } : { state: 'refused', title: err.title, titleEn: err.titleEn };
    }
    const cached = identityCache.load();
    return cached ? { state: 'ready', identity: cached, confirmed: false } : { state: 'unreachable' };
  }
}
