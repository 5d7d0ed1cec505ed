import { createHash, randomBytes } from 'node:crypto';

/** The prefix makes a leaked token recognisable (in a log, a screenshot) for what it is. */
const PREFIX = 'sipk_';
const TOKEN_PATTERN = /^sipk_[A-Za-z0-9_-]{43}$/;

/** 256 random bits: the kiosk's credential, shown once at enrolment and never stored. */
export function newDeviceToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function isWellFormedDeviceToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * What the database keeps. A plain sha256 suffices: the token is random, not a password, so there is
 * nothing to guess from the hash.
 */
export function deviceTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
