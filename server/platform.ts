import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { sql } from 'kysely';
import { createApp } from './app';
import type { Config } from './config';
import { openDatabase, type DatabaseHandle, type OpenOptions } from './db/connect';
import { FolderLockedError } from './db/folder-lock';
import { migrate } from './db/migrate';
import { seedGeography } from './geography/geography.seed';
import { createDemo, type DemoResult } from './demo/demo.service';
import { startLocalAdmin } from './local-admin/local-admin.server';
import type { Logger } from './logger';
import { seedSurveys } from './surveys/surveys.seed';
import { seedFirstWave } from './waves/waves.seed';

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export interface RunningPlatform {
  url: string;
  database: DatabaseHandle;
  /** What the opt-in demo created at this start (SIPAS_DEMO=1), if anything. */
  demo: DemoResult | null;
  /** Stops accepting connections, lets requests in flight finish, then closes the database. */
  stop(): Promise<void>;
}

function describeTarget(config: Config): string {
  if (config.database.kind === 'pglite') return `PGlite (${config.database.dataDir ?? 'in memory'})`;
  const url = new URL(config.database.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/**
 * Opens the database, applies migrations and seed data, and prepares it for the app. `options` say who
 * opens it (a server, or which command) for the lock of a PGlite folder; a folder another process holds is
 * refused with its {@link FolderLockedError}.
 */
export async function prepareDatabase(config: Config, logger: Logger, options: OpenOptions = {}): Promise<DatabaseHandle> {
  let database: DatabaseHandle;
  try {
    database = await openDatabase(config.database, options);
    await sql`select 1`.execute(database.db);
  } catch (err) {
    if (err instanceof FolderLockedError) throw err;
    const variable = config.database.kind === 'postgres' ? 'DATABASE_URL' : 'SIPAS_DATA_DIR';
    throw new StartupError(
      `Không mở được cơ sở dữ liệu ${variable} (${describeTarget(config)}): ${(err as Error).message || String(err)} — cannot open the database named by ${variable}`,
    );
  }
  try {
    const applied = await migrate(database.db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    await seedGeography(database.db);
    const surveys = await seedSurveys(database.db);
    await seedFirstWave(database.db, surveys, new Date().getFullYear());
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

export async function start(config: Config, logger: Logger): Promise<RunningPlatform> {
  const database = await prepareDatabase(config, logger, { role: 'server' });
  const demo = config.demo ? await createDemo(database.db) : null;
  // Read by the invitation routes at each use: without PUBLIC_URL, this machine's address once it is known.
  const appConfig = { ...config };
  const app = createApp(appConfig, { db: database.db, logger });
  const server = http.createServer(app);
  // Outlive the idle timeout of proxies and clients that keep connections open (typically 60 s), so the
  // server never closes a socket at the moment a client reuses it.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  }).catch(async (err) => {
    await database.close();
    throw new StartupError(`Không mở được cổng PORT=${config.port}: ${(err as Error).message} — cannot listen on PORT`);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}`;
  if (!config.publicUrlConfigured) appConfig.publicUrl = url;
  // Holding a PGlite folder: the command line asks this server instead of opening the folder.
  const lock = database.lock;
  const local = lock?.holder.token ? await startLocalAdmin(database.db, logger, lock.holder.token) : null;
  lock?.advertise({ url, localUrl: local?.url });
  return {
    url,
    database,
    demo,
    async stop() {
      await local?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await database.close();
    },
  };
}
