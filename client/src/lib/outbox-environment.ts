import { api, ProblemError } from './api';
import { kioskToken } from './kiosk-token';
import { indexedDbStore, memoryStore, type OutboxEnvironment, type OutboxItem, type OutboxStore } from './outbox-store';

/** A half-working network must not hold the queue: a send that takes longer is counted as failed. */
const REQUEST_TIMEOUT_MS = 20_000;

async function post(item: OutboxItem): Promise<{ duplicate: boolean }> {
  const headers: Record<string, string> = {};
  if (item.via === 'kiosk') {
    const token = kioskToken.get();
    if (!token) throw new ProblemError(401, 'Thiết bị này chưa được đăng ký làm ki-ốt khảo sát', 'This device is not enrolled as a survey kiosk', [], 'urn:sipas:problem:kiosk_not_enrolled');
    headers.Authorization = `Bearer ${token}`;
  }
  return api.post<{ duplicate: boolean }>(`/api/waves/${encodeURIComponent(item.wave)}/responses`, item.body,
    { headers, timeoutMs: REQUEST_TIMEOUT_MS });
}

async function openStore(): Promise<OutboxStore> {
  const store = indexedDbStore();
  try {
    await store.all();
    return store;
  } catch {
    return memoryStore();
  }
}

/** One tab at a time sends (Web Locks where available); the others only show the queue. */
async function oneTabAtATime(task: () => Promise<void>): Promise<boolean> {
  if (!navigator.locks) {
    await task();
    return true;
  }
  return navigator.locks.request('sipas-outbox', { ifAvailable: true }, async (lock) => {
    if (lock) await task();
    return lock !== null;
  });
}

export const browserEnvironment: OutboxEnvironment = {
  openStore,
  send: post,
  onOnline: (listener) => addEventListener('online', listener),
  exclusively: oneTabAtATime,
};

