import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DisclosureAudit } from './disclosure-audit';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Publishes a run with the disclosure audit the public view will follow, or withdraws it (clearing the
 * audit, so that a later publication audits again); returns the run's new state, or undefined when it
 * does not exist.
 */
export function setPublication(db: Db, runId: string, publishedBy: number | null, audit: DisclosureAudit | null) {
  return db.updateTable('estimation_runs')
    .set(audit
      ? { published_at: new Date(), published_by: publishedBy, disclosure: JSON.stringify(audit) }
      : { published_at: null, published_by: null, disclosure: null })
    .where('id', '=', runId)
    .returning(['id', 'wave_id', 'geography_code', 'status', 'published_at'])
    .executeTakeFirst();
}

/** Stores the audit of a run published before audits were kept (migration 0008), once. */
export async function storeMissingDisclosure(db: Db, runId: string, audit: DisclosureAudit): Promise<void> {
  await db.updateTable('estimation_runs').set({ disclosure: JSON.stringify(audit) })
    .where('id', '=', runId).where('published_at', 'is not', null).where('disclosure', 'is', null)
    .execute();
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

export async function findPublishedRun(db: Kysely<Database>, runId: string): Promise<(PublishedRun & { disclosure: DisclosureAudit | null }) | undefined> {
  const run = await publishedRuns(db).select('estimation_runs.disclosure').where('estimation_runs.id', '=', runId).executeTakeFirst();
  return run && { ...run, disclosure: run.disclosure as unknown as DisclosureAudit | null };
}

/** Each province of a geography with its region (empty when it has none), as estimation runs group them. */
export function provinceRegions(db: Kysely<Database>, geography: string) {
  return db.selectFrom('provinces').select(['code', 'region_vi']).where('geography_code', '=', geography).orderBy('code').execute();
}
