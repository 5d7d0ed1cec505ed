import { useCallback, useEffect, useState } from 'react';
import { api, NetworkError, ProblemError } from './api';
import { useSession } from './session';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ProblemError | NetworkError }
  | { status: 'ok'; data: T };

/**
 * GETs `url` (none when null) and reloads when it changes; a 401 ends the session so the login shows.
 * `reload()` fetches again, e.g. after starting an estimation run.
 */
export function useApi<T>(url: string | null): Loaded<T> & { reload(): void } {
  const { expire } = useSession();
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!url) return;
    let live = true;
    setState({ status: 'loading' });
    api.get<T>(url).then(
      (data) => live && setState({ status: 'ok', data }),
      (error) => {
        if (!live) return;
        if (error instanceof ProblemError && error.status === 401) expire();
        setState({ status: 'error', error: error instanceof ProblemError ? error : new NetworkError(String(error?.message ?? error)) });
      },
    );
    return () => { live = false; };
  }, [url, attempt, expire]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
