import type { Lang } from './i18n';

const formats = new Map<string, Intl.NumberFormat>();

function format(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f;
}

/** A proportion as a percentage, `82,66%` in Vietnamese and `82.66%` in English; an em dash when undefined. */
export function percent(p: number | null | undefined, lang: Lang, digits = 2): string {
  return p === null || p === undefined || !Number.isFinite(p) ? '—' : `${format(lang, digits).format(p * 100)}%`;
}

/** A difference of proportions in percentage points, signed: `+1,25 điểm %`. */
export function points(d: number | null | undefined, lang: Lang, digits = 2): string {
  if (d === null || d === undefined || !Number.isFinite(d)) return '—';
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  return `${sign}${format(lang, digits).format(Math.abs(d) * 100)} ${lang === 'vi' ? 'điểm %' : 'pts'}`;
}

export function decimal(x: number | null | undefined, lang: Lang, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : format(lang, digits).format(x);
}

export function integer(x: number | null | undefined, lang: Lang): string {
  return x === null || x === undefined ? '—' : format(lang, 0).format(x);
}

export function dateTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
