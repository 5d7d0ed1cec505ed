import express, { Router, type Request, type RequestHandler } from 'express';
import { optionalDevice } from '../kiosks/device-auth.middleware';
import { submitResponse, type IngestionDeps } from './responses.service';
import type { StoredResponse } from './responses.repository';

/** A full SIPAS response is a few kilobytes; anything near this limit is not a response. */
export const RESPONSE_BODY_LIMIT = '64kb';

function present(r: StoredResponse) {
  return {
    id: r.id, wave: r.wave_id, questionnaireVersion: r.survey_version_id, channel: r.channel,
    province: r.province_code, commune: r.commune_code, answers: r.answers,
    receivedAt: r.received_at, status: r.status,
  };
}

/**
 * `kioskGuards` run before the body is read: they recognise a kiosk by its device token and hold it to
 * its rate (kiosks/device-auth.middleware.ts); a response without a token is a citizen's.
 */
export function responseRoutes(deps: IngestionDeps, kioskGuards: RequestHandler[] = []): Router {
  const router = Router();
  router.post('/waves/:wave/responses', ...kioskGuards, express.json({ limit: RESPONSE_BODY_LIMIT, strict: false }), async (req: Request<{ wave: string }>, res) => {
    const { created, response } = await submitResponse(deps, req.params.wave, req.body, optionalDevice(req) ?? undefined);
    res.status(created ? 201 : 200).json({ response: present(response), duplicate: !created });
  });
  return router;
}
