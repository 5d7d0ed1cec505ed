import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '../../server/db/connect';
import { migrate } from '../../server/db/migrate';
import { seedGeography } from '../../server/geography/geography.seed';
import { migratedSnapshot } from './pglite-snapshot';

/** A database engine the integration tests run against: PGlite always, PostgreSQL when CI provides it. */
export interface TestDatabaseTarget {
  name: 'PGlite' | 'PostgreSQL';
  /** A fresh, empty database (nothing migrated). */
  createEmpty(): Promise<DatabaseHandle>;
}

const pglite: TestDatabaseTarget = {
  name: 'PGlite',
  createEmpty: () => openDatabase({ kind: 'pglite', dataDir: null }),
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function postgres(adminUrl: string): TestDatabaseTarget {
  return {
    name: 'PostgreSQL',
    async createEmpty() {
      const name = `sipas_test_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const handle = await openDatabase({ kind: 'postgres', url: withDatabase(adminUrl, name), poolMax: 10 });
      return {
        ...handle,
        async close() {
          await handle.close();
          const c = new Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`drop database if exists ${name} with (force)`);
          await c.end();
        },
      };
    },
  };
}

export const testDatabases: TestDatabaseTarget[] = process.env.TEST_DATABASE_URL
  ? [pglite, postgres(process.env.TEST_DATABASE_URL)]
  : [pglite];

/** A fresh database with every migration and the seed data applied. */
export async function createMigratedDatabase(target: TestDatabaseTarget): Promise<DatabaseHandle> {
  // The run's snapshot (global-setup.ts) holds exactly this; loading it skips initdb, migrations and seed.
  const snapshot = target.name === 'PGlite' ? migratedSnapshot() : null;
  if (snapshot) return openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: snapshot });
  const handle = await target.createEmpty();
  await migrate(handle.db);
  await seedGeography(handle.db);
  return handle;
}
