import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Database } from './database';
import { PGliteDialect } from './pglite-dialect';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolMax?: number }
  | { kind: 'pglite'; dataDir: string | null /* null = in memory */ };

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  /** Drains queries in flight and closes the pool or the embedded database. */
  close(): Promise<void>;
}

/**
 * Opens the platform's database. int8 and numeric arrive as strings on both engines
 * (node-postgres does so by default; the PGlite dialect matches it).
 */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolMax ?? 10 });
    // A client losing its server (restart, network) must not crash the process. The pool catches errors
    // of idle clients; a checked-out client has no listener of the pool's, so it gets its own: the query
    // in flight still fails, and the pool discards the broken client when it is released.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    // The cursor lets large reads (a wave's responses) stream instead of arriving as one array.
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const client = new PGlite(target.dataDir ?? undefined);
  await client.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
