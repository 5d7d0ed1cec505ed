import { Router, type Request } from 'express';
import { z } from 'zod';
import { actorOf, currentUser, requireRole, requireUser } from '../auth/session.middleware';
import { csvBody, csvText } from '../http/csv-body';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import { describePlan } from './sample-plan.view';
import { drawSample, uploadFrame, type SamplingDeps } from './sample-plans.service';

const drawSchema = z.strictObject({
  stratification: z.enum(['province', 'province_urban_rural']),
  communesPerStratum: z.number().int().min(1).max(10_000),
  respondentsPerCommune: z.number().int().min(1).max(100_000),
  seed: z.number().int().min(0).max(4_294_967_295).optional(),
});

type WaveRequest = Request<{ wave: string }>;

/**
 * Household sample plans: every official reads the plan (province officials their provinces' part);
 * national administrators upload the frame (`text/csv`) and draw the sample. Changes are audited.
 */
export function samplePlanRoutes(deps: SamplingDeps): Router {
  const router = Router();
  const admin = requireRole('national_admin');

  router.get('/waves/:wave/sample', requireUser(), async (req: WaveRequest, res) => {
    res.json(await describePlan(deps.db, req.params.wave, currentUser(req)));
  });

  router.post('/waves/:wave/sample/frame', admin, csvBody, async (req: WaveRequest, res) => {
    await uploadFrame(deps, req.params.wave, csvText(req), actorOf(req));
    res.status(201).json(await describePlan(deps.db, req.params.wave, currentUser(req)));
  });

  router.post('/waves/:wave/sample/draw', admin, jsonBody({ limit: '4kb' }), async (req: WaveRequest, res) => {
    await drawSample(deps, req.params.wave, parseBody(drawSchema, req.body), actorOf(req));
    res.status(201).json(await describePlan(deps.db, req.params.wave, currentUser(req)));
  });

  return router;
}
