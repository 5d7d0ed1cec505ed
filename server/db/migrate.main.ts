import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { prepareDatabase } from '../platform';

/** `npm run db:migrate`: applies pending migrations and seed data, then exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await prepareDatabase(config, createLogger(config.logLevel), { command: 'db:migrate' });
  await database.close();
  process.stdout.write('Đã cập nhật cơ sở dữ liệu (database is up to date)\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`sipas: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(1);
});
