import { randomBytes } from 'node:crypto';

/**
 * Digits and capitals without the look-alikes 0/O, 1/I/L: what a person can read off paper or a screen
 * and type. Invitation codes and kiosk enrolment codes are both written in it.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const GROUP = 5;

/** `length` random symbols of the alphabet, shown in groups of five joined by dashes: `K7M2Q-XH9RT`. */
export function newTypedCode(length: number): string {
  const symbols: string[] = [];
  // Rejection sampling keeps every symbol equally likely: bytes ≥ 248 (= 8·31) are drawn again.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (symbols.length < length) {
    for (const byte of randomBytes(32)) {
      if (byte < limit && symbols.length < length) symbols.push(CODE_ALPHABET[byte % CODE_ALPHABET.length]);
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < length; i += GROUP) groups.push(symbols.slice(i, i + GROUP).join(''));
  return groups.join('-');
}

/**
 * The canonical form of a typed code: upper case, without spaces or dashes. Returns null when it cannot
 * be a code of `length` symbols at all (wrong length or a symbol outside the alphabet).
 */
export function normalizeTypedCode(typed: string, length: number): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== length) return null;
  for (const c of code) if (!CODE_ALPHABET.includes(c)) return null;
  return code;
}
