import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import { actorOf, currentUser, requireRole, requireUser } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { listMargins } from '../estimation-runs/runs.repository';
import { csvBody, csvText } from '../http/csv-body';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requireWave } from '../waves/require-wave';
import { listTransactions, refreshWeightsIfCounted, uploadTransactions } from './service-point-weights';
import { uploadMargins } from './wave-margins.service';
import { weightDiagnostics } from './weight-diagnostics.service';

type WaveRequest = Request<{ wave: string }>;

/**
 * A wave's population margins (uploaded as the margins CSV of METHOD.md §6), service points' transaction
 * counts, and the weight diagnostics. Administrators and analysts upload; every official reads the
 * diagnostics of their provinces.
 */
export function weightRoutes(db: Kysely<Database>, questionnaires: QuestionnaireCache): Router {
  const router = Router();
  const staff = requireRole('national_admin', 'analyst');

  router.get('/waves/:wave/margins', staff, async (req: WaveRequest, res) => {
    const wave = await requireWave(db, req.params.wave);
    res.json({ margins: (await listMargins(db, wave.id)).map((m) => ({ variable: m.variable, province: m.province_code, level: m.level, total: m.total })) });
  });

  router.post('/waves/:wave/margins', staff, csvBody, async (req: WaveRequest, res) => {
    res.status(201).json(await uploadMargins(db, req.params.wave, csvText(req), actorOf(req)));
  });

  router.get('/waves/:wave/transactions', staff, async (req: WaveRequest, res) => {
    const wave = await requireWave(db, req.params.wave);
    res.json({ transactions: (await listTransactions(db, wave.id)).map((t) => ({
      servicePoint: t.service_point_code, periodStart: t.period_start, periodEnd: t.period_end, transactions: t.transactions,
    })) });
  });

  router.post('/waves/:wave/transactions', requireRole('national_admin'), csvBody, async (req: WaveRequest, res) => {
    res.status(201).json(await uploadTransactions(db, req.params.wave, csvText(req), actorOf(req)));
  });

  router.post('/waves/:wave/weights/refresh', staff, async (req: WaveRequest, res) => {
    const wave = await requireWave(db, req.params.wave);
    res.json({ weighting: await refreshWeightsIfCounted(db, wave) });
  });

  router.get('/waves/:wave/weights/diagnostics', requireUser(), async (req: WaveRequest, res) => {
    res.json(await weightDiagnostics({ db, questionnaires }, req.params.wave, currentUser(req)));
  });

  return router;
}
