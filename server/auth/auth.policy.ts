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
  /** How long a locked account stays locked. @default 15 minutes */
  lockoutMs: 15 * MINUTE,
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

export const PASSWORD_MIN_LENGTH = 12;
/** scrypt would accept more, but nobody types this much and the limit bounds the work per request. */
export const PASSWORD_MAX_LENGTH = 256;
