const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** How kiosks are recognised and how fast one may send. */
export interface KioskPolicy {
  /**
   * Responses one device may send in a burst: enough to empty a day's offline queue at once.
   * @default 120
   */
  burst: number;
  /**
   * The sustained rate once the burst is spent. The kiosk form takes a person well over 15 seconds,
   * so 12 a minute is three times the fastest honest kiosk. @default 12
   */
  refillPerMinute: number;
  /**
   * How long a device looked up by its token is trusted before the database is asked again: the
   * longest a revocation made on another server instance takes to apply (on this one it is at once).
   * @default 5 seconds
   */
  deviceCacheMs: number;
  /** `last_seen_at` is written at most this often, not on every request. @default 1 minute */
  touchMs: number;
  /** A device over its rate is logged and flagged in the audit log at most this often. @default 10 minutes */
  flagEveryMs: number;
}

export const KIOSK_POLICY: KioskPolicy = {
  burst: 120,
  refillPerMinute: 12,
  deviceCacheMs: 5 * SECOND,
  touchMs: MINUTE,
  flagEveryMs: 10 * MINUTE,
};
