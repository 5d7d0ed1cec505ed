import { useCallback, useEffect, useState } from 'react';
import { kioskToken } from '../../lib/kiosk-token';
import { checkDevice, identityCache, isEnrolmentCode, redeemEnrolmentCode, takeTokenFromAddress, type DeviceCheck } from './kiosk-identity';

/** Revocation reaches a kiosk that sends nothing within this long. */
const RECHECK_MS = 60_000;

/**
 * Who this kiosk is, checked at start, every minute, and whenever `refusedBySync` turns true (the
 * queue's last send was refused because of the token). `enrol` takes an enrolment code or a token typed
 * in by staff.
 */
export function useKioskDevice(refusedBySync: boolean): { check: DeviceCheck; enrol(token: string): void } {
  const [check, setCheck] = useState<DeviceCheck>({ state: 'checking' });
  const recheck = useCallback(() => { void checkDevice().then(setCheck); }, []);

  useEffect(() => {
    let live = true;
    void takeTokenFromAddress().then((refused) => {
      if (!live) return;
      if (refused) setCheck({ state: 'enrol-failed', ...refused });
      else recheck();
    });
    const timer = setInterval(recheck, RECHECK_MS);
    return () => { live = false; clearInterval(timer); };
  }, [recheck]);

  useEffect(() => { if (refusedBySync) recheck(); }, [refusedBySync, recheck]);

  const enrol = useCallback((typed: string) => {
    setCheck({ state: 'checking' });
    if (isEnrolmentCode(typed)) {
      void redeemEnrolmentCode(typed).then((refused) => (refused ? setCheck({ state: 'enrol-failed', ...refused }) : recheck()));
      return;
    }
    kioskToken.set(typed.trim());
    identityCache.clear();
    recheck();
  }, [recheck]);

  return { check, enrol };
}
