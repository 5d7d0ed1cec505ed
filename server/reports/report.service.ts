import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { AppError, NotFoundError } from '../errors/app-error';
import type { Scheme } from '../estimation/types';
import { refuseNotSampled } from '../estimation-runs/run-kind';
import { findRun } from '../estimation-runs/runs.repository';
import { comparisonSchemes } from '../dashboard/run-choice';
import { runPerceptions, wavePerceptions } from '../perceptions/perceptions.service';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { findWave } from '../waves/waves.repository';
import type { EarlierRun, ReportData, ReportRun } from './report-data';
import { renderReport } from './report-pdf';
import { headlineIndicator } from './report-summary';
import { earlierWaves, latestRun, reportProvinces, runRows } from './report.repository';

export interface ReportDeps { db: Kysely<Database>; questionnaires: QuestionnaireCache }

export interface ReportOptions {
  /** Called as the work advances (0–1) with what is being done, for a progress bar. */
  onProgress?: (fraction: number, step: string) => void;
  /** @default now */
  now?: Date;
}

/** JKn replicate figures first where the run has them (issue #19: their intervals cover the truth). */
const SCHEME_PREFERENCE: readonly Scheme[] = ['raked_jkn', 'raked', 'design_jkn', 'design_fpc', 'design'];

export function reportScheme(run: Pick<ReportRun, 'schemes'>): Scheme {
  return SCHEME_PREFERENCE.find((s) => run.schemes.includes(s)) ?? 'design';
}

/** A stored run that can be reported: it exists and it succeeded. */
export async function reportableRun(db: Kysely<Database>, runId: string): Promise<ReportRun> {
  const run = await findRun(db, runId);
  if (!run) throw new NotFoundError('Không tìm thấy lần ước lượng này', 'No such estimation run');
  if (run.status !== 'succeeded') {
    throw new AppError(409, 'run_failed', 'Lần ước lượng này không thành công nên không có kết quả', 'This estimation run failed and has no results');
  }
  return run;
}

async function earlierRun(deps: ReportDeps, run: ReportRun, waveId: string, scheme: Scheme, indicator: string): Promise<EarlierRun | null> {
  const wave = (await findWave(deps.db, waveId))!;
  const found = await latestRun(deps.db, waveId, run.geography_code);
  if (!found) return null;
  // The report's scheme, or the same weighting under the earlier run's variance method (a run made before JKn),
  // the rows then named as the report's so that changes pair them; design weights as a last resort.
  const match = comparisonSchemes([scheme], found.schemes)?.previous ?? null;
  const used = match ?? 'design';
  const rows = await runRows(deps.db, found.id, { scheme: used, domainTypes: ['national', 'national_mean_of_provinces', 'province'] });
  return {
    wave, run: found,
    rows: rows.filter((r) => r.domain_type !== 'province' || r.indicator === indicator).map((r) => (match && match !== scheme ? { ...r, scheme } : r)),
  };
}

/** Reads everything the report prints from the stored run (see {@link ReportData}). */
export async function loadReportData(deps: ReportDeps, runId: string, options: ReportOptions = {}): Promise<ReportData> {
  const progress = options.onProgress ?? (() => {});
  const run = await reportableRun(deps.db, runId);
  refuseNotSampled(run, 'report');
  const wave = (await findWave(deps.db, run.wave_id))!;
  const { plan } = await deps.questionnaires.get(wave.survey_version_id);
  const scheme = reportScheme(run);
  const headline = headlineIndicator(plan.indexDefinition);
  const [rows, provinces] = await Promise.all([runRows(deps.db, run.id), reportProvinces(deps.db, run.geography_code)]);
  progress(0.1, 'kết quả/results');

  const earlier = await earlierWaves(deps.db, wave);
  let previous: EarlierRun | null = null;
  const trend: ReportData['trend'] = [];
  for (const w of earlier) {
    const found = await earlierRun(deps, run, w.id, scheme, headline);
    if (found && !previous) previous = found;
    const national = found?.rows.find((r) => r.domain_type === 'national' && r.indicator === headline);
    if (found && national) trend.unshift({ wave: w, runId: found.run.id, row: national });
  }
  const own = rows.find((r) => r.scheme === scheme && r.domain_type === 'national' && r.indicator === headline);
  if (own) trend.push({ wave, runId: run.id, row: own });
  progress(0.2, 'các đợt trước/earlier waves');

  // The tally stored with the run (the dashboard's too); only a run from before migration 0014 is tallied afresh.
  const perceptions = await runPerceptions(deps.db, deps.questionnaires, run)
    ?? await wavePerceptions(deps.db, deps.questionnaires, { waveId: wave.id });
  progress(0.5, 'nhận thức/perceptions');
  return {
    run, wave, definition: plan.indexDefinition, scheme, rows, provinces, previous, trend,
    perceptions: perceptions.respondents > 0 ? perceptions : null,
    perceptionsMatchRun: perceptions.inputFingerprint === run.input_fingerprint,
    generatedAt: options.now ?? new Date(),
  };
}

/** The annual report of one stored run, as a PDF. */
export async function buildReport(deps: ReportDeps, runId: string, options: ReportOptions = {}): Promise<Buffer> {
  const data = await loadReportData(deps, runId, options);
  const progress = options.onProgress ?? (() => {});
  const pdf = await renderReport(data, (fraction, step) => progress(0.5 + 0.5 * fraction, step));
  progress(1, 'xong/done');
  return pdf;
}
