import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config';
import { FolderLockedError } from './db/folder-lock';
import { MigrationError } from './db/migrate';
import { createDemo } from './demo/demo.service';
import { describeDemo } from './demo/describe-demo';
import { createLogger, type Logger } from './logger';
import { prepareDatabase, start, StartupError } from './platform';

/** Known start-up failures print one line naming the cause; nothing else gets a stack trace here either. */
function fail(err: unknown): never {
  const known = err instanceof ConfigError || err instanceof StartupError || err instanceof MigrationError || err instanceof FolderLockedError;
  process.stderr.write(`sipas: ${known ? (err as Error).message : String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
}

function announce(url: string, config: Config): void {
  const database = config.database.kind;
  const workers = config.workers > 1 ? `, ${config.workers} tiến trình/processes` : '';
  process.stdout.write(`SIPAS đang chạy tại ${url} (database: ${database}${workers})\n`);
  if (!config.publicUrlConfigured) {
    process.stdout.write(
      `Chưa đặt PUBLIC_URL: phiếu mời và mã QR sẽ trỏ tới ${url}; hãy đặt PUBLIC_URL là địa chỉ người dân truy cập được ` +
      `/ PUBLIC_URL is unset: invitations will point to ${url}; set it to the address citizens reach\n`,
    );
  }
}

function onStop(handler: (signal: string) => void): void {
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}

/** One process serving HTTP: the only one, or a worker of the cluster. */
async function serve(config: Config, logger: Logger, announceHere: boolean): Promise<void> {
  if (config.demo && announceHere) process.stdout.write('Đang tạo dữ liệu mô phỏng (SIPAS_DEMO=1), có thể mất khoảng một phút…\n');
  const platform = await start({ ...config, demo: config.demo && announceHere }, logger);
  if (platform.demo) process.stdout.write(describeDemo(platform.demo));
  logger.info({ url: platform.url, database: platform.database.kind }, `SIPAS đang chạy tại ${platform.url}`);
  if (announceHere) announce(platform.url, config);
  else process.send?.({ listening: platform.url });

  let stopping = false;
  onStop((signal) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    platform.stop().then(() => { clearTimeout(force); process.exit(0); }, () => process.exit(1));
  });
}

/**
 * With WEB_CONCURRENCY > 1 (PostgreSQL only) the primary migrates and seeds once, then forks workers that
 * share the port, restarts any that die, and stops them all on SIGTERM.
 */
async function supervise(config: Config, logger: Logger): Promise<void> {
  const database = await prepareDatabase(config, logger);
  const demo = config.demo ? await createDemo(database.db) : null;
  await database.close();
  if (demo) process.stdout.write(describeDemo(demo));
  let stopping = false;
  let ready = 0;
  const fork = () => cluster.fork({ SIPAS_DEMO: '0' }).on('message', (m: { listening?: string }) => {
    if (m.listening && ++ready === config.workers) announce(m.listening, config);
  });
  for (let i = 0; i < config.workers; i++) fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code }, 'worker died; starting another');
    fork();
  });
  onStop(() => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.on('exit', () => { if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0); });
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) return supervise(config, logger);
  return serve(config, logger, cluster.isPrimary);
}

main().catch(fail);
