import type { RequestHandler, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { DeviceCache } from './device-cache';
import { deviceAuth, deviceRateLimit } from './device-auth.middleware';
import { kioskDeviceRoutes } from './kiosk-devices.routes';
import { KIOSK_POLICY, type KioskPolicy } from './kiosk.policy';

export interface Kiosks {
  /** Enrolment, listing and revocation, and the kiosk's own `GET /kiosk/device`. */
  routes: Router;
  /** For the response route: recognise a kiosk by its token, then hold it to its rate. */
  submissionGuards: RequestHandler[];
  /** Call when a service point changes (deactivated): its kiosks are looked up afresh. */
  forgetServicePoint(code: string): void;
}

/** Everything the API needs to know kiosks; one device cache, shared so a revocation applies at once. */
export function createKiosks(deps: {
  db: Kysely<Database>; logger: Logger; questionnaires: QuestionnaireCache; policy?: KioskPolicy;
}): Kiosks {
  const policy = deps.policy ?? KIOSK_POLICY;
  const devices = new DeviceCache(deps.db, policy);
  const authenticate = deviceAuth(devices);
  return {
    routes: kioskDeviceRoutes({ db: deps.db, questionnaires: deps.questionnaires, devices, deviceAuth: authenticate }),
    submissionGuards: [authenticate, deviceRateLimit(deps.db, deps.logger, policy)],
    forgetServicePoint: (code) => devices.forgetServicePoint(code),
  };
}
