const KEY = 'sipas.kiosk.token';

/**
 * The device token an official gave this kiosk at enrolment. It lives only on the kiosk and goes only
 * in the `Authorization` header of its own requests.
 */
export const kioskToken = {
  get(): string | null {
    try { return localStorage.getItem(KEY); } catch { return null; }
  },
  set(token: string): void {
    try { localStorage.setItem(KEY, token); } catch { /* storage disabled: the kiosk stays unenrolled */ }
  },
  clear(): void {
    try { localStorage.removeItem(KEY); } catch { /* nothing to clear */ }
  },
};
