interface Bucket { tokens: number; at: number }

/** Beyond this many keys, full buckets (which behave exactly like absent ones) are dropped. */
const SWEEP_ABOVE = 10_000;

/**
 * One token bucket per key (a kiosk device): `capacity` requests at once, then `refillPerMinute`.
 * Pure and in memory; the clock is passed in.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(private readonly capacity: number, refillPerMinute: number) {
    this.refillPerMs = refillPerMinute / 60_000;
  }

  /** Takes a token for `key`: 0 when granted, otherwise the whole seconds until one will be there. */
  take(key: string, now: number): number {
    const tokens = this.level(key, now);
    if (tokens >= 1) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep(now);
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs / 1000));
  }

  private level(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.capacity;
    return Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) * this.refillPerMs);
  }

  private sweep(now: number): void {
    for (const key of [...this.buckets.keys()]) if (this.level(key, now) >= this.capacity) this.buckets.delete(key);
  }
}
