import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { required } from './arguments';
import { UsageError } from './command';
import { withCommandDatabase } from './command-database';

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
 * as an export made from the command line `command`, with `details` of what was made. While the server holds
 * the embedded database, the command is refused (cli/command-database.ts): the run page makes the same files.
 */
export function exportStoredRun<T>(
  command: string,
  runId: string,
  make: (deps: StoredRunDeps) => Promise<T>,
  details: (made: T) => Record<string, unknown>,
): Promise<T> {
  return withCommandDatabase(command, async ({ db }) => {
    try {
      const made = await make({ db, questionnaires: new QuestionnaireCache(db) });
      await recordAudit(db, { action: 'export', actorId: null, target: `run:${runId}`, details: { ...details(made), via: 'cli' } });
      return made;
    } catch (error) {
      // The platform's 4xx problems (no such run, …) are bad input here: status 2.
      if (error instanceof AppError && error.status < 500) throw new UsageError(error.title, error.titleEn);
      throw error;
    }
  });
}
