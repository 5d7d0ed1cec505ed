import { createHash } from 'node:crypto';
import { CODE_ALPHABET, newTypedCode, normalizeTypedCode } from '../common/typed-code';

export { CODE_ALPHABET };

/** 31 symbols × 15 characters ≈ 74 bits, far beyond guessing however many attempts are made. */
export const CODE_LENGTH = 15;

/** A fresh random code, shown as three groups of five: `K7M2Q-XH9RT-4WPZC`. */
export function newInvitationCode(): string {
  return newTypedCode(CODE_LENGTH);
}

/**
 * The canonical form of a typed code: upper case, without spaces or dashes. Returns null when it cannot
 * be a code at all (wrong length or a symbol outside the alphabet).
 */
export function normalizeInvitationCode(typed: string): string | null {
  return normalizeTypedCode(typed, CODE_LENGTH);
}

/** What is stored: sha256 of the canonical code. The code itself is only ever printed. */
export function hashInvitationCode(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}
