import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { foldVietnamese, VIETNAMESE_PASSWORD_WORDS } from './vietnamese-words';

/**
 * How guessable a new password is, by zxcvbn-ts (Dropbox's estimator, maintained as TypeScript): its
 * common-password, name and word lists, keyboard patterns, repeats, sequences and dates, plus the
 * Vietnamese words of {@link VIETNAMESE_PASSWORD_WORDS}. A password with diacritics is judged as typed and
 * with its diacritics folded away (`mậtkhẩu2024` is `matkhau2024`), and the weaker verdict stands.
 */
let estimator: ZxcvbnFactory | null = null;

/**
 * Built on the first password judged, not at start: loading and ranking the word lists takes ~0.5 s of CPU
 * that a server start (or a CLI command) that never sees a new password need not pay.
 */
function zxcvbn(): ZxcvbnFactory {
  if (!estimator) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    const english = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
    /* eslint-enable @typescript-eslint/no-require-imports */
    estimator = new Factory({
      dictionary: { ...common.dictionary, ...english.dictionary, vietnamese: [...VIETNAMESE_PASSWORD_WORDS] },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
  }
  return estimator;
}

/** zxcvbn score 0–4; 3 means "safely unguessable: moderate protection from an offline slow-hash attack" (~10^8 guesses). */
export const MIN_PASSWORD_SCORE = 3;

export interface PasswordStrength {
  score: 0 | 1 | 2 | 3 | 4;
  /** log10 of the estimated guesses. */
  guessesLog10: number;
}

/** The weaker estimate of the password as typed and folded; `context` (username, name) counts as known to the attacker. */
export function passwordStrength(password: string, context: readonly string[] = []): PasswordStrength {
  const inputs = [...context, ...context.map(foldVietnamese), 'sipas', 'khảo sát', 'khao sat'];
  const candidates = new Set([password, foldVietnamese(password), foldVietnamese(password).replace(/\s+/g, '')]);
  let weakest: PasswordStrength | null = null;
  for (const candidate of candidates) {
    const r = zxcvbn().check(candidate, inputs);
    if (!weakest || r.guessesLog10 < weakest.guessesLog10) weakest = { score: r.score, guessesLog10: r.guessesLog10 };
  }
  return weakest!;
}
