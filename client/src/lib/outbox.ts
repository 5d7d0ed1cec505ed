import { NetworkError, ProblemError } from './api';
import { browserEnvironment } from './outbox-environment';
import type { OutboxEnvironment, OutboxItem, OutboxStore, Refusal } from './outbox-store';

export type { OutboxEnvironment, OutboxItem, Refusal, ResponseBody } from './outbox-store';

/** What became of one response this page queued. */
export type Fate =
  | { phase: 'queued' }
  | { phase: 'sending'; attempt: number }
  | { phase: 'sent'; duplicate: boolean }
  /** The network has failed `OUTBOX_POLICY.offlineAfter` times in a row; it is retried by itself. */
  | { phase: 'offline' }
  | { phase: 'refused'; refusal: Refusal };

export interface OutboxSnapshot {
  /** False until the queue has been read from the device. */
  loaded: boolean;
  items: readonly OutboxItem[];
  /** Completed responses not yet acknowledged by the server. */
  waiting: number;
  /** Responses the server refused for good; kept on the device for staff. */
  rejected: number;
  offline: boolean;
  /** The server refused this kiosk's token (not enrolled, revoked): its responses wait. */
  deviceRefusal: Refusal | null;
  fates: ReadonlyMap<string, Fate>;
}

export const OUTBOX_POLICY = {
  /** Quick retries first (0.5, 1, 2 s), as a flaky connection often recovers at once. */
  quickRetryMs: [500, 1000, 2000],
  /** Failures in a row after which the device counts as offline. @default 4 */
  offlineAfter: 4,
  /** Then 15 s, doubling up to 2 minutes, each ±20 %, so a centre's kiosks do not all come back at once. */
  slowRetryMs: 15_000,
  maxRetryMs: 120_000,
  /** After the browser says it is online again, wait this long before sending: networks flap. @default 2 s */
  onlineDelayMs: 2000,
  /** A refused kiosk token is tried again this often (it may be re-enrolled). @default 1 minute */
  deviceRetryMs: 60_000,
};

const DEVICE_REFUSALS = new Set(['kiosk_not_enrolled', 'kiosk_revoked', 'kiosk_point_inactive'].map((c) => `urn:sipas:problem:${c}`));

function refusalOf(err: ProblemError): Refusal {
  return { status: err.status, type: err.type, title: err.title, titleEn: err.titleEn, issues: err.issues };
}

/** Worth trying again later: the server is busy, down, or asked us to wait. */
const isTransient = (err: ProblemError) => err.status === 408 || err.status === 429 || err.status >= 500;

/**
 * Completed responses wait here, on the device, until the server has acknowledged each one; then they
 * are deleted. They are sent one at a time, oldest first, with backoff while the network is away. The
 * server stores a UUID once, so a response sent twice (an answer lost on the way back, two tabs) is
 * still stored exactly once.
 */
export class Outbox {
  private snapshot: OutboxSnapshot = { loaded: false, items: [], waiting: 0, rejected: 0, offline: false, deviceRefusal: null, fates: new Map() };
  private readonly listeners = new Set<() => void>();
  private store: OutboxStore | null = null;
  private started: Promise<void> | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | null = null;
  private again = false;
  private readonly attempts = new Map<string, number>();

  constructor(private readonly env: OutboxEnvironment) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): OutboxSnapshot => this.snapshot;

  /** Reads the queue and sends what waits; again whenever the browser comes back online. */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.store = await this.env.openStore();
      this.env.onOnline(() => this.schedule(OUTBOX_POLICY.onlineDelayMs));
      await this.reload();
      void this.flush();
    })();
    return this.started;
  }

  /** Keeps a completed response on the device (committed before this resolves), then tries to send it. */
  async enqueue(item: Omit<OutboxItem, 'queuedAt'>): Promise<void> {
    await this.start();
    await this.store!.put({ ...item, queuedAt: new Date().toISOString() });
    this.setFate(item.id, { phase: 'queued' });
    await this.reload();
    // Once offline, a new response waits for the next scheduled try instead of failing at once.
    if (this.failures < OUTBOX_POLICY.offlineAfter) void this.flush();
    else this.setFate(item.id, { phase: 'offline' });
  }

  /** Sends now, without waiting for the backoff (the "send again" button, a re-enrolled kiosk). */
  retryNow(): void {
    void this.start().then(() => this.flush());
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  private flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    clearTimeout(this.timer);
    this.flushing = this.env.exclusively(() => this.sendAll()).then((ran) => {
      if (!ran) this.schedule(OUTBOX_POLICY.quickRetryMs.at(-1)!);
    }).finally(() => {
      this.flushing = null;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    return this.flushing;
  }

  /**
   * Sends what waits, oldest first. A response refused for good is set aside and the next one goes; a
   * 500 (an error in handling that one response, perhaps) lets the next one go too, unless the one before
   * also met a server error; anything else transient (no network, 502–504, 408, 429) ends the pass.
   */
  private async sendAll(): Promise<void> {
    await this.reload();
    const pending = this.snapshot.items.filter((i) => !i.rejected).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    let serverError: ProblemError | null = null;
    let previousFailed = false;
    for (const item of pending) {
      const attempt = (this.attempts.get(item.id) ?? 0) + 1;
      this.attempts.set(item.id, attempt);
      this.setFate(item.id, { phase: 'sending', attempt });
      try {
        const { duplicate } = await this.env.send(item);
        await this.store!.delete(item.id);
        this.failures = 0;
        previousFailed = false;
        this.update({ deviceRefusal: item.via === 'kiosk' ? null : this.snapshot.deviceRefusal });
        this.setFate(item.id, { phase: 'sent', duplicate });
      } catch (err) {
        if (err instanceof ProblemError && err.status === 500 && !previousFailed) {
          serverError = err;
          previousFailed = true;
          this.setFate(item.id, { phase: 'queued' });
          continue;
        }
        if (!(err instanceof ProblemError) || isTransient(err)) return this.failed(err);
        previousFailed = false;
        if (item.via === 'kiosk' && DEVICE_REFUSALS.has(err.type)) return this.deviceRefused(item, refusalOf(err));
        const rejected = { ...item, rejected: refusalOf(err) };
        await this.store!.put(rejected);
        this.setFate(item.id, { phase: 'refused', refusal: rejected.rejected });
      }
      await this.reload();
    }
    // What met a server error is tried again later, with the usual backoff.
    if (serverError) this.failed(serverError);
  }

  private failed(err: unknown): void {
    if (!(err instanceof NetworkError) && !(err instanceof ProblemError)) console.warn('outbox: sending failed', err);
    this.failures += 1;
    const offline = this.failures >= OUTBOX_POLICY.offlineAfter;
    // Only what still waits: a response sent earlier in this pass keeps its "sent".
    const waiting = this.snapshot.items.filter((i) => !i.rejected);
    for (const item of waiting) if (this.snapshot.fates.has(item.id)) this.setFate(item.id, offline ? { phase: 'offline' } : { phase: 'queued' });
    this.update({ offline });
    const quick = OUTBOX_POLICY.quickRetryMs[this.failures - 1];
    const slow = Math.min(OUTBOX_POLICY.maxRetryMs, OUTBOX_POLICY.slowRetryMs * 2 ** (this.failures - OUTBOX_POLICY.offlineAfter));
    const delay = quick ?? slow * (0.8 + Math.random() * 0.4);
    const asked = err instanceof ProblemError && err.retryAfterSeconds ? err.retryAfterSeconds * 1000 : 0;
    this.schedule(Math.max(delay, asked));
  }

  private deviceRefused(item: OutboxItem, refusal: Refusal): void {
    this.setFate(item.id, { phase: 'queued' });
    this.update({ deviceRefusal: refusal });
    this.schedule(OUTBOX_POLICY.deviceRetryMs);
  }

  private async reload(): Promise<void> {
    const items = await this.store!.all();
    const rejected = items.filter((i) => i.rejected).length;
    this.update({ loaded: true, items, rejected, waiting: items.length - rejected, offline: this.failures >= OUTBOX_POLICY.offlineAfter });
  }

  private setFate(id: string, fate: Fate): void {
    const fates = new Map(this.snapshot.fates);
    fates.set(id, fate);
    this.update({ fates });
  }

  private update(changes: Partial<OutboxSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    for (const listener of this.listeners) listener();
  }
}

/** The device's one queue, shared by the citizen page and the kiosk. */
export const outbox = new Outbox(browserEnvironment);
