import type { FieldIssue } from '../errors/app-error';

/**
 * Deeper than any body this API takes (a questionnaire's answers nest three levels), far shallower than
 * the recursion that overflows `JSON.stringify` (some thousands of levels).
 */
export const MAX_JSON_DEPTH = 32;

/** Text PostgreSQL refuses (NUL) or silently alters (a lone UTF-16 surrogate, stored as U+FFFD). */
const SUSPECT = /[\0\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const ISSUES = {
  nul_character: ['Văn bản chứa ký tự NUL (\\u0000), không được phép', 'The text holds a NUL character (\\u0000), which is not allowed'],
  lone_surrogate: ['Văn bản chứa ký tự Unicode không hợp lệ (nửa cặp thay thế đứng một mình)', 'The text holds an invalid Unicode character (a lone surrogate)'],
  too_deep: [`Dữ liệu lồng nhau quá sâu (tối đa ${MAX_JSON_DEPTH} cấp)`, `The data is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`],
  percent_encoding: ['Mã hóa phần trăm (%) không hợp lệ hoặc không phải UTF-8', 'Invalid percent-encoding, or not UTF-8'],
} as const;

export type HostileRule = keyof typeof ISSUES;

export function hostileIssue(field: string, rule: HostileRule): FieldIssue {
  const [message, messageEn] = ISSUES[rule];
  return { field, rule, message, messageEn };
}

/** Why `text` cannot be stored as it is, or null when it can. */
export function textRule(text: string): 'nul_character' | 'lone_surrogate' | null {
  if (!SUSPECT.test(text)) return null;
  if (text.includes('\0')) return 'nul_character';
  return LONE_SURROGATE.test(text) ? 'lone_surrogate' : null;
}

/** A field name fit to be shown back: the offending characters written as escapes. */
export function printable(name: string): string {
  return textRule(name) === null ? name : name.replace(/[\0\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface Found { keys: string[]; rule: HostileRule }

/** Recursion is safe here: it never goes deeper than MAX_JSON_DEPTH, however deep the value. */
function walk(v: unknown, depth: number): Found | null {
  if (typeof v === 'string') {
    const rule = textRule(v);
    return rule ? { keys: [], rule } : null;
  }
  if (typeof v !== 'object' || v === null) return null;
  if (depth >= MAX_JSON_DEPTH) return { keys: [], rule: 'too_deep' };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = walk(v[i], depth + 1);
      if (found) return (found.keys.unshift(String(i)), found);
    }
    return null;
  }
  for (const key in v) {
    const keyRule = textRule(key);
    if (keyRule) return { keys: [key], rule: keyRule };
    const found = walk((v as Record<string, unknown>)[key], depth + 1);
    if (found) return (found.keys.unshift(key), found);
  }
  return null;
}

/**
 * The first place in a parsed JSON value that must not go further: a string or key PostgreSQL would
 * refuse or alter, or nesting deeper than {@link MAX_JSON_DEPTH} (which `JSON.stringify` cannot follow
 * past some thousands of levels). Fields are named from `root`: `'body'` gives `body.displayName`; `''`
 * names the value's own keys as they are (`answers.comment`), the value itself then being `body`.
 */
export function findHostileJson(value: unknown, root: string): FieldIssue | null {
  const found = walk(value, 0);
  if (!found) return null;
  const field = [root, ...found.keys.map(printable)].filter(Boolean).join('.');
  return hostileIssue(field || 'body', found.rule);
}
