import express, { Router } from 'express';
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

export function responseRoutes(deps: IngestionDeps): Router {
  const router = Router();
  router.post('/waves/:wave/responses', express.json({ limit: RESPONSE_BODY_LIMIT, strict: false }), async (req, res) => {
    const { created, response } = await submitResponse(deps, req.params.wave, req.body);
    res.status(created ? 201 : 200).json({ response: present(response), duplicate: !created });
  });
  return router;
}
