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
  /** An enrolment code was refused (wrong, expired, used) or could not be sent. */
  | { state: 'enrol-failed'; title: string; titleEn: string }
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

/** Looks like a one-time enrolment code (`K7M2Q-XH9RT`) rather than a device token. */
export function isEnrolmentCode(text: string): boolean {
  return /^[2-9A-HJ-NP-Z]{10}$/i.test(text.replace(/[\s-]/g, ''));
}

/**
 * Exchanges a one-time enrolment code (shown on an official's screen) for this kiosk's device token,
 * and keeps the token. Returns the refusal to show, or null when enrolled.
 */
export async function redeemEnrolmentCode(code: string): Promise<{ title: string; titleEn: string } | null> {
  try {
    const { token } = await api.post<{ token: string }>('/api/kiosk/enrol', { code: code.trim() }, { timeoutMs: 15_000 });
    kioskToken.set(token);
    identityCache.clear();
    return null;
  } catch (err) {
    return err instanceof ProblemError
      ? { title: err.title, titleEn: err.titleEn }
      : { title: 'Chưa kết nối được máy chủ để đăng ký ki-ốt', titleEn: 'Could not reach the server to enrol the kiosk' };
  }
}

/**
 * A token (`#token=…`) or enrolment code (`#enrol=…`, from the official's QR) handed over in the address
 * is taken and removed from the address bar at once. Returns a refused code's message, if any.
 */
export async function takeTokenFromAddress(): Promise<{ title: string; titleEn: string } | null> {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  const code = params.get('enrol');
  if (!token && !code) return null;
  history.replaceState(history.state, '', location.pathname + location.search);
  if (code) return redeemEnrolmentCode(code);
  kioskToken.set(token!);
  identityCache.clear();
  return null;
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
