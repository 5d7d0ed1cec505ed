import { Router } from 'express';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository';
import { actorOf, currentUser, requireUser } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { ForbiddenError } from '../errors/app-error';
import { isNonProbability, refuseNotSampled } from '../estimation-runs/run-kind';
import { sendDownload } from '../exports/download';
import { runIdOf } from '../exports/run-id';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { buildReport, reportableRun } from './report.service';

/**
 * GET /api/runs/:id/report.pdf — the annual report of a stored run. It ranks every province, so a province
 * official may download it only once the run is published (its figures are public then); audited.
 */
export function reportRoutes(db: Kysely<Database>, questionnaires: QuestionnaireCache): Router {
  const router = Router();
  router.get('/runs/:id/report.pdf', requireUser(), async (req, res) => {
    const run = await reportableRun(db, runIdOf(req));
    refuseNotSampled(run, 'report');
    if (currentUser(req).role === 'province_official' && !run.published_at) {
      throw new ForbiddenError(
        'Báo cáo có số liệu của mọi tỉnh: cán bộ tỉnh chỉ tải được khi lần ước lượng đã được công bố',
        'The report shows every province: province officials may download it once the run is published',
      );
    }
    const pdf = await buildReport({ db, questionnaires }, run.id);
    const wave = await db.selectFrom('waves').select(['id', 'is_synthetic']).where('id', '=', run.wave_id).executeTakeFirstOrThrow();
    await recordAudit(db, { action: 'export', ...actorOf(req), target: `run:${run.id}`, details: { what: 'report', format: 'pdf', bytes: pdf.length } });
    sendDownload(res, {
      fileName: `sipas-${wave.id}-${run.id.slice(0, 8)}-bao-cao${wave.is_synthetic ? '-du-lieu-mo-phong' : ''}.pdf`,
      contentType: 'application/pdf', body: pdf, synthetic: wave.is_synthetic, nonProbability: isNonProbability(run),
    });
  });
  return router;
}
