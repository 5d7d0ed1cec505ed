import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { resolveIndicators } from '../estimation/indicators';
import { refuseNotSampled } from '../estimation-runs/run-kind';
import type { RunRow } from '../estimation-runs/runs.repository';
import { runRows } from '../reports/report.repository';
import { reportableRun } from '../reports/report.service';
import { statementNames } from '../surveys/index-definition';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requireWave } from '../waves/require-wave';
import { auditDisclosure, type DisclosureAudit, type WithholdReason } from './disclosure-audit';
import { buildDisclosureModel, cellKey, DisclosureModelError } from './disclosure-model';
import { provinceRegions, storeMissingDisclosure, type PublishedRun } from './open-data.repository';
import { publicRows, type PublicRow } from './public-figures';

export interface PublicationDeps {
  db: Kysely<Database>;
  questionnaires: QuestionnaireCache;
  /** Respondents below which a cell is withheld. */
  minCellSize: number;
}

/** Audits kept: runs are frozen, so a run's audit under one minimum cell size never changes. */
const CACHE_SIZE = 16;

/**
 * The disclosure audits of runs, each computed once per process (it takes seconds) and shared by the
 * preview, the publication and the public view.
 */
export class DisclosureAudits {
  private readonly audits = new Map<string, Promise<DisclosureAudit>>();

  constructor(private readonly deps: PublicationDeps) {}

  get(run: RunRow): Promise<DisclosureAudit> {
    const key = `${run.id}|${this.deps.minCellSize}`;
    let audit = this.audits.get(key);
    if (!audit) {
      audit = auditRun(this.deps, run);
      audit.catch(() => this.audits.delete(key));
      this.audits.set(key, audit);
      if (this.audits.size > CACHE_SIZE) this.audits.delete(this.audits.keys().next().value!);
    }
    return audit;
  }
}

/** The run's figures, the relations between them (from its questionnaire and regions) and the audit of them. */
async function auditRun(deps: PublicationDeps, run: RunRow): Promise<DisclosureAudit> {
  const wave = await requireWave(deps.db, run.wave_id);
  const { plan } = await deps.questionnaires.get(wave.survey_version_id);
  const definition = plan.indexDefinition;
  const by = (run.parameters as { by?: string[] }).by ?? [];
  const [rows, provinces] = await Promise.all([runRows(deps.db, run.id), provinceRegions(deps.db, wave.geography_code)]);
  const region: Record<string, string[]> = {};
  for (const p of provinces) (region[p.region_vi ?? ''] ??= []).push(p.code);
  try {
    const model = buildDisclosureModel({
      rows,
      indicators: resolveIndicators(definition, new Set(statementNames(definition)), true),
      provinceGroups: by.includes('region') ? { region } : {},
    });
    return await auditDisclosure(model, { minCellSize: deps.minCellSize });
  } catch (err) {
    if (!(err instanceof DisclosureModelError)) throw err;
    throw new AppError(409, 'disclosure_audit_failed',
      `Không kiểm tra được khả năng suy ra số liệu bị ẩn của lần ước lượng này nên không công bố: ${err.message}`,
      `The disclosure audit cannot model this run, so it is not published: ${err.message}`);
  }
}

/** The audit a publication would store; refuses a run whose withheld figures could still be narrowed. */
export async function auditForPublication(audits: DisclosureAudits, db: Kysely<Database>, runId: string): Promise<{ run: RunRow; audit: DisclosureAudit }> {
  const run = await reportableRun(db, runId);
  refuseNotSampled(run, 'publish');
  const audit = await audits.get(run);
  if (!audit.ok) {
    throw new AppError(409, 'disclosure_audit_failed',
      'Kiểm tra công bố: vẫn có số liệu bị ẩn suy ra được trong khoảng hẹp hơn 10 điểm phần trăm nên không công bố',
      'Disclosure audit: some withheld figure can still be narrowed below 10 percentage points, so the run is not published');
  }
  return { run, audit };
}

export function withheldCells(audit: DisclosureAudit): Map<string, WithholdReason> {
  return new Map(audit.withheld.map((w) => [cellKey(w), w.reason]));
}

/**
 * What the public sees of a published run: every row, with the cells its stored audit withholds emptied
 * and marked. A run published before audits were kept is audited now, and that audit is stored.
 */
export async function publicEstimates(
  audits: DisclosureAudits,
  db: Kysely<Database>,
  run: PublishedRun & { disclosure: DisclosureAudit | null },
): Promise<{ audit: DisclosureAudit; estimates: PublicRow[] }> {
  let audit = run.disclosure;
  if (!audit) {
    audit = (await auditForPublication(audits, db, run.id)).audit;
    await storeMissingDisclosure(db, run.id, audit);
  }
  return { audit, estimates: publicRows(await runRows(db, run.id), withheldCells(audit)) };
}
