import { createHash, randomBytes } from 'node:crypto';
import { CODE_ALPHABET } from '../invitations/invitation-code';

/**
 * A kiosk's one-time enrolment code: ten symbols of the invitation alphabet (no 0/O, 1/I/L), shown as
 * `K7M2Q-XH9RT`. About 49 bits: enough for a code that lives minutes, serves once and whose
 * redemption is rate-limited.
 */
export const ENROLMENT_CODE_LENGTH = 10;

/** How long a code shown on the official's screen stays usable. */
export const ENROLMENT_CODE_TTL_MS = 15 * 60_000;

export function newEnrolmentCode(): string {
  const limit = 256 - (256 % CODE_ALPHABET.length);
  const symbols: string[] = [];
  while (symbols.length < ENROLMENT_CODE_LENGTH) {
    for (const byte of randomBytes(32)) {
      if (byte < limit && symbols.length < ENROLMENT_CODE_LENGTH) symbols.push(CODE_ALPHABET[byte % CODE_ALPHABET.length]);
    }
  }
  return `${symbols.slice(0, 5).join('')}-${symbols.slice(5).join('')}`;
}

/** Upper case without spaces or dashes; null when it cannot be a code. */
export function normalizeEnrolmentCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== ENROLMENT_CODE_LENGTH) return null;
  for (const c of code) if (!CODE_ALPHABET.includes(c)) return null;
  return code;
}

export function hashEnrolmentCode(canonical: string): string {
  return createHash('sha256').update(`kiosk-enrolment:${canonical}`).digest('hex');
}
