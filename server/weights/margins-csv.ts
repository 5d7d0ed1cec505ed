import { capIssues, lineIssue, readCsvTable } from '../csv/csv-table';
import type { FieldIssue } from '../errors/app-error';
import { AGE_GROUP_LEVELS, SEX_LEVELS } from '../estimation/microdata';
import type { MarginTotal } from '../estimation/types';

/** The margins file of METHOD.md §6: one population total per province × margin level. */
export const MARGIN_COLUMNS = ['margin', 'province_code', 'level', 'total'] as const;

export const MARGIN_LEVELS: Record<'sex' | 'age_group', readonly string[]> = { sex: SEX_LEVELS, age_group: AGE_GROUP_LEVELS };

export type MarginVariable = keyof typeof MARGIN_LEVELS;

export interface WaveMarginInput extends MarginTotal { variable: MarginVariable }

/**
 * Checks a margins file against the wave's provinces and lists every bad row by line; then checks each
 * province: every level of each margin it names is given, and its sex and age-group totals add up to the
 * same population (raking cannot reach two different totals).
 */
export function parseMarginsCsv(text: string, isProvince: (code: string) => boolean): { margins: WaveMarginInput[]; issues: FieldIssue[] } {
  const { rows, issues } = readCsvTable(text, MARGIN_COLUMNS);
  const margins: (WaveMarginInput & { line: number })[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const before = issues.length;
    const variable = row.cell('margin') as MarginVariable;
    const levels = MARGIN_LEVELS[variable];
    if (!levels) {
      issues.push(lineIssue(row.line, 'margin', 'not_a_choice', `biên "${row.cell('margin')}" không hợp lệ (sex hoặc age_group)`, `margin "${row.cell('margin')}" is not sex or age_group`));
    }
    const province = row.cell('province_code');
    if (!isProvince(province)) {
      issues.push(lineIssue(row.line, 'province_code', 'not_a_choice', `mã tỉnh "${province}" không có trong danh mục của đợt khảo sát`, `province code "${province}" is not in the wave's geography`));
    }
    const level = row.cell('level');
    if (levels && !levels.includes(level)) {
      issues.push(lineIssue(row.line, 'level', 'not_a_choice', `mức "${level}" không hợp lệ cho ${variable} (${levels.join(', ')})`, `level "${level}" is not one of ${levels.join(', ')}`));
    }
    const key = `${variable}|${province}|${level}`;
    if (seen.has(key)) {
      issues.push(lineIssue(row.line, null, 'duplicate', `tổng ${variable}=${level} của tỉnh ${province} đã có ở dòng ${seen.get(key)}`, `${variable}=${level} of province ${province} is already on line ${seen.get(key)}`));
    } else {
      seen.set(key, row.line);
    }
    const totalText = row.cell('total');
    const total = Number(totalText);
    if (totalText === '' || !Number.isFinite(total) || total <= 0) {
      issues.push(lineIssue(row.line, 'total', 'positive_number', `tổng "${totalText}" phải là số dương`, `total "${totalText}" must be a positive number`));
    }
    if (issues.length === before) margins.push({ line: row.line, variable, province, level, total });
  }
  if (issues.length === 0) issues.push(...provinceIssues(margins));
  return { margins: issues.length ? [] : margins.map(({ line: _line, ...m }) => m), issues: capIssues(issues) };
}

function provinceIssues(margins: readonly (WaveMarginInput & { line: number })[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byProvince = new Map<string, (WaveMarginInput & { line: number })[]>();
  for (const m of margins) byProvince.set(m.province, [...(byProvince.get(m.province) ?? []), m]);
  for (const [province, rows] of byProvince) {
    const firstLine = Math.min(...rows.map((r) => r.line));
    const sums = new Map<MarginVariable, number>();
    for (const variable of Object.keys(MARGIN_LEVELS) as MarginVariable[]) {
      const given = rows.filter((r) => r.variable === variable);
      if (given.length === 0) continue;
      const missing = MARGIN_LEVELS[variable].filter((level) => !given.some((r) => r.level === level));
      if (missing.length) {
        issues.push(lineIssue(firstLine, null, 'missing_level',
          `tỉnh ${province} thiếu tổng ${variable} cho mức ${missing.join(', ')}`, `province ${province} lacks ${variable} totals for ${missing.join(', ')}`));
      }
      sums.set(variable, given.reduce((s, r) => s + r.total, 0));
    }
    const [sex, age] = [sums.get('sex'), sums.get('age_group')];
    if (sex !== undefined && age !== undefined && Math.abs(sex - age) > 1e-9 * Math.max(sex, age)) {
      issues.push(lineIssue(firstLine, null, 'inconsistent_totals',
        `tỉnh ${province}: tổng theo giới tính (${sex}) khác tổng theo nhóm tuổi (${age})`,
        `province ${province}: the sex totals add up to ${sex} but the age-group totals to ${age}`));
    }
  }
  return issues;
}
