import { Router, type Request } from 'express';
import { z } from 'zod';
import { currentUser, requireRole, requireUser } from '../auth/session.middleware';
import { parseBody } from '../http/parse-body';
import { listSurveyVersions } from './dashboard.repository';
import { officialWaves } from './official-waves.service';
import { nationalOverview } from './overview.service';
import { perceptions } from './perceptions.service';
import { provinceDetail } from './province.service';
import { provinceRankings } from './rankings.service';
import { loadUnits } from './units.repository';
import type { DashboardDeps } from './wave-view';

const geography = z.enum(['vn-63', 'vn-34']);
const unitCode = z.string().regex(/^\d{2}$/);
const viewQuery = z.object({ geography: geography.optional() });
const rankingQuery = viewQuery.extend({ indicator: z.string().regex(/^[a-z][a-z0-9_]*$/).default('sipas') });
const perceptionQuery = viewQuery.extend({ province: unitCode.optional() });
const unitsQuery = z.object({ geography });

type WaveRequest = Request<{ wave: string }>;

/**
 * The officials' dashboard: read-only views of stored estimation runs (and perception tallies), for every
 * signed-in official; province officials see other units' details refused (403) and lists narrowed.
 */
export function dashboardRoutes(deps: DashboardDeps): Router {
  const router = Router();
  const signedIn = requireUser();

  router.get('/dashboard/waves', signedIn, async (_req, res) => {
    res.json({ waves: await officialWaves(deps.db) });
  });

  router.get('/dashboard/waves/:wave/overview', signedIn, async (req: WaveRequest, res) => {
    const q = parseBody(viewQuery, req.query);
    res.json(await nationalOverview(deps, currentUser(req), req.params.wave, q.geography));
  });

  router.get('/dashboard/waves/:wave/rankings', signedIn, async (req: WaveRequest, res) => {
    const q = parseBody(rankingQuery, req.query);
    res.json(await provinceRankings(deps, currentUser(req), req.params.wave, q.geography, q.indicator));
  });

  router.get('/dashboard/waves/:wave/provinces/:province', signedIn, async (req: Request<{ wave: string; province: string }>, res) => {
    const q = parseBody(viewQuery, req.query);
    const province = parseBody(z.object({ province: unitCode }), req.params).province;
    res.json(await provinceDetail(deps, currentUser(req), req.params.wave, province, q.geography));
  });

  router.get('/dashboard/waves/:wave/perceptions', signedIn, async (req: WaveRequest, res) => {
    const q = parseBody(perceptionQuery, req.query);
    res.json(await perceptions(deps, currentUser(req), req.params.wave, q.geography, q.province));
  });

  router.get('/dashboard/units', signedIn, async (req, res) => {
    const q = parseBody(unitsQuery, req.query);
    res.json({ geography: q.geography, units: await loadUnits(deps.db, q.geography) });
  });

  router.get('/dashboard/survey-versions', requireRole('national_admin'), async (_req, res) => {
    const versions = await listSurveyVersions(deps.db);
    res.json({
      versions: versions.map((v) => ({
        id: v.id, survey: v.survey_id, version: v.version, titleVi: v.title_vi, titleEn: v.title_en, publishedAt: v.published_at,
      })),
    });
  });

  return router;
}
