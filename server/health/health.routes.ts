import { Router } from 'express';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { DATABASE_RETRY_AFTER_SECONDS } from '../db/unavailable';

const READY_TIMEOUT_MS = 2000;

/** `/healthz`: the process answers. `/readyz`: the database answers too. */
export function healthRoutes(db: Kysely<Database>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await Promise.race([
        sql`select 1`.execute(db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS).unref()),
      ]);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS)).type('application/problem+json').send(JSON.stringify({
        type: 'urn:sipas:problem:not_ready', status: 503,
        title: 'Cơ sở dữ liệu chưa sẵn sàng', title_en: 'Database not ready',
      }));
    }
  });
  return router;
}
