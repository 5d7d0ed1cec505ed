import { communeGeography } from '../geography/commune-geography';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import { optionalUser } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { listCommunes, listProvinces } from '../geography/geography.repository';
import { asksForServicePoint } from '../service-points/service-point-question';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requirePublicWave } from './require-wave';
import { listWaves, type Wave } from './waves.repository';

export function publicWave(w: Wave) {
  return {
    id: w.id, year: w.year, geography: w.geography_code, titleVi: w.title_vi, titleEn: w.title_en,
    design: w.design, status: w.status, isSynthetic: w.is_synthetic, questionnaireVersion: w.survey_version_id,
  };
}

/**
 * Public reading routes the citizen page and kiosks need: open waves, their questionnaire and places.
 * A draft wave is an official's only (requirePublicWave).
 */
export function waveRoutes(db: Kysely<Database>, questionnaires: QuestionnaireCache): Router {
  const router = Router();

  // `kiosk`: the questionnaire asks for the service point, so a kiosk can collect it (the /kiosk/ list).
  router.get('/waves', async (_req, res) => {
    const waves = await listWaves(db, { status: 'open' });
    const kiosk = await Promise.all(waves.map(async (w) => asksForServicePoint((await questionnaires.get(w.survey_version_id)).plan)));
    res.json({ waves: waves.map((w, i) => ({ ...publicWave(w), kiosk: kiosk[i] })) });
  });

  router.get('/waves/:wave/questionnaire', async (req, res) => {
    const wave = await requirePublicWave(db, req.params.wave, optionalUser(req));
    const { version } = await questionnaires.get(wave.survey_version_id);
    const provinces = await listProvinces(db, wave.geography_code);
    res.json({ wave: publicWave(wave), questionnaire: version.definition, provinces });
  });

  router.get('/waves/:wave/communes', async (req, res) => {
    const wave = await requirePublicWave(db, req.params.wave, optionalUser(req));
    const province = typeof req.query.province === 'string' ? req.query.province : undefined;
    res.json({ communes: await listCommunes(db, communeGeography(wave), province) });
  });

  return router;
}
