import { useEffect, useState } from 'react';
import { api, ProblemError } from '../../lib/api';
import { keepForOffline } from '../../lib/offline-cache';

export interface KioskBundle {
  wave: { id: string; status: string; questionnaireVersion: number; isSynthetic: boolean };
  questionnaire: Record<string, unknown>;
}

export type BundleState =
  | { state: 'loading' }
  | { state: 'ready'; bundle: KioskBundle; offlineReady: boolean }
  | { state: 'missing' }
  | { state: 'failed' };

const RETRY_MS = 15_000;

export const questionnaireUrl = (wave: string) => `/api/waves/${encodeURIComponent(wave)}/questionnaire`;

/**
 * The wave's questionnaire (from the service worker's copy when offline), retried until it loads; then
 * kept for offline use, and `offlineReady` once the service worker has stored it.
 */
export function useKioskQuestionnaire(wave: string): BundleState {
  const [state, setState] = useState<BundleState>({ state: 'loading' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => api.get<KioskBundle>(questionnaireUrl(wave), { timeoutMs: 15_000 }).then((bundle) => {
      if (stopped) return;
      setState({ state: 'ready', bundle, offlineReady: false });
      void keepForOffline([questionnaireUrl(wave)]).then((stored) => {
        if (!stopped && stored) setState({ state: 'ready', bundle, offlineReady: true });
      });
    }, (err) => {
      if (stopped) return;
      if (err instanceof ProblemError && err.status === 404) return setState({ state: 'missing' });
      setState({ state: 'failed' });
      timer = setTimeout(load, RETRY_MS);
    });
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [wave]);
  return state;
}
