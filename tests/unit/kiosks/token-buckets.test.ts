import { TokenBuckets } from '../../../server/kiosks/token-buckets';

describe('token buckets per kiosk', () => {
  it('when a device spends its burst, then it waits for the refill while another device is untouched', () => {
    const buckets = new TokenBuckets(3, 12);
    const now = 1_000_000;
    expect([1, 2, 3, 4].map(() => buckets.take('a', now))).toEqual([0, 0, 0, 5]);
    expect(buckets.take('b', now)).toBe(0);
    expect(buckets.take('a', now + 4_000)).toBe(1);
    expect(buckets.take('a', now + 5_000)).toBe(0);
  });

  it('when a device rests, then its bucket fills up to the burst and no further', () => {
    const buckets = new TokenBuckets(2, 60);
    const now = 0;
    buckets.take('a', now);
    buckets.take('a', now);
    const later = now + 10 * 60_000;
    expect([1, 2, 3].map(() => buckets.take('a', later))).toEqual([0, 0, 1]);
  });
});
