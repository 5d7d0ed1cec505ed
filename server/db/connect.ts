import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type pgModule from 'pg';
import type CursorClass from 'pg-cursor';
import type { Database } from './database';
import { acquireFolderLock, type FolderLock, type LockRole } from './folder-lock';
import { PGliteDialect } from './pglite-dialect';

export type DatabaseTarget =
  | {
    kind: 'postgres'; url: string; poolMax?: number;
    /** Longest wait for a connection (a new one, or a free one of the pool). @default 3000 */
    connectTimeoutMs?: number;
    /** Longest statement, ended by the server (`statement_timeout`); 0 = none. @default 120000 */
    statementTimeoutMs?: number;
  }
  | {
    kind: 'pglite'; dataDir: string | null /* null = in memory */;
    /** A data directory dumped by PGlite's `dumpDataDir` to start from instead of an empty cluster (tests). */
    loadDataDir?: Blob;
  };

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  /** The lock of the PGlite folder this process holds while the database is open (db/folder-lock.ts). */
  lock?: FolderLock;
  /** Drains queries in flight and closes the pool or the embedded database. */
  close(): Promise<void>;
}

/** Who opens a PGlite folder, as its lock file tells other processes. @default { role: 'command' } */
export interface OpenOptions { role?: LockRole; command?: string }

/**
 * Opens the platform's database. int8 and numeric arrive as strings on both engines
 * (node-postgres does so by default; the PGlite dialect matches it). A PGlite folder is locked first, so a
 * second process is refused (FolderLockedError) before it can touch the files.
 */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    // node-postgres is loaded only for PostgreSQL (~0.15 s of CPU a PGlite start need not pay).
    /* eslint-disable @typescript-eslint/no-require-imports */
    const pg = require('pg') as typeof pgModule;
    const Cursor = require('pg-cursor') as typeof CursorClass;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const statementTimeout = target.statementTimeoutMs ?? 120_000;
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolMax ?? 10,
      // An unreachable database (a closed port, a host that accepts and never answers) fails a request within
      // seconds instead of hanging it: errors/problem.middleware.ts answers 503 with Retry-After.
      connectionTimeoutMillis: target.connectTimeoutMs ?? 3000,
      // The server ends a statement that runs too long; the client gives up a little later should the server
      // itself stop answering mid-query.
      ...(statementTimeout > 0 ? { statement_timeout: statementTimeout, query_timeout: statementTimeout + 5000 } : {}),
    });
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
  const lock = target.dataDir ? await acquireFolderLock(target.dataDir, options.role ?? 'command', options.command) : undefined;
  let db: Kysely<Database>;
  try {
    const client = target.loadDataDir
      ? new PGlite({ dataDir: target.dataDir ?? undefined, loadDataDir: target.loadDataDir })
      : new PGlite(target.dataDir ?? undefined);
    await client.waitReady;
    db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    db, kind: 'pglite', lock,
    async close() {
      try {
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
}
