import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database';
import { ROOT } from '../paths';

export const SQL_DIR = path.join(ROOT, 'sql');
const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;
/** Any constant shared by all instances: serialises concurrent start-ups on one PostgreSQL. */
const MIGRATION_LOCK = 5_317_001;

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

interface MigrationFile { name: string; checksum: string; text: string }

function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      return { name, text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Applies pending SQL migrations in file-name order, each in its own transaction, and records them
 * with a checksum. An applied migration whose file has changed stops everything: migrations are frozen.
 * Returns the names applied by this call.
 */
export async function migrate(db: Kysely<Database>, dir = SQL_DIR): Promise<string[]> {
  const files = readMigrations(dir);
  await sql`create table if not exists schema_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(db);

  const applied: string[] = [];
  for (const file of files) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      const row = await trx.selectFrom('schema_migrations').select('checksum')
        .where('name', '=', file.name).executeTakeFirst();
      if (row) {
        if (row.checksum !== file.checksum) {
          throw new MigrationError(
            `Tệp migration ${file.name} đã bị sửa sau khi áp dụng (checksum khác) — ` +
            `migration ${file.name} was changed after it was applied; add a new migration instead.`,
          );
        }
        return false;
      }
      await sql.raw(file.text).execute(trx);
      await trx.insertInto('schema_migrations').values({ name: file.name, checksum: file.checksum }).execute();
      return true;
    });
    if (done) applied.push(file.name);
  }
  return applied;
}
