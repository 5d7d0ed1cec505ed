import express, { type Express, type Request, type RequestHandler } from 'express';
import { jsonBody } from '../http/json-body';
import { optionalDevice } from '../kiosks/device-auth.middleware';
import { CITIZEN_RATE_POLICY, citizenRateLimit, type CitizenRatePolicy } from './citizen-rate-limit';
import { submitResponse, type IngestionDeps } from './responses.service';
import type { StoredResponse } from './responses.repository';

/** A full SIPAS response is a few kilobytes; anything near this limit is not a response. */
export const RESPONSE_BODY_LIMIT = '64kb';

/**
 * The acknowledgement names the stored record but does not echo its answers: the client has just sent them,
 * and a kiosk on a slow link need not download them again (nor the server serialise them, per response).
 */
function present(r: StoredResponse) {
  return {
    id: r.id, wave: r.wave_id, questionnaireVersion: r.survey_version_id, channel: r.channel,
    province: r.province_code, commune: r.commune_code,
    receivedAt: r.received_at, status: r.status,
  };
}

// Its fields are named as the client composed them (`answers.comment`, `deviceId`), as validation names them.
const RESPONSE_BODY = jsonBody({ limit: RESPONSE_BODY_LIMIT, strict: false, root: '' });

/** Where citizens and kiosks post responses. */
export const RESPONSES_PATH = '/api/waves/:wave/responses';

/**
 * Registers the ingestion route on the app itself, ahead of the API router: it is the busiest route by
 * far, and every router level a request passes through costs CPU at thousands of responses a second.
 * `kioskGuards` run before the body is read: they recognise a kiosk by its device token and hold it to
 * its rate (kiosks/device-auth.middleware.ts); a response without a token is a citizen's, and its client
 * address is held to `citizenRate` (citizen-rate-limit.ts).
 */
export function mountResponseRoute(
  app: Express, deps: IngestionDeps, kioskGuards: RequestHandler[] = [], citizenRate: CitizenRatePolicy = CITIZEN_RATE_POLICY,
): void {
  // The kiosk guards only ever act on a request that carries a device token; every other request is a citizen's.
  const guards = express.Router().use(...kioskGuards);
  const citizens = citizenRateLimit(citizenRate);
  const kioskGate: RequestHandler = (req, res, next) => (req.headers.authorization === undefined ? citizens(req, res, next) : guards(req, res, next));
  app.post(RESPONSES_PATH, kioskGate, RESPONSE_BODY, async (req: Request<{ wave: string }>, res) => {
    const { created, response } = await submitResponse(deps, req.params.wave, req.body, optionalDevice(req) ?? undefined);
    // Written directly rather than with res.json(), which would also hash the body for an ETag that no
    // client of a POST can use (a measurable cost at thousands of responses a second).
    res.status(created ? 201 : 200).type('application/json; charset=utf-8')
      .end(JSON.stringify({ response: present(response), duplicate: !created }));
  });
}
