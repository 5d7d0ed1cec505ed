import writeXlsxFile, { type Cell, type Sheet } from 'write-excel-file/node';
import type { EstimateRow } from '../estimation/types';
import { SYNTHETIC_NOTICE } from '../reports/report-canvas';

/** One column of an estimates sheet: the §6 field it shows, its Vietnamese header and Excel format. */
export interface XlsxColumn { field: keyof EstimateRow | 'domain_name' | 'indicator_name'; header: string; format?: string; width: number }

export const XLSX_COLUMNS: readonly XlsxColumn[] = [
  { field: 'scheme', header: 'Phương án trọng số', width: 14 },
  { field: 'domain', header: 'Mã miền', width: 12 },
  { field: 'domain_name', header: 'Tên miền', width: 26 },
  { field: 'indicator', header: 'Mã chỉ tiêu', width: 24 },
  { field: 'indicator_name', header: 'Chỉ tiêu', width: 44 },
  { field: 'n', header: 'Số người trả lời (n)', format: '#,##0', width: 12 },
  { field: 'n_psu', header: 'Số PSU', format: '#,##0', width: 9 },
  { field: 'df', header: 'Bậc tự do', format: '#,##0', width: 9 },
  { field: 'sum_w', header: 'Tổng trọng số', format: '#,##0', width: 14 },
  { field: 'p_unweighted', header: 'Tỷ lệ không trọng số', format: '0.00%', width: 11 },
  { field: 'p', header: 'Tỷ lệ hài lòng (p)', format: '0.00%', width: 11 },
  { field: 'se', header: 'Sai số chuẩn', format: '0.0000', width: 10 },
  { field: 'ci_xlogit_lo', header: 'KTC 95% (logit) – cận dưới', format: '0.00%', width: 12 },
  { field: 'ci_xlogit_hi', header: 'KTC 95% (logit) – cận trên', format: '0.00%', width: 12 },
  { field: 'ci_kg_lo', header: 'KTC 95% Korn–Graubard – cận dưới', format: '0.00%', width: 13 },
  { field: 'ci_kg_hi', header: 'KTC 95% Korn–Graubard – cận trên', format: '0.00%', width: 13 },
  { field: 'deff', header: 'Hiệu ứng thiết kế (deff)', format: '0.00', width: 10 },
  { field: 'kish_deff', header: 'Hệ số Kish', format: '0.00', width: 10 },
  { field: 'kish_neff', header: 'Cỡ mẫu hiệu dụng (Kish)', format: '#,##0', width: 12 },
  { field: 'flags', header: 'Cờ độ tin cậy', width: 22 },
];

/** Sheet names by domain type, in the workbook's order; other `--by` columns follow under their own name. */
export const SHEET_NAMES: Record<string, string> = {
  national: 'Toàn quốc',
  national_mean_of_provinces: 'Trung bình các tỉnh',
  province: 'Tỉnh, thành phố',
  region: 'Vùng',
  sex: 'Giới tính',
  age_group: 'Nhóm tuổi',
};

export interface WorkbookInput {
  rows: readonly EstimateRow[];
  /** Lines of the first sheet: what the workbook is and where it came from. */
  about: [string, string][];
  synthetic: boolean;
  /** Said at the top of every sheet when the figures are not from a probability sample (estimation-runs/run-kind.ts). */
  sampleNotice: string | null;
  domainName: (domainType: string, domain: string) => string;
  indicatorName: (indicator: string) => string;
}

const bold = (value: string): Cell => ({ value, fontWeight: 'bold' });

function banner(input: Pick<WorkbookInput, 'synthetic' | 'sampleNotice'>): Cell[][] {
  return [input.synthetic ? SYNTHETIC_NOTICE : null, input.sampleNotice]
    .filter((text): text is string => text !== null)
    .map((value) => [{ value, fontWeight: 'bold', textColor: '#ffffff', backgroundColor: '#b3261e' }]);
}

function estimateSheet(name: string, rows: readonly EstimateRow[], input: WorkbookInput): Sheet<Buffer> {
  const header = XLSX_COLUMNS.map((c) => ({ value: c.header, fontWeight: 'bold' as const, backgroundColor: '#e8edf7', wrap: true }));
  const body = rows.map((row): Cell[] => XLSX_COLUMNS.map((c): Cell => {
    if (c.field === 'domain_name') return input.domainName(row.domain_type, row.domain);
    if (c.field === 'indicator_name') return input.indicatorName(row.indicator);
    if (c.field === 'flags') return row.flags.join(', ') || null;
    const value = row[c.field];
    return typeof value === 'number' ? { value, type: Number, format: c.format } : value === null ? null : String(value);
  }));
  const top = banner(input);
  return { sheet: name, data: [...top, header, ...body], columns: XLSX_COLUMNS.map((c) => ({ width: c.width })), stickyRowsCount: top.length + 1 };
}

/**
 * Every estimate table of a run as a workbook: an "about" sheet, then one sheet per kind of domain
 * (national, mean of provinces, provinces, regions, sex, age group, …) with the §6 fields as numbers.
 */
export async function estimatesWorkbook(input: WorkbookInput): Promise<Buffer> {
  const types = [...new Set(input.rows.map((r) => r.domain_type))]
    .sort((a, b) => (a in SHEET_NAMES ? Object.keys(SHEET_NAMES).indexOf(a) : 99) - (b in SHEET_NAMES ? Object.keys(SHEET_NAMES).indexOf(b) : 99));
  const about: Sheet<Buffer> = {
    sheet: 'Thông tin',
    data: [...banner(input), ...input.about.map(([k, v]) => [bold(k), v])],
    columns: [{ width: 34 }, { width: 90 }],
  };
  const sheets = [about, ...types.map((t) => estimateSheet((SHEET_NAMES[t] ?? t).slice(0, 31), input.rows.filter((r) => r.domain_type === t), input))];
  return writeXlsxFile(sheets).toBuffer();
}
