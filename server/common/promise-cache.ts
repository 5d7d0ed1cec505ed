/**
 * Values loaded once per key and shared by every caller, including callers that arrive while the load is
 * still running (they get the same promise). A load that fails is forgotten, so the next call tries again.
 *
 * @example
 * const plans = new PromiseCache((versionId: number) => compile(versionId));
 * await plans.get(3); // loads
 * await plans.get(3); // the same value, not loaded again
 */
export class PromiseCache<K, V> {
  private readonly entries = new Map<K, Promise<V>>();

  constructor(private readonly load: (key: K) => Promise<V>) {}

  get(key: K): Promise<V> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.load(key);
      entry.catch(() => this.entries.delete(key));
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Forgets `key`: the next `get` loads it again. */
  invalidate(key: K): void {
    this.entries.delete(key);
  }
}
