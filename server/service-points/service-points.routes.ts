import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { GEOGRAPHIES } from '../auth/roles';
import { actorOf, currentUser, optionalUser, requireRole, requireUser } from '../auth/session.middleware';
import type { Database, GeographyCode } from '../db/database';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import { requirePublicWave } from '../waves/require-wave';
import { servicePointScope } from './service-point-access';
import { listServicePoints, type ServicePoint } from './service-points.repository';
import { changeServicePoint, registerServicePoint } from './service-points.service';

/** Same rule as the `service_points.code` check, after upper-casing: `hn-badinh-01` is `HN-BADINH-01`. */
export const servicePointCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9._-]{1,39}$/);
const nameVi = z.string().trim().min(1).max(200);
const geography = z.enum(GEOGRAPHIES);
const province = z.string().regex(/^\d{2}$/);

const newPointSchema = z.strictObject({
  code: servicePointCode,
  nameVi,
  geography,
  province,
  commune: z.string().regex(/^\d{5}$/).nullish().transform((v) => v ?? null),
});

const pointChangesSchema = z.strictObject({ nameVi: nameVi.optional(), active: z.boolean().optional() });

const listQuerySchema = z.strictObject({
  geography: geography.optional(),
  province: province.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export function presentServicePoint(p: ServicePoint) {
  return {
    code: p.code, nameVi: p.name_vi, geography: p.province_geography, province: p.province_code,
    commune: p.commune_code, active: p.active, createdAt: p.created_at,
  };
}

/**
 * Registering and listing service points (officials, within their province; changes audited), and the
 * public list of a wave's active points that the citizen page offers as choices. `onChanged` hears of
 * every changed point (the kiosk device cache forgets it).
 */
export function servicePointRoutes(db: Kysely<Database>, onChanged: (code: string) => void = () => undefined): Router {
  const router = Router();
  const managers = requireRole('national_admin', 'province_official');
  const json = jsonBody({ limit: '8kb' });

  router.get('/service-points', requireUser(), async (req, res) => {
    const q = parseBody(listQuerySchema, req.query);
    const points = await listServicePoints(db, {
      geography: q.geography, province: q.province, active: q.active === undefined ? undefined : q.active === 'true',
      provinces: servicePointScope(currentUser(req)),
    });
    res.json({ servicePoints: points.map(presentServicePoint) });
  });

  router.post('/service-points', managers, json, async (req, res) => {
    const point = await registerServicePoint(db, currentUser(req), parseBody(newPointSchema, req.body), actorOf(req));
    res.status(201).json({ servicePoint: presentServicePoint(point) });
  });

  router.patch('/service-points/:code', managers, json, async (req: Request<{ code: string }>, res) => {
    const changes = parseBody(pointChangesSchema, req.body);
    const point = await changeServicePoint(db, currentUser(req), req.params.code.toUpperCase(), changes, actorOf(req));
    onChanged(point.code);
    res.json({ servicePoint: presentServicePoint(point) });
  });

  router.get('/waves/:wave/service-points', async (req, res) => {
    const wave = await requirePublicWave(db, req.params.wave, optionalUser(req));
    const points = await listServicePoints(db, { geography: wave.geography_code as GeographyCode, active: true });
    res.json({ servicePoints: points.map((p) => ({ code: p.code, nameVi: p.name_vi, province: p.province_code })) });
  });

  return router;
}
