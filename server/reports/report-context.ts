import type { ReportCanvas } from './report-canvas';
import type { ReportData } from './report-data';
import type { ReportSummary } from './report-summary';

/** What every section of the report draws from. */
export interface ReportContext {
  canvas: ReportCanvas;
  data: ReportData;
  summary: ReportSummary;
}

/** Wave names as printed: "SIPAS 2023 — dữ liệu mô phỏng (2023)". */
export function waveName(wave: { title_vi: string; year: number }): string {
  return wave.title_vi.includes(String(wave.year)) ? wave.title_vi : `${wave.title_vi} (${wave.year})`;
}

export const SCHEME_NAMES: Record<string, string> = {
  design: 'trọng số thiết kế',
  design_fpc: 'trọng số thiết kế, có hiệu chỉnh tổng thể hữu hạn',
  raked: 'trọng số đã hiệu chỉnh (raking) theo dân số',
  design_jkn: 'trọng số thiết kế, sai số chuẩn jackknife',
  raked_jkn: 'trọng số đã hiệu chỉnh (raking) theo dân số, sai số chuẩn jackknife (hiệu chỉnh lại trong từng bản sao)',
};

export const GEOGRAPHY_NAMES: Record<string, string> = {
  'vn-63': '63 tỉnh, thành phố (trước 12/6/2025)',
  'vn-34': '34 tỉnh, thành phố (từ 12/6/2025)',
};
