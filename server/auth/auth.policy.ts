const MINUTE = 60_000;

/** How long sessions last and how hard logins are throttled. */
export const AUTH_POLICY = {
  /** A session unused for this long is over. @default 8 hours */
  sessionIdleMs: 8 * 60 * MINUTE,
  /** A session is over this long after login, used or not. @default 12 hours */
  sessionAbsoluteMs: 12 * 60 * MINUTE,
  /** `last_seen_at` is written at most this often, not on every request. @default 1 minute */
  sessionTouchMs: MINUTE,
  /** Consecutive wrong passwords that lock an account. @default 5 */
  maxFailedAttempts: 5,
  /**
   * How long the first lock lasts. Each further lock in a row (no successful sign-in or unlock between)
   * lasts twice the one before, up to `lockoutMaxMs`: 15 min, 30 min, 1 h, 2 h, … @default 15 minutes
   */
  lockoutMs: 15 * MINUTE,
  /** The longest a lock lasts; a national administrator can lift any lock sooner. @default 24 hours */
  lockoutMaxMs: 24 * 60 * MINUTE,
  /**
   * Failed logins from one address within `ipWindowMs` before that address must wait. Generous: a
   * provincial office's officials may all sit behind one address. @default 50
   */
  ipMaxFailures: 50,
  /** @default 15 minutes */
  ipWindowMs: 15 * MINUTE,
  /** Unknown usernames are locked like real ones; their failures count within this window. @default 24 hours */
  unknownLoginWindowMs: 24 * 60 * MINUTE,
} as const;

export type AuthPolicy = typeof AUTH_POLICY;

/** How long the `nth` lock in a row lasts (n ≥ 1): it doubles each time, up to the maximum. */
export function lockoutDurationMs(policy: Pick<AuthPolicy, 'lockoutMs' | 'lockoutMaxMs'>, nth: number): number {
  return Math.min(policy.lockoutMaxMs, policy.lockoutMs * 2 ** Math.min(Math.max(0, nth - 1), 30));
}

export const PASSWORD_MIN_LENGTH = 12;
/** scrypt would accept more, but nobody types this much and the limit bounds the work per request. */
export const PASSWORD_MAX_LENGTH = 256;
