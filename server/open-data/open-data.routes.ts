import { Router } from 'express';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository';
import { actorOf, requireRole } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { preferredScheme } from '../dashboard/run-choice';
import { NotFoundError } from '../errors/app-error';
import { NON_PROBABILITY_NOTICE, refuseNotSampled } from '../estimation-runs/run-kind';
import { runIdOf } from '../exports/run-id';
import { SYNTHETIC_NOTICE } from '../reports/report-canvas';
import { reportableRun } from '../reports/report.service';
import { indicatorNames } from '../dashboard/indicators';
import { questionCatalogue, type BilingualText } from '../surveys/question-catalogue';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requireWave } from '../waves/require-wave';
import type { DisclosureAudit } from './disclosure-audit';
import { findPublishedRun, listPublishedRuns, setPublication, type PublishedRun } from './open-data.repository';
import { auditForPublication, DisclosureAudits, publicEstimates } from './publication.service';

export interface OpenDataOptions {
  /** Respondents below which a published proportion is withheld. @default 30 */
  minCellSize: number;
}

function presentPublished(r: PublishedRun) {
  return {
    id: r.id, wave: r.wave_id, year: r.year, title: { vi: r.title_vi, en: r.title_en }, design: r.design,
    geography: r.geography_code, schemes: r.schemes,
    // The published figures among the run's schemes: raked with JKn replicate variance where the run has it
    // (METHOD.md §5, the coverage study); the dashboard and the report show the same scheme.
    officialScheme: preferredScheme(r.schemes), respondentCount: r.respondent_count,
    estimatedAt: r.finished_at, publishedAt: r.published_at, inputFingerprint: r.input_fingerprint, codeVersion: r.code_version,
    synthetic: r.is_synthetic, notice: r.is_synthetic ? SYNTHETIC_NOTICE : null,
    // An `open` wave's figures are self-selected; not-sampled runs never reach the open API (migration 0007).
    probabilitySample: r.design !== 'open', sampleNotice: r.design === 'open' ? NON_PROBABILITY_NOTICE : null,
  };
}

const countOf = (audit: DisclosureAudit, reason: string) => audit.withheld.filter((w) => w.reason === reason).length;

/** The rule a published run's withholding follows, as the public API states it. */
function presentDisclosure(audit: DisclosureAudit) {
  return {
    minCellSize: audit.minCellSize, minInterval: audit.minInterval,
    withheld: { small_cell: countOf(audit, 'small_cell'), secondary: countOf(audit, 'secondary') },
  };
}

/**
 * The audit as officials review it before publishing. The shape is stable (the officials' screen reads it):
 *
 * ```
 * {
 *   run: { id, wave, geography, publishedAt: string | null },
 *   source: 'published' | 'preview',   // the audit stored at publication, or the one publishing would store
 *   audit: {
 *     minCellSize: number,             // OPEN_DATA_MIN_N when audited
 *     minInterval: number,             // 0.1: no withheld proportion may be narrowed below this width
 *     ok: boolean,                     // every withheld proportion keeps at least minInterval; publishable
 *     solves: number,                  // linear programmes solved
 *     counts: { small_cell: number, secondary: number },
 *     narrowest: Interval & { domain_type, domain, indicator } | null,
 *     withheld: [{                     // sorted by domain_type, domain, indicator
 *       domain_type: string, domain: string, indicator: string, n: number,
 *       reason: 'small_cell' | 'secondary',
 *       intervals: Interval[],         // one per withheld proportion; [] when the cell has no respondent
 *     }],
 *   },
 *   indicators: { [id]: { vi, en } },  // the name of each indicator `withheld` and `narrowest` mention
 * }
 * Interval = { schemes: string[], figure: 'p' | 'p_unweighted', lo: number, hi: number }
 *   // the least and greatest value the proportion can take given everything published; `schemes` names
 *   // the schemes sharing that `p` (design and design_fpc share weights), [] for p_unweighted
 * ```
 */
function presentAudit(
  run: { id: string; wave_id: string; geography_code: string; published_at: Date | null }, audit: DisclosureAudit,
  source: 'published' | 'preview', names: Record<string, BilingualText>,
) {
  const intervals = audit.withheld.flatMap(({ domain_type, domain, indicator, intervals: list }) =>
    list.map((i) => ({ domain_type, domain, indicator, ...i })));
  const narrowest = intervals.reduce<(typeof intervals)[number] | null>((best, i) => (!best || i.hi - i.lo < best.hi - best.lo ? i : best), null);
  return {
    run: { id: run.id, wave: run.wave_id, geography: run.geography_code, publishedAt: run.published_at },
    source,
    audit: {
      minCellSize: audit.minCellSize, minInterval: audit.minInterval, ok: audit.ok, solves: audit.solves,
      counts: presentDisclosure(audit).withheld, narrowest, withheld: audit.withheld,
    },
    indicators: Object.fromEntries([...new Set(audit.withheld.map((w) => w.indicator))]
      .map((id) => [id, names[id] ?? { vi: id, en: id }])),
  };
}

/**
 * The open API: published runs' estimates (never microdata) for anyone, no sign-in, with the cells the
 * run's disclosure audit withholds emptied; the audit's preview for national administrators; and
 * publishing itself, their audited action (CSRF-checked as every write).
 */
export function openDataRoutes(db: Kysely<Database>, questionnaires: QuestionnaireCache, options: OpenDataOptions): Router {
  const router = Router();
  const audits = new DisclosureAudits({ db, questionnaires, minCellSize: options.minCellSize });

  router.get('/open/runs', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.json({ minCellSize: options.minCellSize, runs: (await listPublishedRuns(db)).map(presentPublished) });
  });

  router.get('/open/runs/:id', async (req, res) => {
    const run = await findPublishedRun(db, runIdOf(req));
    if (!run) throw new NotFoundError('Không có lần ước lượng đã công bố này', 'No such published run');
    const { audit, estimates } = await publicEstimates(audits, db, run);
    res.set('Cache-Control', 'public, max-age=300');
    res.json({ run: presentPublished(run), minCellSize: audit.minCellSize, disclosure: presentDisclosure(audit), estimates });
  });

  router.get('/runs/:id/publication/preview', requireRole('national_admin'), async (req, res) => {
    const run = await reportableRun(db, runIdOf(req));
    refuseNotSampled(run, 'publish');
    const stored = run.published_at ? (await findPublishedRun(db, run.id))?.disclosure : null;
    const { version, plan } = await questionnaires.get((await requireWave(db, run.wave_id)).survey_version_id);
    const names = indicatorNames(plan.indexDefinition, questionCatalogue(version.definition));
    res.json(stored ? presentAudit(run, stored, 'published', names) : presentAudit(run, await audits.get(run), 'preview', names));
  });

  router.put('/runs/:id/publication', requireRole('national_admin'), async (req, res) => {
    const { run, audit } = await auditForPublication(audits, db, runIdOf(req));
    const actor = actorOf(req);
    const updated = await db.transaction().execute(async (trx) => {
      const row = await setPublication(trx, run.id, actor.actorId, audit);
      await recordAudit(trx, {
        action: 'run_published', ...actor, target: `run:${run.id}`,
        details: { wave: run.wave_id, disclosure: presentDisclosure(audit) },
      });
      return row!;
    });
    res.json({ run: { id: updated.id, wave: updated.wave_id, geography: updated.geography_code, publishedAt: updated.published_at }, disclosure: presentDisclosure(audit) });
  });

  router.delete('/runs/:id/publication', requireRole('national_admin'), async (req, res) => {
    const run = await reportableRun(db, runIdOf(req));
    const actor = actorOf(req);
    const updated = await db.transaction().execute(async (trx) => {
      const row = await setPublication(trx, run.id, actor.actorId, null);
      await recordAudit(trx, { action: 'run_unpublished', ...actor, target: `run:${run.id}`, details: { wave: run.wave_id } });
      return row!;
    });
    res.json({ run: { id: updated.id, wave: updated.wave_id, geography: updated.geography_code, publishedAt: updated.published_at } });
  });

  return router;
}
