import type { FieldIssue } from '../errors/app-error';
import { CsvSyntaxError, parseCsv } from './csv-records';

/** One data row of an uploaded CSV table: its physical line and its cells by column name (trimmed). */
export interface CsvRow<C extends string> {
  line: number;
  cell(column: C): string;
}

/** A problem with one cell (or a whole line) of an uploaded file, named by line so people can fix it. */
export function lineIssue(line: number, column: string | null, rule: string, vi: string, en: string): FieldIssue {
  const where = column ? { vi: `Dòng ${line}, cột ${column}`, en: `Line ${line}, column ${column}` } : { vi: `Dòng ${line}`, en: `Line ${line}` };
  return {
    field: column ? `line.${line}.${column}` : `line.${line}`,
    rule,
    message: `${where.vi}: ${vi}`,
    messageEn: `${where.en}: ${en}`,
  };
}

/** Uploads list at most this many problems: past it the file is plainly the wrong one. */
export const MAX_LISTED_ISSUES = 100;

/** Keeps the first {@link MAX_LISTED_ISSUES} problems and says how many more there were. */
export function capIssues(issues: FieldIssue[]): FieldIssue[] {
  if (issues.length <= MAX_LISTED_ISSUES) return issues;
  const more = issues.length - MAX_LISTED_ISSUES;
  return [...issues.slice(0, MAX_LISTED_ISSUES), {
    field: 'file', rule: 'more_issues',
    message: `… và ${more} lỗi khác`, messageEn: `… and ${more} more problems`,
  }];
}

/**
 * Reads an uploaded CSV text (RFC 4180, UTF-8, optional BOM) whose header names `columns` (in any order,
 * extra columns ignored). Returns its data rows, or the problems that make it unreadable: a syntax error
 * or a missing column, each named by line.
 */
export function readCsvTable<C extends string>(text: string, columns: readonly C[]): { rows: CsvRow<C>[]; issues: FieldIssue[] } {
  let records;
  try {
    records = parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return { rows: [], issues: [lineIssue(err.line, null, 'csv_syntax', err.vi, err.en)] };
  }
  if (records.length === 0) {
    return { rows: [], issues: [{ field: 'file', rule: 'empty', message: 'Tệp trống', messageEn: 'The file is empty' }] };
  }
  const header = records[0].fields.map((f) => f.trim().toLowerCase());
  const at = new Map(columns.map((c) => [c, header.indexOf(c)]));
  const missing = columns.filter((c) => at.get(c)! < 0);
  if (missing.length) {
    return {
      rows: [],
      issues: missing.map((c) => lineIssue(records[0].line, c, 'missing_column',
        `thiếu cột bắt buộc (cần: ${columns.join(', ')})`, `required column is missing (expected: ${columns.join(', ')})`)),
    };
  }
  const rows = records.slice(1).map(({ fields, line }) => ({ line, cell: (column: C) => (fields[at.get(column)!] ?? '').trim() }));
  if (rows.length === 0) {
    return { rows, issues: [{ field: 'file', rule: 'empty', message: 'Tệp chỉ có dòng tiêu đề, không có dữ liệu', messageEn: 'The file has a header but no data' }] };
  }
  return { rows, issues: [] };
}
