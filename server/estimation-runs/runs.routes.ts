import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository';
import { visibleProvinces } from '../auth/province-scope';
import { actorOf, currentUser, requireRole, requireUser } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { NotFoundError } from '../errors/app-error';
import { SCHEMES } from '../estimation/types';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { findRun, listResults, listRuns, type ResultRow, type RunRow } from './runs.repository';
import { isNonProbability } from './run-kind';
import { RUN_VARIANCES, runEstimation } from './runs.service';

const runRequestSchema = z.strictObject({
  geography: z.enum(['vn-63', 'vn-34']).optional(),
  schemes: z.array(z.enum(SCHEMES)).min(1).optional(),
  items: z.boolean().optional(),
  /** A household wave's open-link responses, as a separate non-probability run (METHOD.md §7). */
  notSampled: z.boolean().optional(),
  variance: z.enum(RUN_VARIANCES).optional(),
});

export function presentRun(r: RunRow) {
  return {
    id: r.id, wave: r.wave_id, geography: r.geography_code, schemes: r.schemes, parameters: r.parameters,
    inputFingerprint: r.input_fingerprint, marginsFingerprint: r.margins_fingerprint, codeVersion: r.code_version,
    respondentCount: r.respondent_count, status: r.status, error: r.error, startedBy: r.started_by,
    startedAt: r.started_at, finishedAt: r.finished_at, publishedAt: r.published_at,
    notSampled: r.not_sampled, nonProbability: isNonProbability(r),
  };
}

function presentResult({ run_id: _run, ...row }: ResultRow) {
  return row;
}

/** Estimation runs: analysts and administrators start them; every official reads them within their scope. */
export function runRoutes(db: Kysely<Database>, questionnaires: QuestionnaireCache): Router {
  const router = Router();

  router.post('/waves/:wave/runs', jsonBody({ limit: '16kb' }), requireRole('national_admin', 'analyst'), async (req, res) => {
    const body = parseBody(runRequestSchema, req.body);
    const actor = actorOf(req);
    const { run, rowCount } = await runEstimation({ db, questionnaires }, {
      waveId: String(req.params.wave), geography: body.geography, schemes: body.schemes, includeItems: body.items,
      variance: body.variance, notSampled: body.notSampled, startedBy: actor.actorId,
    });
    await recordAudit(db, { action: 'run_started', ...actor, target: `run:${run.id}`, details: { wave: run.wave_id, rows: rowCount } });
    res.status(201).json({ run: presentRun(run), resultCount: rowCount });
  });

  router.get('/waves/:wave/runs', requireUser(), async (req, res) => {
    res.json({ runs: (await listRuns(db, String(req.params.wave))).map(presentRun) });
  });

  router.get('/runs/:id', requireUser(), async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    const run = id.success ? await findRun(db, id.data) : undefined;
    if (!run) throw new NotFoundError('Không tìm thấy lần ước lượng này', 'No such estimation run');
    const visible = visibleProvinces(currentUser(req), run.geography_code);
    const results = await listResults(db, run.id, visible === 'all' ? {} : { provinces: visible });
    res.json({ run: presentRun(run), results: results.map(presentResult) });
  });

  return router;
}
