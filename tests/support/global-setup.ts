import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { PGliteDialect } from '../../server/db/pglite-dialect';
import { seedGeography } from '../../server/geography/geography.seed';
import { SNAPSHOT_ENV } from './pglite-snapshot';

/**
 * Runs once per `npm test`, before any test file: one embedded database is created, migrated and seeded,
 * and its data directory dumped to a file of this run's own (random name, so two runs at once never share
 * it). Every test's "fresh migrated PGlite database" then starts from that dump instead of running initdb,
 * every migration and the geography seed again (support/databases.ts).
 */
export default async function globalSetup(): Promise<void> {
  const client = new PGlite();
  await client.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  try {
    await migrate(db);
    await seedGeography(db);
    const dump = await client.dumpDataDir('none');
    const file = path.join(tmpdir(), `sipas-test-pglite-${process.pid}-${randomBytes(6).toString('hex')}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    process.env[SNAPSHOT_ENV] = file;
  } finally {
    await db.destroy();
  }
}
