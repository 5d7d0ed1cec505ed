import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository';
import { loadConfig } from '../config';
import type { DatabaseHandle } from '../db/connect';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { createLogger } from '../logger';
import { prepareDatabase } from '../platform';
import { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { required } from './arguments';
import { UsageError } from './command';

/** Opens the configured database for a command, turning the platform's 4xx problems into bad input (status 2). */
export async function withCommandDatabase<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await prepareDatabase(loadConfig(), createLogger('silent'));
  try {
    return await work(database);
  } catch (error) {
    if (error instanceof AppError && error.status < 500) throw new UsageError(error.title, error.titleEn);
    throw error;
  } finally {
    await database.close();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `--run` option: a stored run's id (a UUID). */
export function runIdOption(value: string | undefined): string {
  const id = required('run', value);
  if (!UUID.test(id)) throw new UsageError(`--run phải là mã lần ước lượng (UUID), không phải "${id}"`, `--run must be a run id (a UUID), not "${id}"`);
  return id;
}

export interface StoredRunDeps { db: Kysely<Database>; questionnaires: QuestionnaireCache }

/**
 * Makes one file of a stored run (report, estimates, microdata) from the configured database and audits it
 * as an export made from the command line, with `details` of what was made.
 */
export function exportStoredRun<T>(
  runId: string,
  make: (deps: StoredRunDeps) => Promise<T>,
  details: (made: T) => Record<string, unknown>,
): Promise<T> {
  return withCommandDatabase(async ({ db }) => {
    const made = await make({ db, questionnaires: new QuestionnaireCache(db) });
    await recordAudit(db, { action: 'export', actorId: null, target: `run:${runId}`, details: { ...details(made), via: 'cli' } });
    return made;
  });
}
