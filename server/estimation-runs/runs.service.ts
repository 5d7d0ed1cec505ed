import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { collapseEmptyCells } from '../estimation/cell-collapsing';
import { availableSchemes, estimate, type ProvinceUnits } from '../estimation/estimate';
import { EstimationError } from '../estimation/estimation-error';
import { schemeName, VARIANCE_METHODS, type EstimateRow, type EstimationNotice, type MarginTotal, type Scheme, type SurveyColumns, type VarianceMethod, type Weighting } from '../estimation/types';
import { PerceptionTally, perceptionItems } from '../perceptions/perceptions';
import { canonicalJson, sha256 } from '../surveys/fingerprint';
import { questionCatalogue } from '../surveys/question-catalogue';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requireWave } from '../waves/require-wave';
import { refreshWeightsIfCounted } from '../weights/service-point-weights';
import { codeVersion } from './code-version';
import { insertRun, listMargins, type RunRow } from './runs.repository';
import { loadWaveColumns } from './wave-columns';

export interface RunDeps { db: Kysely<Database>; questionnaires: QuestionnaireCache }

export interface RunRequest {
  waveId: string;
  /** Units reported as provinces; a 63-unit wave can be reported on the 34 units. @default the wave's own */
  geography?: 'vn-63' | 'vn-34';
  /** @default every weighting the wave's data allow */
  schemes?: Weighting[];
  /**
   * JKn replicate standard errors (schemes `design_jkn`, `raked_jkn`), linearised ones (`design`, `design_fpc`,
   * `raked`), or both side by side. @default 'jkn': the published method is the one whose raked intervals cover
   * the truth in the coverage study (METHOD.md §5); JKn costs about what linearisation does, `both` doubles the
   * rows stored.
   */
  variance?: RunVariance;
  includeItems?: boolean;
  /**
   * Estimate a household wave's responses outside its sample (the open link) instead of its sample: a
   * separate non-probability run that can never be published, ranked or reported (METHOD.md §7).
   */
  notSampled?: boolean;
  startedBy: number | null;
}

export interface RunOutcome { run: RunRow; rowCount: number }

async function provinceInfo(db: Kysely<Database>, geography: string) {
  return db.selectFrom('provinces').select(['code', 'successor_code', 'region_vi'])
    .where('geography_code', '=', geography).execute();
}

/** Old provinces keep their strata, PSUs and margins; only the reported unit changes (METHOD.md §5). */
function unitsOf(columns: SurveyColumns, successor: Map<string, string>): ProvinceUnits {
  const unitOfLevel = columns.province.levels.map((code) => successor.get(code) ?? code);
  const units = [...new Set(unitOfLevel)].sort();
  return { units, unitOfProvince: Int32Array.from(unitOfLevel, (u) => units.indexOf(u)) };
}

/** How a stored run's standard errors are computed: one method, or both side by side. */
export type RunVariance = VarianceMethod | 'both';
export const RUN_VARIANCES: readonly RunVariance[] = [...VARIANCE_METHODS, 'both'];

/** The schemes a run of these weightings stores: linearised then JKn ones for `both` (no JKn design_fpc). */
export function runSchemes(weightings: readonly Weighting[], variance: RunVariance): Scheme[] {
  const methods: VarianceMethod[] = variance === 'both' ? ['linearisation', 'jkn'] : [variance];
  return methods.flatMap((method) =>
    weightings.filter((w) => method === 'linearisation' || w !== 'design_fpc').map((w) => schemeName(w, method)));
}

function withRegion(columns: SurveyColumns, regionOf: Map<string, string>): SurveyColumns {
  const levels = [...new Set(regionOf.values())].sort();
  const ofProvince = columns.province.levels.map((p) => levels.indexOf(regionOf.get(p) ?? ''));
  const codes = Int32Array.from(columns.province.codes, (c) => ofProvince[c]);
  return { ...columns, categorical: { ...columns.categorical, region: { codes, levels } } };
}

/**
 * Estimates every indicator of a wave from its stored responses and saves the run — inputs' fingerprints,
 * code version, parameters and every result row — so reports are made from a frozen run, never live data.
 */
export async function runEstimation(deps: RunDeps, request: RunRequest): Promise<RunOutcome> {
  const startedAt = new Date();
  const wave = await requireWave(deps.db, request.waveId);
  const geography = request.geography ?? wave.geography_code;
  if (wave.geography_code === 'vn-34' && geography === 'vn-63') {
    throw new AppError(422, 'validation', 'Đợt khảo sát theo 34 đơn vị không thể tính theo 63 tỉnh cũ',
      'A wave on the 34 units cannot be reported on the 63 old provinces',
      [{ field: 'geography', rule: 'not_a_choice', message: 'Chỉ có thể chọn vn-34', messageEn: 'Only vn-34 is possible' }]);
  }
  const notSampled = request.notSampled ?? false;
  if (notSampled && wave.design !== 'household') {
    throw new AppError(422, 'validation', 'Chỉ đợt khảo sát hộ gia đình mới có phiếu ngoài mẫu để ước lượng riêng',
      'Only a household wave has responses outside its sample to estimate separately',
      [{ field: 'notSampled', rule: 'household_only', message: `Đợt khảo sát này thuộc loại "${wave.design}"`, messageEn: `The wave is of kind "${wave.design}"` }]);
  }
  const { plan, version } = await deps.questionnaires.get(wave.survey_version_id);
  // A service point's weights depend on how many responses it has: bring them up to date first.
  await refreshWeightsIfCounted(deps.db, wave);
  // The perception shares (dashboard and report) are tallied once, here, from the responses estimated.
  const perceptions = new PerceptionTally(perceptionItems(questionCatalogue(version.definition)));
  const loaded = await loadWaveColumns(deps.db, wave.id, plan.indexDefinition, !notSampled, perceptions);
  if (loaded.columns.rowCount === 0) {
    if (notSampled) {
      throw new AppError(409, 'no_responses', 'Đợt khảo sát không có phiếu trả lời ngoài mẫu nào', 'The wave has no responses outside its sample');
    }
    if (wave.design === 'household') {
      throw new AppError(409, 'no_responses',
        'Đợt khảo sát chưa có phiếu trả lời nào thuộc mẫu (có mã mời) để ước lượng; phiếu qua đường dẫn mở chỉ được ước lượng riêng, là mẫu phi xác suất',
        'The wave has no responses from its sample (with an invitation code) to estimate yet; open-link responses can only be estimated separately, as non-probability figures');
    }
    throw new AppError(409, 'no_responses', 'Đợt khảo sát chưa có phiếu trả lời nào để ước lượng',
      'The wave has no responses to estimate yet');
  }
  const marginRows = await listMargins(deps.db, wave.id);
  const margins: MarginTotal[] = marginRows.map((m) => ({ variable: m.variable, province: m.province_code, level: m.level, total: m.total }));
  // Margin levels nobody in a province answered are collapsed into the nearest one, and the run says so.
  const collapsing = collapseEmptyCells(loaded.columns, margins);

  const provinces = await provinceInfo(deps.db, wave.geography_code);
  let columns = loaded.columns;
  const by = ['sex', 'age_group'];
  if (geography === 'vn-63') {
    columns = withRegion(columns, new Map(provinces.map((p) => [p.code, p.region_vi ?? ''])));
    by.push('region');
  }
  // JKn is the published variance (METHOD.md §5); a sample of a single PSU has no jackknife, so a run that
  // did not choose its variance is then linearised, and its parameters say so.
  const variance = request.variance ?? (columns.psuCount >= 2 ? 'jkn' : 'linearisation');
  const weightings = request.schemes ?? availableSchemes(columns, margins, variance === 'jkn' ? 'jkn' : 'linearisation');
  const schemes = runSchemes(weightings, variance);
  const parameters = {
    schemes, variance, geography, by, includeItems: request.includeItems ?? false,
    unitWeightResponses: loaded.unitWeightCount, nonProbability: notSampled || wave.design === 'open', notSampled,
    ...(collapsing.collapsed.length ? { collapsedCells: collapsing.collapsed.map(({ vi: _vi, ...cell }) => cell) } : {}),
  };
  const run = {
    waveId: wave.id, geographyCode: geography, schemes, parameters,
    inputFingerprint: loaded.fingerprint,
    marginsFingerprint: margins.length ? sha256(canonicalJson(marginRows)) : null,
    codeVersion: codeVersion(), respondentCount: columns.rowCount, startedBy: request.startedBy, startedAt, notSampled,
  };

  let rows: EstimateRow[];
  // What the estimation adjusted on its own (age groups merged, a province left at its design weights, a JKn
  // replicate's merged level), each naming province and cell, Vietnamese first: kept with the run.
  const notices: EstimationNotice[] = [];
  try {
    rows = estimate(columns, {
      onNotice: (notice) => notices.push(notice),
      definition: plan.indexDefinition,
      schemes: weightings,
      variance,
      includeItems: request.includeItems,
      by,
      margins: collapsing.margins,
      provinceUnits: geography !== wave.geography_code
        ? unitsOf(columns, new Map(provinces.map((p) => [p.code, p.successor_code ?? p.code])))
        : undefined,
    });
  } catch (err) {
    if (!(err instanceof EstimationError)) throw err;
    await insertRun(deps.db, { ...run, status: 'failed', error: err.message }, []);
    throw new AppError(422, 'estimation_failed', `Không ước lượng được: ${err.vi}`, `Estimation failed: ${err.en}`);
  }
  // A sample with a single PSU has no jackknife: `both` then stores the linearised schemes only.
  const produced = schemes.filter((s) => rows.some((r) => r.scheme === s));
  const stored = await deps.db.transaction().execute((trx) =>
    insertRun(trx, { ...run, schemes: produced, parameters: { ...parameters, schemes: produced, ...(notices.length ? { notices } : {}) }, status: 'succeeded', error: null, perceptions: perceptions.rows() }, rows));
  return { run: stored, rowCount: rows.length };
}
