import { randomUUID } from 'node:crypto';
import { NetworkError, ProblemError } from '../../../client/src/lib/api';
import { Outbox, OUTBOX_POLICY, type OutboxEnvironment } from '../../../client/src/lib/outbox';
import { refusedExport, refusedFileName } from '../../../client/src/lib/outbox-export';
import { memoryStore, type OutboxItem, type OutboxStore } from '../../../client/src/lib/outbox-store';

type Network = 'up' | 'down' | 'answers lost';

/** A server that stores each UUID once, as the real one does, behind a network the test switches. */
function setting(store: OutboxStore = memoryStore()) {
  const stored = new Map<string, unknown>();
  const attempts: string[] = [];
  const refusals = new Map<string, Error>();
  const state = { network: 'up' as Network, comeOnline: () => undefined as void };
  const env: OutboxEnvironment = {
    openStore: async () => store,
    async send(item) {
      attempts.push(item.id);
      if (state.network === 'down') throw new NetworkError('offline');
      const refusal = refusals.get(item.id);
      if (refusal) throw refusal;
      const duplicate = stored.has(item.id);
      stored.set(item.id, item.body);
      if (state.network === 'answers lost') throw new NetworkError('the answer never came back');
      return { duplicate };
    },
    onOnline: (listener) => { state.comeOnline = listener; },
    exclusively: async (task) => { await task(); return true; },
  };
  return { outbox: new Outbox(env), stored, attempts, refusals, state };
}

const response = (via: OutboxItem['via'] = 'public'): Omit<OutboxItem, 'queuedAt'> => {
  const id = randomUUID();
  return { id, wave: 'kiosk-2026', via, body: { id, channel: via === 'kiosk' ? 'kiosk' : 'web', answers: { overall: 4 } } };
};

const problem = (status: number, code: string, retryAfterSeconds: number | null = null) =>
  new ProblemError(status, 'Bị từ chối', 'Refused', [], `urn:sipas:problem:${code}`, retryAfterSeconds);

describe('the outbox of completed responses', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when the network is down, then responses wait, the queue says offline after four tries, and each is stored once when it returns', async () => {
    const { outbox, stored, state } = setting();
    state.network = 'down';
    const items = [response('kiosk'), response('kiosk'), response('public')];
    for (const item of items) await outbox.enqueue(item);
    await jest.advanceTimersByTimeAsync(OUTBOX_POLICY.quickRetryMs.reduce((a, b) => a + b, 0));
    expect(outbox.getSnapshot()).toMatchObject({ waiting: 3, offline: true });
    expect(outbox.getSnapshot().fates.get(items[0].id)).toEqual({ phase: 'offline' });

    state.network = 'up';
    state.comeOnline();
    await jest.advanceTimersByTimeAsync(OUTBOX_POLICY.onlineDelayMs);
    expect(outbox.getSnapshot()).toMatchObject({ waiting: 0, offline: false });
    expect([...stored.keys()].sort()).toEqual(items.map((i) => i.id).sort());
  });

  it('when the answer to a send is lost on the way back, then the response is sent again and still stored once', async () => {
    const { outbox, stored, attempts, state } = setting();
    state.network = 'answers lost';
    const item = response();
    await outbox.enqueue(item);
    await jest.advanceTimersByTimeAsync(0);
    state.network = 'up';
    await jest.advanceTimersByTimeAsync(OUTBOX_POLICY.quickRetryMs[0]);
    expect(attempts).toEqual([item.id, item.id]);
    expect(stored.size).toBe(1);
    expect(outbox.getSnapshot().fates.get(item.id)).toEqual({ phase: 'sent', duplicate: true });
    expect(outbox.getSnapshot().waiting).toBe(0);
  });

  it('when the server refuses a response for good, then it is kept as rejected and the next one is still sent', async () => {
    const { outbox, stored, refusals } = setting();
    const [bad, good] = [response(), response()];
    refusals.set(bad.id, problem(422, 'validation'));
    await outbox.enqueue(bad);
    await outbox.enqueue(good);
    await jest.advanceTimersByTimeAsync(0);
    expect([...stored.keys()]).toEqual([good.id]);
    expect(outbox.getSnapshot()).toMatchObject({ waiting: 0, rejected: 1 });
    expect(outbox.getSnapshot().items[0].rejected).toMatchObject({ status: 422, type: 'urn:sipas:problem:validation' });
    expect(outbox.getSnapshot().fates.get(bad.id)).toMatchObject({ phase: 'refused' });
  });

  it('when the kiosk\'s token is refused, then its responses wait rather than being rejected, and are sent once it is enrolled again', async () => {
    const { outbox, stored, refusals } = setting();
    const item = response('kiosk');
    refusals.set(item.id, problem(403, 'kiosk_revoked'));
    await outbox.enqueue(item);
    await jest.advanceTimersByTimeAsync(0);
    expect(outbox.getSnapshot()).toMatchObject({ waiting: 1, rejected: 0, deviceRefusal: { status: 403, type: 'urn:sipas:problem:kiosk_revoked' } });

    refusals.clear();
    outbox.retryNow();
    await jest.advanceTimersByTimeAsync(0);
    expect(stored.has(item.id)).toBe(true);
    expect(outbox.getSnapshot()).toMatchObject({ waiting: 0, deviceRefusal: null });
  });

  it('when the server asks the kiosk to slow down, then nothing is sent again before its Retry-After', async () => {
    const { outbox, stored, attempts, refusals } = setting();
    const item = response('kiosk');
    refusals.set(item.id, problem(429, 'kiosk_rate_limited', 30));
    await outbox.enqueue(item);
    await jest.advanceTimersByTimeAsync(0);
    refusals.clear();
    await jest.advanceTimersByTimeAsync(29_000);
    expect(attempts).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(attempts).toHaveLength(2);
    expect(stored.has(item.id)).toBe(true);
  });

  it.each([400, 404, 409, 410, 413, 422])('when the oldest response is refused with %i, then it is set aside, kept on the device, never sent again, and the ones after it are sent', async (status) => {
    const store = memoryStore();
    const { outbox, stored, attempts, refusals } = setting(store);
    const [bad, ...later] = [response('kiosk'), response('kiosk'), response('kiosk')];
    refusals.set(bad.id, problem(status, 'refused'));
    for (const item of [bad, ...later]) await outbox.enqueue(item);
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect([...stored.keys()].sort()).toEqual(later.map((i) => i.id).sort());
    expect(attempts.filter((id) => id === bad.id)).toHaveLength(1);
    expect(outbox.getSnapshot()).toMatchObject({ waiting: 0, rejected: 1 });
    expect(await store.all()).toEqual([expect.objectContaining({ id: bad.id, body: bad.body, rejected: expect.objectContaining({ status }) })]);

    // The device restarts: the refused response is still there, still aside, and not sent again.
    const restarted = setting(store);
    await restarted.outbox.start();
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(restarted.attempts).toEqual([]);
    expect(restarted.outbox.getSnapshot()).toMatchObject({ waiting: 0, rejected: 1 });
  });

  it.each([[408, 5], [429, 30], [503, 0]])('when a response meets %i (Retry-After %i s), then it is not set aside but sent again later, before the ones after it', async (status, retryAfter) => {
    const { outbox, stored, attempts, refusals } = setting();
    const [first, second] = [response(), response()];
    refusals.set(first.id, problem(status, 'busy', retryAfter || null));
    await outbox.enqueue(first);
    await outbox.enqueue(second);
    await jest.advanceTimersByTimeAsync(0);
    expect(stored.size).toBe(0);
    expect(outbox.getSnapshot()).toMatchObject({ waiting: 2, rejected: 0 });
    expect(attempts.every((id) => id === first.id)).toBe(true);
    refusals.clear();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(attempts.slice(-2)).toEqual([first.id, second.id]);
    expect(stored.size).toBe(2);
  });

  it('when one response meets a 500, then the ones after it are still sent, and it is tried again later and stored once the server handles it', async () => {
    const { outbox, stored, attempts, refusals } = setting();
    const [poisoned, ...later] = [response('kiosk'), response('kiosk'), response('kiosk')];
    refusals.set(poisoned.id, problem(500, 'internal'));
    for (const item of [poisoned, ...later]) await outbox.enqueue(item);
    await jest.advanceTimersByTimeAsync(0);
    expect([...stored.keys()].sort()).toEqual(later.map((i) => i.id).sort());
    expect(outbox.getSnapshot()).toMatchObject({ waiting: 1, rejected: 0 });
    expect(outbox.getSnapshot().fates.get(later[0].id)).toEqual({ phase: 'sent', duplicate: false });

    refusals.clear();
    await jest.advanceTimersByTimeAsync(OUTBOX_POLICY.quickRetryMs[0]);
    expect(stored.has(poisoned.id)).toBe(true);
    expect(attempts.filter((id) => id === poisoned.id).length).toBeGreaterThanOrEqual(2);
    expect(outbox.getSnapshot()).toMatchObject({ waiting: 0, rejected: 0 });
  });

  it('when two responses in a row meet a server error, then the pass stops there: the server is failing, not one response', async () => {
    const { outbox, attempts, refusals, state } = setting();
    const items = [response(), response(), response(), response()];
    for (const item of items.slice(0, 2)) refusals.set(item.id, problem(500, 'internal'));
    state.network = 'down';
    for (const item of items) await outbox.enqueue(item);
    await jest.advanceTimersByTimeAsync(0);
    attempts.length = 0;
    state.network = 'up';
    outbox.retryNow();
    await jest.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual([items[0].id, items[1].id]);
  });

  it('when the network fails after a response was sent in the same pass, then that response still counts as sent', async () => {
    const { outbox, state, refusals } = setting();
    const [sent, next] = [response(), response()];
    state.network = 'down';
    await outbox.enqueue(sent);
    await outbox.enqueue(next);
    state.network = 'up';
    refusals.set(next.id, new NetworkError('cut on the way'));
    await jest.advanceTimersByTimeAsync(OUTBOX_POLICY.quickRetryMs[0]);
    expect(outbox.getSnapshot().fates.get(sent.id)).toEqual({ phase: 'sent', duplicate: false });
    expect(outbox.getSnapshot().fates.get(next.id)).toEqual({ phase: 'queued' });
  });

  it('when the refused responses are exported, then the file holds each one, oldest first, with its answers and the refusal, and nothing that waits', async () => {
    const { outbox, refusals } = setting();
    const [closed, invalid, fine] = [response('kiosk'), response('kiosk'), response('kiosk')];
    refusals.set(closed.id, problem(409, 'wave_not_open'));
    refusals.set(invalid.id, problem(422, 'validation'));
    for (const item of [closed, invalid, fine]) {
      await outbox.enqueue(item);
      await jest.advanceTimersByTimeAsync(1000);
    }
    const now = new Date('2026-03-02T09:14:59.000Z');
    const file = refusedExport(outbox.getSnapshot().items, now);
    expect(file).toMatchObject({ format: 'sipas-refused-responses', version: 1, exportedAt: '2026-03-02T09:14:59.000Z' });
    expect(file.responses.map((r) => [r.id, r.refusal.type, r.body.answers])).toEqual([
      [closed.id, 'urn:sipas:problem:wave_not_open', closed.body.answers],
      [invalid.id, 'urn:sipas:problem:validation', invalid.body.answers],
    ]);
    expect(refusedFileName(now)).toBe('sipas-phieu-bi-tu-choi-2026-03-02T0914.json');
  });
});
