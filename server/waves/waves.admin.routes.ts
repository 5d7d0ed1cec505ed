import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import type { WaveCache } from './wave.cache';
import { changeWave, createWave } from './waves.admin.service';
import type { Wave } from './waves.repository';
import { publicWave } from './waves.routes';

const title = z.string().trim().min(1).max(200);

const newWaveSchema = z.strictObject({
  // Same rule as the `waves.id` check.
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  surveyVersion: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  geography: z.enum(['vn-63', 'vn-34']),
  titleVi: title,
  titleEn: title,
  design: z.enum(['household', 'service_point', 'open']),
});

const waveChangesSchema = z.strictObject({
  status: z.enum(['draft', 'open', 'closed']).optional(),
  titleVi: title.optional(),
  titleEn: title.optional(),
});

/** What everyone sees of a wave, and when it was created. */
function adminWave(w: Wave) {
  return { ...publicWave(w), createdAt: w.created_at };
}

/** Creating, opening, closing and renaming waves: national administrators only, audited. */
export function waveAdminRoutes(db: Kysely<Database>, waves: WaveCache): Router {
  const router = Router();
  const admin = requireRole('national_admin');
  const json = jsonBody({ limit: '8kb' });

  router.post('/waves', admin, json, async (req, res) => {
    const wave = await createWave(db, parseBody(newWaveSchema, req.body), actorOf(req));
    res.status(201).json({ wave: adminWave(wave) });
  });

  router.patch('/waves/:wave', admin, json, async (req: Request<{ wave: string }>, res) => {
    const wave = await changeWave(db, req.params.wave, parseBody(waveChangesSchema, req.body), actorOf(req));
    waves.invalidate(wave.id);
    res.json({ wave: adminWave(wave) });
  });

  return router;
}
