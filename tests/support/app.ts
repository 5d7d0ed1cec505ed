import type { Kysely } from 'kysely';
import { createApp } from '../../server/app';
import type { DatabaseHandle } from '../../server/db/connect';
import type { Database } from '../../server/db/database';
import type { TrustProxy } from '../../server/http/trust-proxy';
import type { KioskPolicy } from '../../server/kiosks/kiosk.policy';
import type { CitizenRatePolicy } from '../../server/responses/citizen-rate-limit';
import { createMigratedDatabase, type TestDatabaseTarget } from './databases';
import { listen, type TestServer } from './http';
import { silentLogger } from './logger';

export interface TestApp {
  db: Kysely<Database>;
  database: DatabaseHandle;
  url: string;
  close(): Promise<void>;
}

/** A per-address limit no test reaches, for tests that post more than a commune hall would. */
export const UNLIMITED: CitizenRatePolicy = { burst: 1_000_000, refillPerMinute: 1_000_000 };

export interface TestAppOptions {
  trustProxy?: TrustProxy;
  kioskPolicy?: KioskPolicy;
  responseRate?: CitizenRatePolicy;
  /** The built client to serve; none by default. */
  clientDir?: string | null;
  publicUrl?: string;
}

/**
 * The whole app listening on an ephemeral port over a database the caller owns: a second server of the
 * platform over the same database, or one whose database cannot be reached. `startTestApp` for the usual case.
 */
export function serveApp(db: Kysely<Database>, options: TestAppOptions = {}): Promise<TestServer> {
  return listen(createApp(
    { clientDir: options.clientDir ?? null, trustProxy: options.trustProxy ?? false, responseRate: options.responseRate, publicUrl: options.publicUrl },
    { db, logger: silentLogger, kioskPolicy: options.kioskPolicy },
  ));
}

/** A freshly migrated database and the whole app listening on an ephemeral port. */
export async function startTestApp(target: TestDatabaseTarget, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createMigratedDatabase(target);
  const server = await serveApp(database.db, options);
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
