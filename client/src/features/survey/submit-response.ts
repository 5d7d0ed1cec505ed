import { api, NetworkError } from '../../lib/api';
import type { Draft } from './types';

export interface SubmitOutcome { duplicate: boolean }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends a completed response, retrying network failures with backoff. The same UUID goes with every
 * attempt, so the server stores it once however many attempts arrive. A refusal (4xx) is not retried.
 */
export async function submitResponse(
  wave: string,
  draft: Draft,
  channel: 'web' | 'phone' | 'kiosk',
  onAttempt: (attempt: number) => void = () => undefined,
  attempts = 4,
): Promise<SubmitOutcome> {
  const body = {
    id: draft.id,
    channel,
    answers: draft.data,
    startedAt: draft.startedAt,
    submittedAt: draft.submittedAt,
  };
  for (let attempt = 1; ; attempt++) {
    onAttempt(attempt);
    try {
      const res = await api.post<{ duplicate: boolean }>(`/api/waves/${encodeURIComponent(wave)}/responses`, body);
      return { duplicate: res.duplicate };
    } catch (err) {
      if (!(err instanceof NetworkError) || attempt >= attempts) throw err;
      await sleep(Math.min(8000, 500 * 2 ** (attempt - 1)));
    }
  }
}
