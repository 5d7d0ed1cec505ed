import { createHash } from 'node:crypto';
import { newTypedCode, normalizeTypedCode } from '../common/typed-code';

/**
 * A kiosk's one-time enrolment code: ten symbols of the invitation alphabet (no 0/O, 1/I/L), shown as
 * `K7M2Q-XH9RT`. About 49 bits: enough for a code that lives minutes, serves once and whose
 * redemption is rate-limited.
 */
export const ENROLMENT_CODE_LENGTH = 10;

/** How long a code shown on the official's screen stays usable. */
export const ENROLMENT_CODE_TTL_MS = 15 * 60_000;

export function newEnrolmentCode(): string {
  return newTypedCode(ENROLMENT_CODE_LENGTH);
}

/** Upper case without spaces or dashes; null when it cannot be a code. */
export function normalizeEnrolmentCode(typed: string): string | null {
  return normalizeTypedCode(typed, ENROLMENT_CODE_LENGTH);
}

export function hashEnrolmentCode(canonical: string): string {
  return createHash('sha256').update(`kiosk-enrolment:${canonical}`).digest('hex');
}
