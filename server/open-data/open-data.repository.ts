import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

/** Sets or clears a run's publication; returns the run's new state, or undefined when it does not exist. */
export function setPublication(db: Kysely<Database> | Transaction<Database>, runId: string, publishedBy: number | null, published: boolean) {
  return db.updateTable('estimation_runs')
    .set(published ? { published_at: new Date(), published_by: publishedBy } : { published_at: null, published_by: null })
    .where('id', '=', runId)
    .returning(['id', 'wave_id', 'geography_code', 'status', 'published_at'])
    .executeTakeFirst();
}

function publishedRuns(db: Kysely<Database>) {
  return db.selectFrom('estimation_runs').innerJoin('waves', 'waves.id', 'estimation_runs.wave_id')
    .select([
      'estimation_runs.id', 'estimation_runs.wave_id', 'estimation_runs.geography_code', 'estimation_runs.schemes',
      'estimation_runs.respondent_count', 'estimation_runs.finished_at', 'estimation_runs.published_at',
      'estimation_runs.input_fingerprint', 'estimation_runs.code_version',
      'waves.year', 'waves.title_vi', 'waves.title_en', 'waves.design', 'waves.is_synthetic',
    ])
    .where('estimation_runs.published_at', 'is not', null);
}

/** Published runs with their wave, newest publication first. */
export function listPublishedRuns(db: Kysely<Database>) {
  return publishedRuns(db).orderBy('estimation_runs.published_at', 'desc').execute();
}

export type PublishedRun = Awaited<ReturnType<typeof listPublishedRuns>>[number];

export function findPublishedRun(db: Kysely<Database>, runId: string): Promise<PublishedRun | undefined> {
  return publishedRuns(db).where('estimation_runs.id', '=', runId).executeTakeFirst();
}
