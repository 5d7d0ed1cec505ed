import { createHash, randomBytes } from 'node:crypto';

/**
 * Digits and capitals without the look-alikes 0/O, 1/I/L: what a respondent can read off paper and type.
 * 31 symbols × 15 characters ≈ 74 bits, far beyond guessing however many attempts are made.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 15;
const GROUP = 5;

/** A fresh random code, shown as three groups of five: `K7M2Q-XH9RT-4WPZC`. */
export function newInvitationCode(): string {
  const symbols: string[] = [];
  // Rejection sampling keeps every symbol equally likely: bytes ≥ 248 (= 8·31) are drawn again.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (symbols.length < CODE_LENGTH) {
    for (const byte of randomBytes(32)) {
      if (byte < limit && symbols.length < CODE_LENGTH) symbols.push(CODE_ALPHABET[byte % CODE_ALPHABET.length]);
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < CODE_LENGTH; i += GROUP) groups.push(symbols.slice(i, i + GROUP).join(''));
  return groups.join('-');
}

/**
 * The canonical form of a typed code: upper case, without spaces or dashes. Returns null when it cannot
 * be a code at all (wrong length or a symbol outside the alphabet).
 */
export function normalizeInvitationCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const c of code) if (!CODE_ALPHABET.includes(c)) return null;
  return code;
}

/** What is stored: sha256 of the canonical code. The code itself is only ever printed. */
export function hashInvitationCode(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}
