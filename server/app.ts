import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { clientPages } from './http/client-pages';
import { FIRST_PAGE_SCRIPT_HASH, firstPageSource } from './http/first-page';
import { compressWholeDocuments } from './http/compression.middleware';
import type { Kysely } from 'kysely';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './auth/auth.routes';
import { authSession } from './auth/session.middleware';
import { userRoutes } from './auth/users.routes';
import type { Config } from './config';
import type { Database } from './db/database';
import { apiNotFound, problemHandler } from './errors/problem.middleware';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { runRoutes } from './estimation-runs/runs.routes';
import { exportRoutes } from './exports/exports.routes';
import { fieldworkRoutes } from './fieldwork/fieldwork.routes';
import { GeographyCache } from './geography/geography.cache';
import { healthRoutes } from './health/health.routes';
import { refuseHostileUrl } from './http/hostile-url.middleware';
import { requestLog } from './http/request-log.middleware';
import { invitationRoutes } from './invitations/invitations.routes';
import { createKiosks } from './kiosks/kiosks';
import type { KioskPolicy } from './kiosks/kiosk.policy';
import type { Logger } from './logger';
import { openDataRoutes } from './open-data/open-data.routes';
import { reportRoutes } from './reports/reports.routes';
import { paperRoutes } from './paper/paper.routes';
import { ResponseWriter } from './responses/response-writer';
import { mountResponseRoute } from './responses/responses.routes';
import { samplePlanRoutes } from './sampling/sample-plans.routes';
import { servicePointRoutes } from './service-points/service-points.routes';
import { QuestionnaireCache } from './surveys/questionnaire.cache';
import { WaveCache } from './waves/wave.cache';
import { waveAdminRoutes } from './waves/waves.admin.routes';
import { waveRoutes } from './waves/waves.routes';
import { weightRoutes } from './weights/weights.routes';

export interface AppDeps {
  db: Kysely<Database>;
  logger: Logger;
  /** Kiosk rate limits and device cache; tests shorten them. @default KIOSK_POLICY */
  kioskPolicy?: KioskPolicy;
}

/** Where invitations point when no public address is given (tests that need none). */
const FALLBACK_PUBLIC_URL = 'http://localhost:3000';

/**
 * Builds the Express app. It never listens: main.ts (or a test) does. `config.publicUrl` is read at each
 * use, so a server started on port 0 can set it once it knows its port.
 */
export function createApp(config: Pick<Config, 'clientDir' | 'trustProxy'> & Partial<Pick<Config, 'openDataMinN' | 'publicUrl' | 'responseRate'>>, deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        // SurveyJS sets inline styles on elements; scripts stay same-origin only.
        'style-src': ["'self'", "'unsafe-inline'"],
        // The one inline script: the citizen page's static first page (http/first-page.ts), by its hash.
        'script-src': ["'self'", FIRST_PAGE_SCRIPT_HASH],
        'img-src': ["'self'", 'data:'],
        // Kiosks reach the server over plain HTTP on the centre's network.
        'upgrade-insecure-requests': null,
      },
    },
  }));
  app.use(requestLog(deps.logger));
  // Before any route: no handler is ever given a path or query PostgreSQL would refuse (http/hostile-url.middleware.ts).
  app.use(refuseHostileUrl);
  // The app's files and JSON answers go out compressed: ~0.4 MB of script instead of ~2 MB on a slow phone.
  app.use(compressWholeDocuments);

  const questionnaires = new QuestionnaireCache(deps.db);
  const geography = new GeographyCache(deps.db);
  const waves = new WaveCache(deps.db);
  const kiosks = createKiosks({ db: deps.db, logger: deps.logger, questionnaires, policy: deps.kioskPolicy });
  // First: citizens' and kiosks' responses are the busiest route by far, and need no official's session.
  const ingestion = { db: deps.db, questionnaires, geography, waves, writer: new ResponseWriter(deps.db) };
  mountResponseRoute(app, ingestion, kiosks.submissionGuards, config.responseRate);
  app.use(healthRoutes(deps.db));
  const api = express.Router();
  api.use(authSession(deps.db));
  api.use(authRoutes(deps.db));
  api.use(userRoutes(deps.db));
  api.use(auditRoutes(deps.db));
  api.use(waveRoutes(deps.db, questionnaires));
  api.use(waveAdminRoutes(deps.db, waves));
  api.use(servicePointRoutes(deps.db, kiosks.forgetServicePoint));
  api.use(kiosks.routes);
  api.use(runRoutes(deps.db, questionnaires));
  api.use(reportRoutes(deps.db, questionnaires));
  api.use(exportRoutes(deps.db, questionnaires));
  api.use(openDataRoutes(deps.db, questionnaires, { minCellSize: config.openDataMinN ?? 30 }));
  api.use(dashboardRoutes({ db: deps.db, questionnaires }));
  api.use(samplePlanRoutes({ db: deps.db, geography }));
  api.use(invitationRoutes(deps.db, () => config.publicUrl ?? FALLBACK_PUBLIC_URL));
  api.use(weightRoutes(deps.db, questionnaires));
  api.use(fieldworkRoutes(deps.db, questionnaires));
  api.use(paperRoutes(ingestion));
  api.use(apiNotFound);
  app.use('/api', api);

  if (config.clientDir && existsSync(path.join(config.clientDir, 'index.html'))) {
    app.use(clientPages(config.clientDir, { firstPage: firstPageSource(deps.db, questionnaires, waves) }));
  }
  app.use(problemHandler(deps.logger));
  return app;
}
