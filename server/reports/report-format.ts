/**
 * How the report prints numbers, Vietnamese style: decimal comma, dot between thousands. Tests format the
 * run's figures with these same functions to find them in the PDF's text.
 */

function fixed(value: number, digits: number): string {
  const [whole, fraction] = Math.abs(value).toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 && Number(Math.abs(value).toFixed(digits)) !== 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** A proportion as a percentage: 0.826612 → "82,66%"; undefined → "–". */
export function percent(p: number | null, digits = 2): string {
  return p === null || !Number.isFinite(p) ? '–' : `${fixed(p * 100, digits)}%`;
}

/** A proportion in percentage points without the sign: 0.826612 → "82,66". */
export function points(p: number | null, digits = 2): string {
  return p === null || !Number.isFinite(p) ? '–' : fixed(p * 100, digits);
}

/** A difference in percentage points with its sign: 0.0125 → "+1,25". */
export function signedPoints(diff: number | null, digits = 2): string {
  if (diff === null || !Number.isFinite(diff)) return '–';
  const text = fixed(diff * 100, digits);
  return text.startsWith('-') || Number(text.replace(',', '.')) === 0 ? text : `+${text}`;
}

/** A 95% interval in points: "81,20–84,02". */
export function interval(lo: number | null, hi: number | null, digits = 2): string {
  return lo === null || hi === null ? '–' : `${points(lo, digits)}–${points(hi, digits)}`;
}

/** A count: 39700 → "39.700". */
export function count(n: number | null): string {
  return n === null || !Number.isFinite(n) ? '–' : fixed(Math.round(n), 0);
}

/** A plain number with `digits` decimals: 1.8432 → "1,84". */
export function decimal(x: number | null, digits = 2): string {
  return x === null || !Number.isFinite(x) ? '–' : fixed(x, digits);
}

/** A probability for a test: "0,012", or "< 0,001". */
export function pValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0,001' : fixed(p, 3);
}

/** A test's result as a clause: "p = 0,012" or "p < 0,001". */
export function pClause(p: number | null): string {
  const text = pValue(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

/** A date as dd/mm/yyyy in Vietnam's time zone. */
export function dateVi(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}
