import { PromiseCache } from '../../server/common/promise-cache';

describe('PromiseCache', () => {
  it('loads a key once, also for callers that arrive while it loads', async () => {
    const loads: string[] = [];
    const cache = new PromiseCache(async (key: string) => { loads.push(key); return key.length; });
    const [a, b] = await Promise.all([cache.get('abc'), cache.get('abc')]);
    expect([a, b, await cache.get('abc'), await cache.get('de')]).toEqual([3, 3, 3, 2]);
    expect(loads).toEqual(['abc', 'de']);
  });

  it('forgets a failed load, so the next get tries again', async () => {
    let calls = 0;
    const cache = new PromiseCache(async (key: number) => {
      calls += 1;
      if (calls === 1) throw new Error('database away');
      return key * 2;
    });
    await expect(cache.get(4)).rejects.toThrow('database away');
    await expect(cache.get(4)).resolves.toBe(8);
    expect(calls).toBe(2);
  });

  it('loads again after invalidate', async () => {
    let version = 0;
    const cache = new PromiseCache(async () => ++version);
    expect(await cache.get('x')).toBe(1);
    expect(await cache.get('x')).toBe(1);
    cache.invalidate('x');
    expect(await cache.get('x')).toBe(2);
  });
});
