import { createHash, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatNumber, toCsv } from '../cli/output';
import type { Database } from '../db/database';
import { ConflictError } from '../errors/app-error';
import { listMargins } from '../estimation-runs/runs.repository';
import { runNotice } from '../estimation-runs/run-kind';
import { fingerprintLine } from '../estimation-runs/wave-columns';
import { SYNTHETIC_NOTICE } from '../reports/report-canvas';
import { reportableRun, reportScheme } from '../reports/report.service';
import { headlineIndicator } from '../reports/report-summary';
import { runRows } from '../reports/report.repository';
import { streamCompleteResponses, type CompleteResponse } from '../responses/complete-responses.repository';
import { questionCatalogue } from '../surveys/question-catalogue';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { findWave } from '../waves/waves.repository';
import { answerVariables, codebookTable, designVariables, type CodebookVariable } from './codebook';
import { finalWeights } from './final-weights';
import { rScript, stataScript } from './import-scripts';

export interface MicrodataDeps { db: Kysely<Database>; questionnaires: QuestionnaireCache }

export interface MicrodataRequest {
  runId: string;
  /** The provinces (of the wave's own geography) whose rows are exported. */
  provinces: 'all' | readonly string[];
}

export interface MicrodataPackage {
  fileName: string;
  zip: Buffer;
  /** The files inside the zip, by name. */
  files: Record<string, string>;
  rowCount: number;
  synthetic: boolean;
  /** The figures are not from a probability sample (an `open` wave, or a household wave's not-sampled responses). */
  nonProbability: boolean;
}

/** Columns the microdata file carries from the design rather than from the questionnaire. */
const DESIGN_QUESTIONS = new Set(['province', 'commune', 'sex', 'age_group']);
const BOM = '\uFEFF';

/**
 * A run's wave as microdata: one row per response with stratum, PSU, design and final weights and every
 * coded answer (free text left out), a codebook (JSON and a table), the margins, and import scripts for R
 * and Stata. The responses must still be exactly the run's input, so the files reproduce its estimates.
 */
export async function exportMicrodata(deps: MicrodataDeps, request: MicrodataRequest): Promise<MicrodataPackage> {
  const run = await reportableRun(deps.db, request.runId);
  const wave = (await findWave(deps.db, run.wave_id))!;
  const { version, plan } = await deps.questionnaires.get(wave.survey_version_id);

  const responses: CompleteResponse[] = [];
  const hash = createHash('sha256');
  for await (const r of streamCompleteResponses(deps.db, wave.id, { sampled: !run.not_sampled })) {
    responses.push(r);
    hash.update(fingerprintLine(r));
  }
  if (hash.digest('hex') !== run.input_fingerprint) {
    throw new ConflictError(
      'Phiếu trả lời của đợt đã thay đổi sau lần ước lượng này; hãy chạy lần ước lượng mới rồi xuất lại',
      'The wave\'s responses changed after this run; start a new run and export again',
    );
  }
  const marginRows = await listMargins(deps.db, wave.id);
  const weights = finalWeights(
    responses.map((r) => ({ province: r.province_code, sex: r.answers.sex, ageGroup: r.answers.age_group, weight: r.base_weight ?? 1 })),
    marginRows.map((m) => ({ variable: m.variable, province: m.province_code, level: m.level, total: m.total })),
  );

  const catalogue = questionCatalogue(version.definition);
  const design = designVariables(weights !== null).map((v) => {
    const q = catalogue.find((c) => c.name === v.name);
    return q ? { ...v, values: q.values } : v;
  });
  const answers = answerVariables(catalogue, DESIGN_QUESTIONS, new Set(design.map((v) => v.name)));
  const variables: CodebookVariable[] = [...design, ...answers.variables];

  const visible = request.provinces === 'all' ? null : new Set(request.provinces);
  const exported = responses.map((r, i) => ({ r, i })).filter(({ r }) => !visible || visible.has(r.province_code));
  const number = respondentNumbers(exported.length);
  const rows: Record<string, string | number | null>[] = new Array(exported.length);
  exported.forEach(({ r, i }, k) => {
    const row: Record<string, string | number | null> = {
      respondent_id: number[k], year: wave.year, province_code: r.province_code, stratum: r.stratum ?? r.province_code,
      psu: r.psu ?? `id:${number[k]}`, weight: formatNumber(r.base_weight ?? 1),
      sex: typeof r.answers.sex === 'string' ? r.answers.sex : null,
      age_group: typeof r.answers.age_group === 'string' ? r.answers.age_group : null,
    };
    if (weights) row.weight_final = formatNumber(weights[i]);
    for (const v of answers.variables) row[v.name] = v.read!(r.answers);
    rows[number[k] - 1] = row;
  });

  const notice = wave.is_synthetic ? SYNTHETIC_NOTICE : null;
  const sampleNotice = runNotice(run);
  const scriptNotice = [notice, sampleNotice?.en].filter(Boolean).join('. ') || null;
  const scheme = reportScheme(run);
  const headline = headlineIndicator(plan.indexDefinition);
  const national = await runRows(deps.db, run.id, { domainTypes: ['national'], indicator: headline });
  const figure = (s: string) => {
    const row = national.find((r) => r.scheme === s);
    return row ? { p: row.p, se: row.se } : null;
  };
  const scriptContext = {
    title: `SIPAS ${wave.year} (${wave.id})`, runId: run.id, notice: scriptNotice, hasMargins: weights !== null, definition: plan.indexDefinition,
    expected: { indicator: headline, design: figure('design'), raked: figure('raked'), designJkn: figure('design_jkn'), rakedJkn: figure('raked_jkn') },
  };
  const margins = marginRows.filter((m) => !visible || visible.has(m.province_code))
    .map((m) => ({ margin: m.variable, province_code: m.province_code, level: m.level, total: m.total }));
  const files: Record<string, string> = {
    'README.txt': `${sampleNotice ? `${sampleNotice.vi.toUpperCase()}.\n${sampleNotice.en}.\n\n` : ''}${readme(wave, run.id, scheme, rows.length, request.provinces, notice)}`,
    'microdata.csv': toCsv(rows, variables.map((v) => v.name)),
    'margins.csv': toCsv(margins, ['margin', 'province_code', 'level', 'total']),
    'codebook.json': `${JSON.stringify({
      title: scriptContext.title, wave: wave.id, year: wave.year, geography: wave.geography_code, run: run.id,
      inputFingerprint: run.input_fingerprint, codeVersion: run.code_version, notice,
      sample: { probability: sampleNotice === null, notSampled: run.not_sampled, notice: sampleNotice },
      provinces: request.provinces, rows: rows.length,
      design: { strata: 'stratum', psu: 'psu', nested: true, weights: 'weight', finalWeights: weights ? 'weight_final' : null, lonelyPsu: 'adjust' },
      variables: variables.map(({ read: _read, ...v }) => v),
      excluded: answers.excluded,
    }, null, 2)}\n`,
    'codebook.csv': BOM + tableCsv(codebookTable(variables, answers.excluded)),
    'import.R': rScript(variables, scriptContext),
    'import.do': stataScript(variables, scriptContext),
  };
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const { strToU8, zipSync } = require('fflate') as typeof import('fflate'); // loaded with the first export, not at start
  const zip = Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6 }));
  const suffix = request.provinces === 'all' ? '' : `-${[...request.provinces].join('-')}`;
  const kind = `${run.not_sampled ? '-ngoai-mau' : ''}${sampleNotice ? '-phi-xac-suat' : ''}`;
  return {
    fileName: `sipas-${wave.id}-${run.id.slice(0, 8)}-microdata${kind}${suffix}.zip`, zip, files, rowCount: rows.length,
    synthetic: wave.is_synthetic, nonProbability: sampleNotice !== null,
  };
}

/**
 * A pseudonymous number for each exported response: 1..n in an order drawn afresh for each export, so
 * that neither the number nor the row order leads back to the response (whose id joins to its invitation
 * and commune) or to another export's numbers. Rows are written in number order.
 */
function respondentNumbers(count: number): number[] {
  const numbers = Array.from({ length: count }, (_, k) => k + 1);
  for (let k = count - 1; k > 0; k--) {
    const j = randomInt(k + 1);
    [numbers[k], numbers[j]] = [numbers[j], numbers[k]];
  }
  return numbers;
}

function tableCsv(rows: readonly string[][]): string {
  const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

function readme(wave: { id: string; year: number; title_vi: string }, runId: string, scheme: string, rows: number, provinces: 'all' | readonly string[], notice: string | null): string {
  return [
    ...(notice ? [`${notice.toUpperCase()} — các số liệu này là dữ liệu mô phỏng, không phải kết quả khảo sát thật.`, ''] : []),
    `Vi dữ liệu (microdata) SIPAS ${wave.year} — ${wave.title_vi} (đợt ${wave.id})`,
    `Lần ước lượng: ${runId} (báo cáo dùng phương án ${scheme})`,
    `Số dòng: ${rows}; tỉnh: ${provinces === 'all' ? 'tất cả' : provinces.join(', ')}`,
    '',
    'microdata.csv  một dòng cho mỗi phiếu: tầng, PSU, trọng số thiết kế (weight) và trọng số cuối (weight_final), mọi câu trả lời đã mã hóa',
    'codebook.json  từ điển biến (câu hỏi tiếng Việt và tiếng Anh, nhãn giá trị); codebook.csv cùng nội dung dạng bảng',
    'margins.csv    tổng dân số theo tỉnh × giới tính và tỉnh × nhóm tuổi dùng để hiệu chỉnh (raking)',
    'import.R       đọc dữ liệu, khai báo thiết kế survey::svydesign(ids=~psu, strata=~stratum, weights=~weight, nest=TRUE), hiệu chỉnh và tính lại chỉ số cả nước',
    'import.do      đọc dữ liệu vào Stata và khai báo svyset',
    '',
    'Câu trả lời tự do (ý kiến khác, tên thôn) không được xuất vì chưa được rà soát để loại thông tin cá nhân.',
    '',
  ].join('\n');
}
