import { randomUUID } from 'node:crypto';
import { NetworkError, ProblemError } from '../../../client/src/lib/api';
import { Outbox, OUTBOX_POLICY, type OutboxEnvironment } from '../../../client/src/lib/outbox';
import { memoryStore, type OutboxItem } from '../../../client/src/lib/outbox-store';

type Network = 'up' | 'down' | 'answers lost';

/** A server that stores each UUID once, as the real one does, behind a network the test switches. */
function setting() {
  const stored = new Map<string, unknown>();
  const attempts: string[] = [];
  const refusals = new Map<string, ProblemError>();
  const state = { network: 'up' as Network, comeOnline: () => undefined as void };
  const env: OutboxEnvironment = {
    openStore: async () => memoryStore(),
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
});
