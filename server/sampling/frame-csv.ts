import { capIssues, lineIssue, readCsvTable } from '../csv/csv-table';
import type { FieldIssue } from '../errors/app-error';

/** The columns of a sampling frame file, one commune a line. */
export const FRAME_COLUMNS = ['province_code', 'commune_code', 'commune_name', 'urban_rural', 'adult_population'] as const;

export type UrbanRural = 'urban' | 'rural';

export interface FrameUnitInput {
  line: number;
  provinceCode: string;
  communeCode: string;
  nameVi: string;
  urbanRural: UrbanRural;
  adultPopulation: number;
}

const URBAN_RURAL: Record<string, UrbanRural> = {
  urban: 'urban', rural: 'rural', 'thành thị': 'urban', 'nông thôn': 'rural', u: 'urban', r: 'rural',
};

export interface FrameContext {
  isProvince(code: string): boolean;
  /** The province a commune code already belongs to in the wave's geography, if any. */
  provinceOfKnownCommune(code: string): string | undefined;
}

/**
 * Checks a whole frame file and lists every bad row by line (province not of the wave's geography, bad or
 * repeated commune code, a commune registered under another province, empty name, urban/rural other than
 * urban|rural, adult population not a positive whole number). A frame with any problem stores nothing.
 */
export function parseFrameCsv(text: string, context: FrameContext): { units: FrameUnitInput[]; issues: FieldIssue[] } {
  const { rows, issues } = readCsvTable(text, FRAME_COLUMNS);
  const units: FrameUnitInput[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const before = issues.length;
    const provinceCode = row.cell('province_code');
    if (!context.isProvince(provinceCode)) {
      issues.push(lineIssue(row.line, 'province_code', 'not_a_choice',
        `mã tỉnh "${provinceCode}" không có trong danh mục của đợt khảo sát`, `province code "${provinceCode}" is not in the wave's geography`));
    }
    const communeCode = row.cell('commune_code');
    if (!/^\d{5}$/.test(communeCode)) {
      issues.push(lineIssue(row.line, 'commune_code', 'format', `mã xã "${communeCode}" phải gồm 5 chữ số`, `commune code "${communeCode}" must be 5 digits`));
    } else if (firstLineOf.has(communeCode)) {
      issues.push(lineIssue(row.line, 'commune_code', 'duplicate',
        `mã xã ${communeCode} đã có ở dòng ${firstLineOf.get(communeCode)}`, `commune ${communeCode} is already on line ${firstLineOf.get(communeCode)}`));
    } else {
      firstLineOf.set(communeCode, row.line);
      const registered = context.provinceOfKnownCommune(communeCode);
      if (registered !== undefined && registered !== provinceCode) {
        issues.push(lineIssue(row.line, 'commune_code', 'other_province',
          `mã xã ${communeCode} đã được đăng ký thuộc tỉnh ${registered}`, `commune ${communeCode} is registered in province ${registered}`));
      }
    }
    const nameVi = row.cell('commune_name');
    if (nameVi.length === 0 || nameVi.length > 200) {
      issues.push(lineIssue(row.line, 'commune_name', 'required', 'tên xã phải có từ 1 đến 200 ký tự', 'the commune name must have 1 to 200 characters'));
    }
    const urbanRural = URBAN_RURAL[row.cell('urban_rural').toLowerCase()];
    if (!urbanRural) {
      issues.push(lineIssue(row.line, 'urban_rural', 'not_a_choice',
        `"${row.cell('urban_rural')}" không hợp lệ (dùng urban hoặc rural)`, `"${row.cell('urban_rural')}" is not valid (use urban or rural)`));
    }
    const populationText = row.cell('adult_population');
    const adultPopulation = /^\d{1,9}$/.test(populationText) ? Number(populationText) : NaN;
    if (!(adultPopulation > 0)) {
      issues.push(lineIssue(row.line, 'adult_population', 'positive_integer',
        `dân số từ 18 tuổi "${populationText}" phải là số nguyên dương`, `adult population "${populationText}" must be a positive whole number`));
    }
    if (issues.length === before) units.push({ line: row.line, provinceCode, communeCode, nameVi, urbanRural, adultPopulation });
  }
  return { units: issues.length ? [] : units, issues: capIssues(issues) };
}
