import path from 'node:path';
import { createServer as createViteServer } from 'vite';
import { createApp } from './app';
import { loadConfig } from './config';
import { startLocalAdmin } from './local-admin/local-admin.server';
import { createLogger } from './logger';
import { prepareDatabase } from './platform';

/**
 * `npm run dev`: the API plus Vite in middleware mode (hot reload for the client); `tsx watch`
 * restarts this process when server code changes.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await prepareDatabase(config, logger, { role: 'server' });
  const vite = await createViteServer({
    configFile: path.resolve(__dirname, '../client/vite.config.ts'),
    server: { middlewareMode: true },
    appType: 'spa',
  });
  const api = createApp({ ...config, clientDir: null }, { db: database.db, logger });
  api.use(vite.middlewares);
  api.listen(config.port, config.host, () => {
    process.stdout.write(`SIPAS (dev) đang chạy tại http://localhost:${config.port}\n`);
  });
  // As `npm start` does: `user:create` reaches this process while it holds the embedded database.
  const lock = database.lock;
  if (lock?.holder.token) {
    const local = await startLocalAdmin(database.db, logger, lock.holder.token);
    lock.advertise({ url: `http://localhost:${config.port}`, localUrl: local.url });
  }
  // `tsx watch` restarts this process with SIGTERM: close the database so the next one finds the folder free.
  process.once('SIGTERM', () => { void database.close().finally(() => process.exit(0)); });
}

main().catch((err: unknown) => {
  process.stderr.write(`sipas: ${(err as Error).message}\n`);
  process.exit(1);
});
