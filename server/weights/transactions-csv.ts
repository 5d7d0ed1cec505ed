import { capIssues, lineIssue, readCsvTable } from '../csv/csv-table';
import type { FieldIssue } from '../errors/app-error';

/** Transactions handled by each service point in each period (dates inclusive, Vietnam time). */
export const TRANSACTION_COLUMNS = ['service_point_code', 'period_start', 'period_end', 'transactions'] as const;

export interface TransactionCountInput {
  servicePointCode: string;
  periodStart: string;
  periodEnd: string;
  transactions: number;
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Checks a transactions file: known service points of the wave's geography, real dates with the end not
 * before the start, positive whole counts, and no two periods of one point overlapping.
 */
export function parseTransactionsCsv(text: string, isServicePoint: (code: string) => boolean): { counts: TransactionCountInput[]; issues: FieldIssue[] } {
  const { rows, issues } = readCsvTable(text, TRANSACTION_COLUMNS);
  const counts: (TransactionCountInput & { line: number })[] = [];
  for (const row of rows) {
    const before = issues.length;
    const servicePointCode = row.cell('service_point_code').toUpperCase();
    if (!isServicePoint(servicePointCode)) {
      issues.push(lineIssue(row.line, 'service_point_code', 'not_a_choice', `không có điểm phục vụ "${servicePointCode}" trong danh mục của đợt khảo sát`, `no service point "${servicePointCode}" in the wave's geography`));
    }
    const periodStart = row.cell('period_start');
    const periodEnd = row.cell('period_end');
    for (const [column, value] of [['period_start', periodStart], ['period_end', periodEnd]] as const) {
      if (!isDate(value)) issues.push(lineIssue(row.line, column, 'format', `ngày "${value}" phải có dạng YYYY-MM-DD`, `date "${value}" must be YYYY-MM-DD`));
    }
    if (isDate(periodStart) && isDate(periodEnd) && periodEnd < periodStart) {
      issues.push(lineIssue(row.line, 'period_end', 'order', 'ngày kết thúc trước ngày bắt đầu', 'the period ends before it starts'));
    }
    const text = row.cell('transactions');
    if (!/^\d{1,9}$/.test(text) || Number(text) === 0) {
      issues.push(lineIssue(row.line, 'transactions', 'positive_integer', `số giao dịch "${text}" phải là số nguyên dương`, `transactions "${text}" must be a positive whole number`));
    }
    if (issues.length === before) counts.push({ line: row.line, servicePointCode, periodStart, periodEnd, transactions: Number(text) });
  }
  if (issues.length === 0) {
    const sorted = [...counts].sort((a, b) => a.servicePointCode.localeCompare(b.servicePointCode) || a.periodStart.localeCompare(b.periodStart));
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1], sorted[i]];
      if (a.servicePointCode === b.servicePointCode && b.periodStart <= a.periodEnd) {
        issues.push(lineIssue(b.line, 'period_start', 'overlap', `kỳ này trùng với kỳ ở dòng ${a.line} của cùng điểm phục vụ`, `this period overlaps the one on line ${a.line} of the same point`));
      }
    }
  }
  return { counts: issues.length ? [] : counts.map(({ line: _line, ...c }) => c), issues: capIssues(issues) };
}
