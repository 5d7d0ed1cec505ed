import type { FieldIssue } from './api';

/** What is posted to `POST /api/waves/:wave/responses`. */
export interface ResponseBody {
  id: string;
  channel: 'web' | 'phone' | 'kiosk';
  answers: Record<string, unknown>;
  startedAt?: string;
  submittedAt?: string;
  questionnaireVersion?: number;
  /** A household invitation's one-time code (features/survey/use-invitation.ts). */
  invitationCode?: string;
}

/** Why the server refused a response for good; kept so nothing completed disappears silently. */
export interface Refusal { status: number; type: string; title: string; titleEn: string; issues: FieldIssue[] }

/** A completed response waiting on this device until the server has acknowledged it. */
export interface OutboxItem {
  /** The response's UUID: the server's idempotency key, so sending it twice stores it once. */
  id: string;
  wave: string;
  /** `kiosk` items are sent with this device's kiosk token. */
  via: 'public' | 'kiosk';
  body: ResponseBody;
  queuedAt: string;
  rejected?: Refusal;
}

export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  delete(id: string): Promise<void>;
}

const DB_NAME = 'sipas';
const STORE = 'outbox';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
  return promised(request);
}

/** IndexedDB keeps the queue through reloads, restarts and power cuts. */
export function indexedDbStore(): OutboxStore {
  let db: Promise<IDBDatabase> | undefined;
  const run = async <T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    db ??= openDatabase();
    const transaction = (await db).transaction(STORE, mode);
    // A write counts once it is committed, not merely requested.
    const committed = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
    const result = await promised(action(transaction.objectStore(STORE)));
    await committed;
    return result;
  };
  return {
    all: () => run('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>),
    put: async (item) => { await run('readwrite', (s) => s.put(item)); },
    delete: async (id) => { await run('readwrite', (s) => s.delete(id)); },
  };
}

/** Where IndexedDB is unavailable (some private modes): the queue lasts as long as the page. */
export function memoryStore(): OutboxStore {
  const items = new Map<string, OutboxItem>();
  return {
    all: async () => [...items.values()],
    put: async (item) => { items.set(item.id, structuredClone(item)); },
    delete: async (id) => { items.delete(id); },
  };
}

/** What the queue needs from its surroundings; the browser's by default, fakes in tests. */
export interface OutboxEnvironment {
  openStore(): Promise<OutboxStore>;
  send(item: OutboxItem): Promise<{ duplicate: boolean }>;
  /** Calls `listener` whenever the device comes back online. */
  onOnline(listener: () => void): void;
  /** Runs `task` unless another tab holds the lock; false when it did not run. */
  exclusively(task: () => Promise<void>): Promise<boolean>;
}
