import { Router } from 'express';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository';
import { actorOf, requireRole } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { NotFoundError } from '../errors/app-error';
import { runIdOf } from '../exports/run-id';
import { SYNTHETIC_NOTICE } from '../reports/report-canvas';
import { reportableRun } from '../reports/report.service';
import { runRows } from '../reports/report.repository';
import { findPublishedRun, listPublishedRuns, setPublication, type PublishedRun } from './open-data.repository';
import { suppressSmallCells } from './suppression';

export interface OpenDataOptions {
  /** Respondents below which a published proportion is withheld. @default 30 */
  minCellSize: number;
}

function presentPublished(r: PublishedRun) {
  return {
    id: r.id, wave: r.wave_id, year: r.year, title: { vi: r.title_vi, en: r.title_en }, design: r.design,
    geography: r.geography_code, schemes: r.schemes, respondentCount: r.respondent_count,
    estimatedAt: r.finished_at, publishedAt: r.published_at, inputFingerprint: r.input_fingerprint, codeVersion: r.code_version,
    synthetic: r.is_synthetic, notice: r.is_synthetic ? SYNTHETIC_NOTICE : null,
  };
}

/**
 * The open API: published runs' estimates (never microdata) for anyone, no sign-in, with small cells
 * suppressed; and publishing itself, a national administrator's audited action (CSRF-checked as every POST).
 */
export function openDataRoutes(db: Kysely<Database>, options: OpenDataOptions): Router {
  const router = Router();

  router.get('/open/runs', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.json({ minCellSize: options.minCellSize, runs: (await listPublishedRuns(db)).map(presentPublished) });
  });

  router.get('/open/runs/:id', async (req, res) => {
    const run = await findPublishedRun(db, runIdOf(req));
    if (!run) throw new NotFoundError('Không có lần ước lượng đã công bố này', 'No such published run');
    const rows = await runRows(db, run.id);
    res.set('Cache-Control', 'public, max-age=300');
    res.json({
      run: presentPublished(run),
      minCellSize: options.minCellSize,
      estimates: rows.map((row) => suppressSmallCells(row, options.minCellSize)),
    });
  });

  for (const [method, published] of [['put', true], ['delete', false]] as const) {
    router[method]('/runs/:id/publication', requireRole('national_admin'), async (req, res) => {
      const run = await reportableRun(db, runIdOf(req));
      const actor = actorOf(req);
      const updated = await db.transaction().execute(async (trx) => {
        const row = await setPublication(trx, run.id, actor.actorId, published);
        await recordAudit(trx, { action: published ? 'run_published' : 'run_unpublished', ...actor, target: `run:${run.id}`, details: { wave: run.wave_id } });
        return row!;
      });
      res.json({ run: { id: updated.id, wave: updated.wave_id, geography: updated.geography_code, publishedAt: updated.published_at } });
    });
  }

  return router;
}
