import type { Request, RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { DeviceCache } from './device-cache';
import { isWellFormedDeviceToken } from './device-token';
import type { KioskDevice } from './kiosk-device';
import { kioskNotEnrolled, kioskPointInactive, kioskRateLimited, kioskRevoked } from './kiosk.errors';
import type { KioskPolicy } from './kiosk.policy';
import { TokenBuckets } from './token-buckets';

const devices = new WeakMap<Request, KioskDevice>();
const BEARER = /^Bearer ([^\s]+)$/i;

/**
 * A request with `Authorization: Bearer <device token>` comes from a kiosk: it goes on only if the
 * token belongs to a live device at an active point, and 401/403 otherwise. Requests without the header
 * pass untouched (citizens' phones). The device is then available through `optionalDevice(req)`.
 */
export function deviceAuth(cache: DeviceCache): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (header === undefined) return next();
    const token = BEARER.exec(header)?.[1];
    const device = token && isWellFormedDeviceToken(token) ? await cache.resolve(token) : null;
    if (!device) throw kioskNotEnrolled();
    if (device.revokedAt) throw kioskRevoked();
    if (!device.servicePoint.active) throw kioskPointInactive();
    devices.set(req, device);
    next();
  };
}

export function optionalDevice(req: Request): KioskDevice | null {
  return devices.get(req) ?? null;
}

/** The kiosk making the request; refuses with 401 when it is not one. Use after `deviceAuth`. */
export const requireDevice: RequestHandler = (req, _res, next) => {
  if (!devices.has(req)) throw kioskNotEnrolled();
  next();
};

export function currentDevice(req: Request): KioskDevice {
  const device = devices.get(req);
  if (!device) throw kioskNotEnrolled();
  return device;
}

/**
 * Limits each kiosk, by its device, never by address: a centre's kiosks share one public IP. Over the
 * limit a device gets 429 with `Retry-After`, and is logged and flagged in the audit log (at most once per
 * `flagEveryMs`, with how many requests were refused since).
 */
export function deviceRateLimit(db: Kysely<Database>, logger: Logger, policy: KioskPolicy): RequestHandler {
  const buckets = new TokenBuckets(policy.burst, policy.refillPerMinute);
  const flags = new Map<string, { at: number; refused: number }>();
  return async (req, _res, next) => {
    const device = optionalDevice(req);
    if (!device) return next();
    const now = Date.now();
    const retryAfter = buckets.take(device.id, now);
    if (retryAfter === 0) return next();
    let flag = flags.get(device.id);
    if (!flag) flags.set(device.id, (flag = { at: -Infinity, refused: 0 }));
    flag.refused += 1;
    if (now - flag.at >= policy.flagEveryMs) {
      const details = { servicePoint: device.servicePoint.code, label: device.label, refused: flag.refused };
      logger.warn({ device: device.id, ...details }, 'kiosk over its rate limit');
      await recordAudit(db, { action: 'kiosk_rate_limited', actorId: null, ip: req.ip ?? null, target: `kiosk:${device.id}`, details });
      flag.at = now;
      flag.refused = 0;
    }
    throw kioskRateLimited(retryAfter);
  };
}
