import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository';
import { visibleProvinces } from '../auth/province-scope';
import { actorOf, currentUser, requireUser } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { ForbiddenError } from '../errors/app-error';
import { parseBody } from '../http/parse-body';
import { reportableRun } from '../reports/report.service';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { findWave } from '../waves/waves.repository';
import { sendDownload } from './download';
import { estimatesCsv, estimatesXlsx } from './estimates-export.service';
import { exportMicrodata } from './microdata.service';
import { runIdOf } from './run-id';

const microdataQuery = z.strictObject({ province: z.string().regex(/^\d{2}$/).optional() });

/**
 * The microdata rows a user may take: national roles everything (or one province on request), a province
 * official only their own province's respondents (in the wave's own geography).
 */
function microdataProvinces(req: Request, waveGeography: string, province: string | undefined): 'all' | readonly string[] {
  const visible = visibleProvinces(currentUser(req), waveGeography);
  if (visible === 'all') return province ? [province] : 'all';
  const allowed = province ? visible.filter((p) => p === province) : visible;
  if (allowed.length === 0) {
    throw new ForbiddenError(
      'Bạn chỉ được xuất vi dữ liệu của tỉnh, thành phố mình phụ trách',
      'You may only export the microdata of the province you are responsible for',
    );
  }
  return allowed;
}

/** Downloads of a stored run's estimates (CSV, XLSX) and its wave's microdata; every one audited. */
export function exportRoutes(db: Kysely<Database>, questionnaires: QuestionnaireCache): Router {
  const router = Router();
  const deps = { db, questionnaires };

  for (const format of ['csv', 'xlsx'] as const) {
    router.get(`/runs/:id/estimates.${format}`, requireUser(), async (req, res) => {
      const run = await reportableRun(db, runIdOf(req));
      const provinces = visibleProvinces(currentUser(req), run.geography_code);
      const file = await (format === 'csv' ? estimatesCsv : estimatesXlsx)(deps, run.id, provinces);
      await recordAudit(db, { action: 'export', ...actorOf(req), target: `run:${run.id}`, details: { what: 'estimates', format, provinces, rows: file.rowCount } });
      sendDownload(res, file);
    });
  }

  router.get('/runs/:id/microdata.zip', requireUser(), async (req, res) => {
    const query = parseBody(microdataQuery, req.query);
    const run = await reportableRun(db, runIdOf(req));
    const wave = (await findWave(db, run.wave_id))!;
    const provinces = microdataProvinces(req, wave.geography_code, query.province);
    const pack = await exportMicrodata(deps, { runId: run.id, provinces });
    await recordAudit(db, { action: 'export', ...actorOf(req), target: `run:${run.id}`, details: { what: 'microdata', format: 'zip', provinces, rows: pack.rowCount } });
    sendDownload(res, { fileName: pack.fileName, contentType: 'application/zip', body: pack.zip, synthetic: pack.synthetic, nonProbability: pack.nonProbability });
  });

  return router;
}
