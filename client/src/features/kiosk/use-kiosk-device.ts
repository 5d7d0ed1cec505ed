import { useCallback, useEffect, useState } from 'react';
import { kioskToken } from '../../lib/kiosk-token';
import { checkDevice, identityCache, takeTokenFromAddress, type DeviceCheck } from './kiosk-identity';

/** Revocation reaches a kiosk that sends nothing within this long. */
const RECHECK_MS = 60_000;

/**
 * Who this kiosk is, checked at start, every minute, and whenever `refusedBySync` turns true (the
 * queue's last send was refused because of the token). `enrol` keeps a token typed in by staff.
 */
export function useKioskDevice(refusedBySync: boolean): { check: DeviceCheck; enrol(token: string): void } {
  const [check, setCheck] = useState<DeviceCheck>({ state: 'checking' });
  const recheck = useCallback(() => { void checkDevice().then(setCheck); }, []);

  useEffect(() => {
    takeTokenFromAddress();
    recheck();
    const timer = setInterval(recheck, RECHECK_MS);
    return () => clearInterval(timer);
  }, [recheck]);

  useEffect(() => { if (refusedBySync) recheck(); }, [refusedBySync, recheck]);

  const enrol = useCallback((token: string) => {
    kioskToken.set(token.trim());
    identityCache.clear();
    setCheck({ state: 'checking' });
    recheck();
  }, [recheck]);

  return { check, enrol };
}
