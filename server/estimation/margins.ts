import type { CsvRecord } from '../csv/csv-records';
import { InputError } from './input-error';
import type { MarginTotal } from './types';

const COLUMNS = ['margin', 'province_code', 'level', 'total'] as const;

/**
 * Validates a margins file (`margin, province_code, level, total`; METHOD.md §6). Margin variables must be
 * among `variables` (the microdata's categorical columns); every total is a positive number, given once.
 */
export function parseMargins(
  records: readonly CsvRecord[],
  file: string,
  variables: ReadonlySet<string>,
  isKnownProvince: (code: string) => boolean,
): MarginTotal[] {
  if (records.length === 0) throw new InputError({ file }, 'tệp trống', 'the file is empty');
  const header = records[0].fields.map((f) => f.trim());
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)]));
  for (const column of COLUMNS) {
    if (at[column] < 0) throw new InputError({ file, line: records[0].line, column }, 'thiếu cột bắt buộc', 'required column is missing');
  }
  const seen = new Set<string>();
  return records.slice(1).map(({ fields, line }) => {
    const get = (column: (typeof COLUMNS)[number]) => (fields[at[column]] ?? '').trim();
    const variable = get('margin');
    if (!variables.has(variable)) {
      throw new InputError(
        { file, line, column: 'margin' },
        `biên "${variable}" không có trong dữ liệu (cần một trong ${[...variables].join(', ')})`,
        `margin "${variable}" is not a microdata column (expected one of ${[...variables].join(', ')})`,
      );
    }
    const province = get('province_code');
    if (!isKnownProvince(province)) {
      throw new InputError({ file, line, column: 'province_code' }, `mã tỉnh "${province}" không hợp lệ`, `unknown province code "${province}"`);
    }
    const level = get('level');
    const key = `${variable}\u0000${province}\u0000${level}`;
    if (seen.has(key)) {
      throw new InputError({ file, line }, `tổng biên ${variable}=${level} của tỉnh ${province} bị lặp`, `margin ${variable}=${level} of province ${province} is given twice`);
    }
    seen.add(key);
    const text = get('total');
    const total = Number(text);
    if (text === '' || !Number.isFinite(total) || total <= 0) {
      throw new InputError({ file, line, column: 'total' }, `tổng không hợp lệ "${text}"`, `invalid total "${text}"`);
    }
    return { variable, province, level, total };
  });
}
