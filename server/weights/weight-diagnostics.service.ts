import type { Kysely } from 'kysely';
import type { AuthUser } from '../auth/auth-user';
import { visibleProvinces } from '../auth/province-scope';
import type { Database } from '../db/database';
import { listMargins } from '../estimation-runs/runs.repository';
import { loadWaveColumns } from '../estimation-runs/wave-columns';
import { collapseEmptyCells, type CollapsedCell } from '../estimation/cell-collapsing';
import { EstimationError } from '../estimation/estimation-error';
import { rake } from '../estimation/raking';
import { summarizeWeights } from '../estimation/weight-summary';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requireWave } from '../waves/require-wave';
import type { WeightDiagnostics } from '../../contracts/weights';
export type { ProvinceWeights, WeightDiagnostics } from '../../contracts/weights';

/**
 * How the weights of a wave's complete responses spread, per province: base (design) weights, and weights
 * raked to the wave's margins after collapsing empty cells (estimation/cell-collapsing.ts) — the same steps
 * an estimation run takes. Province officials see their own provinces only.
 */
export async function weightDiagnostics(
  deps: { db: Kysely<Database>; questionnaires: QuestionnaireCache }, waveId: string, user: AuthUser,
): Promise<WeightDiagnostics> {
  const wave = await requireWave(deps.db, waveId);
  const { plan } = await deps.questionnaires.get(wave.survey_version_id);
  const { columns } = await loadWaveColumns(deps.db, wave.id, plan.indexDefinition);
  const margins = (await listMargins(deps.db, wave.id)).map((m) => ({ variable: m.variable, province: m.province_code, level: m.level, total: m.total }));

  let raked: Float64Array | null = null;
  let rakingError: WeightDiagnostics['rakingError'] = null;
  let collapsed: CollapsedCell[] = [];
  if (margins.length && columns.rowCount) {
    const collapsing = collapseEmptyCells(columns, margins);
    collapsed = collapsing.collapsed;
    try {
      raked = rake(columns, collapsing.margins).weight;
    } catch (err) {
      if (!(err instanceof EstimationError)) throw err;
      rakingError = { vi: err.vi, en: err.en };
    }
  }

  const [names, unweighted] = await Promise.all([
    deps.db.selectFrom('provinces').select(['code', 'name_vi']).where('geography_code', '=', wave.geography_code).execute(),
    deps.db.selectFrom('responses').select((eb) => ['province_code', eb.fn.countAll<string>().as('n')])
      .where('wave_id', '=', wave.id).where('status', '=', 'complete').where('sampled', '=', true).where('base_weight', 'is', null)
      .groupBy('province_code').execute(),
  ]);
  const nameOf = new Map(names.map((p) => [p.code, p.name_vi]));
  const unweightedOf = new Map(unweighted.map((r) => [r.province_code, Number(r.n)]));
  const visible = visibleProvinces(user, wave.geography_code);
  const shown = (code: string) => visible === 'all' || visible.includes(code);

  const provinces = columns.province.levels.flatMap((code, p) => {
    if (!shown(code)) return [];
    const inProvince = (i: number) => columns.province.codes[i] === p;
    return [{
      province: code,
      nameVi: nameOf.get(code) ?? code,
      withoutDesignWeight: unweightedOf.get(code) ?? 0,
      base: summarizeWeights(columns.weight, inProvince),
      raked: raked ? summarizeWeights(raked, inProvince) : null,
    }];
  });
  return {
    wave: wave.id,
    design: wave.design,
    respondents: visible === 'all' ? columns.rowCount : provinces.reduce((n, p) => n + p.base.n, 0),
    marginRows: margins.filter((m) => shown(m.province)).length,
    rakingError,
    collapsed: collapsed.filter((c) => shown(c.province)),
    provinces,
    national: visible === 'all' ? { base: summarizeWeights(columns.weight), raked: raked ? summarizeWeights(raked) : null } : null,
  };
}
