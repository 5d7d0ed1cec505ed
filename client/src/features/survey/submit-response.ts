import { outbox, type ResponseBody } from '../../lib/outbox';
import type { Draft } from './types';

/** A completed draft as the server takes it: the answers, plus the UUID that makes storing it idempotent. */
export function responseBodyOf(
  draft: Draft, submittedAt: string, channel: 'web' | 'phone', questionnaireVersion?: number, invitationCode?: string,
): ResponseBody {
  return {
    id: draft.id, channel, answers: draft.data, startedAt: draft.startedAt, submittedAt, questionnaireVersion,
    ...(invitationCode ? { invitationCode } : {}),
  };
}

/**
 * Hands a completed response to the device's queue (IndexedDB), which sends it now or, after network
 * failures, by itself with backoff. Resolves once the response is safely on the device.
 */
export function submitResponse(wave: string, body: ResponseBody): Promise<void> {
  return outbox.enqueue({ id: body.id, wave, via: 'public', body });
}
