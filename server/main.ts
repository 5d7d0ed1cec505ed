import { ConfigError, loadConfig } from './config';
import { MigrationError } from './db/migrate';
import { describeDemo } from './demo/describe-demo';
import { createLogger } from './logger';
import { start, StartupError } from './platform';

/** Known start-up failures print one line naming the cause; nothing else gets a stack trace here either. */
function fail(err: unknown): never {
  const known = err instanceof ConfigError || err instanceof StartupError || err instanceof MigrationError;
  process.stderr.write(`sipas: ${known ? (err as Error).message : String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.demo) process.stdout.write('Đang tạo dữ liệu mô phỏng (SIPAS_DEMO=1), có thể mất khoảng một phút…\n');
  const platform = await start(config, logger);
  if (platform.demo) process.stdout.write(describeDemo(platform.demo));
  logger.info({ url: platform.url, database: platform.database.kind }, `SIPAS đang chạy tại ${platform.url}`);
  process.stdout.write(`SIPAS đang chạy tại ${platform.url} (database: ${platform.database.kind})\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    platform.stop().then(() => { clearTimeout(force); process.exit(0); }, () => process.exit(1));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch(fail);
