import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf, currentUser, requireRole, requireUser } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { fieldworkReport } from './fieldwork.service';
import { DEFAULT_QUALITY_POLICY } from './quality-policy';
import { changeResponseStatus, responseNotFound } from './response-exclusion.service';

const policySchema = z.strictObject({
  speederShare: z.coerce.number().min(0).max(1).default(DEFAULT_QUALITY_POLICY.speederShare),
  straightLineMinItems: z.coerce.number().int().min(2).max(200).default(DEFAULT_QUALITY_POLICY.straightLineMinItems),
  burstSize: z.coerce.number().int().min(2).max(1000).default(DEFAULT_QUALITY_POLICY.burstSize),
  burstWindowMinutes: z.coerce.number().min(0.5).max(1440).default(DEFAULT_QUALITY_POLICY.burstWindowMinutes),
});

const statusSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('excluded'), reason: z.string().trim().min(3).max(500) }),
  z.strictObject({ status: z.literal('complete') }),
]);

/**
 * The fieldwork monitor (every official, within their provinces) and excluding or re-including a response
 * (national administrators and analysts, audited). Province officials cannot exclude: their province is
 * ranked on these responses.
 */
export function fieldworkRoutes(db: Kysely<Database>, questionnaires: QuestionnaireCache): Router {
  const router = Router();

  router.get('/waves/:wave/fieldwork', requireUser(), async (req: Request<{ wave: string }>, res) => {
    const policy = parseBody(policySchema, req.query);
    res.set('Cache-Control', 'no-store').json(await fieldworkReport({ db, questionnaires }, req.params.wave, currentUser(req), policy));
  });

  router.patch('/waves/:wave/responses/:id', requireRole('national_admin', 'analyst'), jsonBody({ limit: '4kb' }),
    async (req: Request<{ wave: string; id: string }>, res) => {
      const change = parseBody(statusSchema, req.body);
      const id = z.uuid().safeParse(req.params.id);
      if (!id.success) throw responseNotFound();
      const response = await changeResponseStatus(db, req.params.wave, id.data, change, actorOf(req));
      res.json({ response: { id: response.id, status: response.status, exclusionReason: response.exclusion_reason } });
    });

  return router;
}
