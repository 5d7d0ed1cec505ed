import { Router, type Request, type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import { z } from 'zod';
import { RetryLaterError } from '../errors/app-error';
import { actorOf, currentUser, requireRole } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import { servicePointCode } from '../service-points/service-points.routes';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import type { DeviceCache } from './device-cache';
import { currentDevice, requireDevice } from './device-auth.middleware';
import type { DeviceRow } from './kiosk-devices.repository';
import { devicesFor, enrolDevice, revokeDevice } from './kiosk-devices.service';
import { issueEnrolmentCode, recordKioskStatus, redeemEnrolmentCode } from './kiosk-enrolments.service';
import { TokenBuckets } from './token-buckets';
import { kioskNotFound } from './kiosk.errors';

const enrolmentSchema = z.strictObject({
  servicePoint: servicePointCode,
  wave: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/).nullish().transform((v) => v ?? null),
  label: z.string().trim().min(1).max(100),
});

const redeemSchema = z.strictObject({ code: z.string().max(40) });

const statusSchema = z.strictObject({
  waiting: z.number().int().min(0).max(1_000_000),
  version: z.string().trim().min(1).max(100),
});

const listQuerySchema = z.strictObject({
  servicePoint: servicePointCode.optional(),
  revoked: z.enum(['true', 'false']).optional(),
});

function presentDevice(d: DeviceRow) {
  return {
    id: d.id, label: d.label, status: d.revoked_at ? 'revoked' : 'active', wave: d.wave_id,
    servicePoint: { code: d.point_code, nameVi: d.point_name_vi, geography: d.point_geography, province: d.point_province, active: d.point_active },
    enrolledBy: d.enrolled_by === null ? null : { id: d.enrolled_by, username: d.enrolled_by_username },
    enrolledAt: d.enrolled_at, revokedAt: d.revoked_at, lastSeenAt: d.last_seen_at,
    waitingAnswers: d.waiting_answers, appVersion: d.app_version, reportedAt: d.reported_at,
  };
}

function deviceId(raw: string): string {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw kioskNotFound(raw);
  return id.data;
}

export interface KioskRouteDeps {
  db: Kysely<Database>;
  questionnaires: QuestionnaireCache;
  devices: DeviceCache;
  /** `deviceAuth(devices)`: recognises the kiosk on its own route. */
  deviceAuth: RequestHandler;
}

/**
 * Officials enrol, list and revoke the kiosks of the points they manage (audited; the token is in the
 * enrolment's answer only). A kiosk asks `GET /kiosk/device` who it is, and learns so if it was revoked.
 */
export function kioskDeviceRoutes(deps: KioskRouteDeps): Router {
  const router = Router();
  const managers = requireRole('national_admin', 'province_official');
  const json = jsonBody({ limit: '4kb' });

  router.get('/kiosk-devices', managers, async (req, res) => {
    const q = parseBody(listQuerySchema, req.query);
    const revoked = q.revoked === undefined ? undefined : q.revoked === 'true';
    const devices = await devicesFor(deps.db, currentUser(req), { servicePoint: q.servicePoint, revoked });
    res.json({ devices: devices.map(presentDevice) });
  });

  router.post('/kiosk-devices', managers, json, async (req, res) => {
    const input = parseBody(enrolmentSchema, req.body);
    const { device, token } = await enrolDevice(deps, currentUser(req), input, actorOf(req));
    res.status(201).set('Cache-Control', 'no-store').json({ device: presentDevice(device), token });
  });

  router.post('/kiosk-devices/:id/revoke', managers, async (req: Request<{ id: string }>, res) => {
    const device = await revokeDevice(deps.db, currentUser(req), deviceId(req.params.id), actorOf(req));
    deps.devices.forget(device.id);
    res.json({ device: presentDevice(device) });
  });

  // A one-time code (and its QR, the kiosk page's address with the code) instead of the long token.
  router.post('/kiosk-enrolments', managers, json, async (req, res) => {
    const input = parseBody(enrolmentSchema, req.body);
    const issued = await issueEnrolmentCode(deps, currentUser(req), input, actorOf(req));
    const url = `${req.protocol}://${req.get('host')}/kiosk/${issued.wave ? encodeURIComponent(issued.wave) : ''}#enrol=${issued.code}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    res.status(201).set('Cache-Control', 'no-store').json({ enrolment: { ...issued, url }, qrSvg });
  });

  // Guessing codes is slowed per address (a centre's kiosks share one, but enrol once each).
  const attempts = new TokenBuckets(10, 10);
  router.post('/kiosk/enrol', json, async (req, res) => {
    const wait = attempts.take(req.ip ?? 'unknown', Date.now());
    if (wait > 0) {
      throw new RetryLaterError(429, 'kiosk_enrol_rate_limited',
        `Đã thử quá nhiều mã đăng ký. Vui lòng thử lại sau ${wait} giây.`, `Too many enrolment codes tried. Try again in ${wait} seconds.`, wait);
    }
    const { code } = parseBody(redeemSchema, req.body);
    const { device, token } = await redeemEnrolmentCode(deps.db, code, req.ip ?? null);
    res.status(201).set('Cache-Control', 'no-store').json({ device: presentDevice(device), token });
  });

  router.post('/kiosk/status', deps.deviceAuth, requireDevice, json, async (req, res) => {
    const status = parseBody(statusSchema, req.body);
    await recordKioskStatus(deps.db, currentDevice(req).id, status);
    res.status(204).end();
  });

  router.get('/kiosk/device', deps.deviceAuth, requireDevice, (req, res) => {
    const device = currentDevice(req);
    res.set('Cache-Control', 'no-store').json({
      device: { id: device.id, label: device.label, wave: device.waveId },
      servicePoint: { code: device.servicePoint.code, nameVi: device.servicePoint.nameVi, geography: device.servicePoint.geography, province: device.servicePoint.province },
    });
  });

  return router;
}
