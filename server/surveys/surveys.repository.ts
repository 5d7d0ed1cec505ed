import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;

export interface SurveyVersion {
  id: number;
  surveyId: string;
  version: number;
  definition: Record<string, unknown>;
  fingerprint: string;
}

export async function findSurveyVersion(db: Db, id: number): Promise<SurveyVersion | undefined> {
  const row = await db.selectFrom('survey_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && {
    id: row.id, surveyId: row.survey_id, version: row.version,
    definition: row.definition as Record<string, unknown>, fingerprint: row.fingerprint,
  };
}

export async function latestSurveyVersionId(db: Db, surveyId: string): Promise<number | undefined> {
  const row = await db.selectFrom('survey_versions').select('id').where('survey_id', '=', surveyId)
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row?.id;
}

/**
 * Publishes a definition as the survey's next version unless an identical one (same fingerprint) is
 * already published. Published versions are never modified. Returns the version's id.
 */
export async function publishSurveyVersion(
  db: Db,
  survey: { id: string; titleVi: string; titleEn: string },
  definition: unknown,
  fingerprint: string,
): Promise<number> {
  await db.insertInto('surveys').values({ id: survey.id, title_vi: survey.titleVi, title_en: survey.titleEn })
    .onConflict((oc) => oc.column('id').doNothing()).execute();
  const existing = await db.selectFrom('survey_versions').select('id')
    .where('survey_id', '=', survey.id).where('fingerprint', '=', fingerprint).executeTakeFirst();
  if (existing) return existing.id;
  const last = await db.selectFrom('survey_versions').select((eb) => eb.fn.max('version').as('v'))
    .where('survey_id', '=', survey.id).executeTakeFirst();
  const inserted = await db.insertInto('survey_versions').values({
    survey_id: survey.id,
    version: (last?.v ?? 0) + 1,
    definition: JSON.stringify(definition),
    fingerprint,
  }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}
