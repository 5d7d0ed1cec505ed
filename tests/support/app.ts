import type { Kysely } from 'kysely';
import { createApp } from '../../server/app';
import type { DatabaseHandle } from '../../server/db/connect';
import type { Database } from '../../server/db/database';
import type { TrustProxy } from '../../server/http/trust-proxy';
import type { KioskPolicy } from '../../server/kiosks/kiosk.policy';
import type { CitizenRatePolicy } from '../../server/responses/citizen-rate-limit';
import { createMigratedDatabase, type TestDatabaseTarget } from './databases';
import { listen } from './http';
import { silentLogger } from './logger';

export interface TestApp {
  db: Kysely<Database>;
  database: DatabaseHandle;
  url: string;
  close(): Promise<void>;
}

/** A per-address limit no test reaches, for tests that post more than a commune hall would. */
export const UNLIMITED: CitizenRatePolicy = { burst: 1_000_000, refillPerMinute: 1_000_000 };

/** A freshly migrated database and the whole app listening on an ephemeral port. */
export async function startTestApp(target: TestDatabaseTarget, options: {
  trustProxy?: TrustProxy; kioskPolicy?: KioskPolicy; responseRate?: CitizenRatePolicy;
} = {}): Promise<TestApp> {
  const database = await createMigratedDatabase(target);
  const server = await listen(createApp(
    { clientDir: null, trustProxy: options.trustProxy ?? false, responseRate: options.responseRate },
    { db: database.db, logger: silentLogger, kioskPolicy: options.kioskPolicy },
  ));
  return {
    db: database.db,
    database,
    url: server.url,
    async close() {
      await server.close();
      await database.close();
    },
  };
}
