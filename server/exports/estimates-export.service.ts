import type { Kysely } from 'kysely';
import { toCsv } from '../cli/output';
import type { Database } from '../db/database';
import { NATIONAL } from '../estimation/domains';
import { NATIONAL_MEAN_OF_PROVINCES } from '../estimation/national-mean';
import { ESTIMATE_COLUMNS, type EstimateRow } from '../estimation/types';
import { isNonProbability, runNotice } from '../estimation-runs/run-kind';
import { listResults, type RunRow } from '../estimation-runs/runs.repository';
import { reportableRun } from '../reports/report.service';
import { GEOGRAPHY_NAMES, SCHEME_NAMES } from '../reports/report-context';
import { indicatorLabel } from '../reports/report-summary';
import { asEstimateRow, reportProvinces } from '../reports/report.repository';
import { parseIndexDefinition } from '../surveys/index-definition.schema';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { findSurveyVersion } from '../surveys/surveys.repository';
import { findWave } from '../waves/waves.repository';
import { estimatesWorkbook } from './estimates-xlsx';

export interface EstimatesDeps { db: Kysely<Database>; questionnaires: QuestionnaireCache }

export interface EstimatesFile { fileName: string; contentType: string; body: Buffer; rowCount: number; synthetic: boolean; nonProbability: boolean }

const AGE_NAMES: Record<string, string> = { '18-29': '18–29 tuổi', '30-39': '30–39 tuổi', '40-49': '40–49 tuổi', '50-59': '50–59 tuổi', '60+': 'Từ 60 tuổi' };
const SEX_NAMES: Record<string, string> = { F: 'Nữ', M: 'Nam' };

async function load(deps: EstimatesDeps, runId: string, provinces: 'all' | readonly string[]) {
  const run = await reportableRun(deps.db, runId);
  const wave = (await findWave(deps.db, run.wave_id))!;
  const results = await listResults(deps.db, run.id, provinces === 'all' ? {} : { provinces });
  return { run, wave, rows: results.map(asEstimateRow) };
}

const baseName = (wave: { id: string; is_synthetic: boolean }, run: RunRow) =>
  `sipas-${wave.id}-${run.id.slice(0, 8)}-estimates${run.not_sampled ? '-ngoai-mau' : ''}${isNonProbability(run) ? '-phi-xac-suat' : ''}${wave.is_synthetic ? '-du-lieu-mo-phong' : ''}`;

/** The estimates CSV of METHOD.md §6: exactly its columns, in its order; province rows within `provinces`. */
export async function estimatesCsv(deps: EstimatesDeps, runId: string, provinces: 'all' | readonly string[]): Promise<EstimatesFile> {
  const { run, wave, rows } = await load(deps, runId, provinces);
  return {
    fileName: `${baseName(wave, run)}.csv`, contentType: 'text/csv; charset=utf-8',
    body: Buffer.from(toCsv(rows, ESTIMATE_COLUMNS)), rowCount: rows.length, synthetic: wave.is_synthetic, nonProbability: isNonProbability(run),
  };
}

/** Every estimate table of the run as an XLSX workbook (one formatted sheet per kind of domain). */
export async function estimatesXlsx(deps: EstimatesDeps, runId: string, provinces: 'all' | readonly string[]): Promise<EstimatesFile> {
  const { run, wave, rows } = await load(deps, runId, provinces);
  // Only the index block's labels are needed: no need to compile the whole questionnaire.
  const definition = parseIndexDefinition((await findSurveyVersion(deps.db, wave.survey_version_id))!.definition);
  const names = new Map((await reportProvinces(deps.db, run.geography_code)).map((p) => [p.code, p.name]));
  const domainName = (type: string, domain: string): string => {
    if (domain === NATIONAL || domain === NATIONAL_MEAN_OF_PROVINCES) return type === 'national' ? 'Cả nước' : 'Cả nước (trung bình các tỉnh)';
    if (type === 'province') return names.get(domain) ?? domain;
    if (type === 'sex') return SEX_NAMES[domain] ?? domain;
    if (type === 'age_group') return AGE_NAMES[domain] ?? domain;
    return domain;
  };
  const body = await estimatesWorkbook({
    rows: rows as EstimateRow[],
    synthetic: wave.is_synthetic,
    sampleNotice: runNotice(run)?.vi ?? null,
    domainName,
    indicatorName: (indicator) => indicatorLabel(definition, indicator),
    about: [
      ['Nội dung', 'Các bảng ước lượng của một lần ước lượng đã lưu (mỗi trang tính một loại miền)'],
      ['Đợt khảo sát', `${wave.title_vi} (mã ${wave.id}, năm ${wave.year})`],
      ['Đơn vị báo cáo', GEOGRAPHY_NAMES[run.geography_code] ?? run.geography_code],
      ['Lần ước lượng', run.id],
      ['Loại mẫu', runNotice(run)?.vi ?? 'Mẫu xác suất'],
      ['Phương án trọng số', run.schemes.map((s) => `${s}: ${SCHEME_NAMES[s] ?? s}`).join('; ')],
      ['Dấu vân tay dữ liệu đầu vào', run.input_fingerprint],
      ['Dấu vân tay tổng biên', run.margins_fingerprint ?? '–'],
      ['Phiên bản mã ước lượng', run.code_version],
      ['Phạm vi tỉnh', provinces === 'all' ? 'Tất cả' : `Chỉ ${provinces.map((p) => names.get(p) ?? p).join(', ')} (cùng số liệu cả nước)`],
      ['Cách đọc', 'Tỷ lệ và khoảng tin cậy là tỷ lệ (định dạng %); ô trống là giá trị không xác định. Cờ: small_n (n < 30), small_n_eff (n hiệu dụng < 30), wide_interval (KTC rộng hơn 20 điểm), interval_undefined.'],
    ],
  });
  return {
    fileName: `${baseName(wave, run)}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body, rowCount: rows.length, synthetic: wave.is_synthetic, nonProbability: isNonProbability(run),
  };
}
