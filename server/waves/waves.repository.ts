import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, WaveDesign, WavesTable } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;
export type Wave = Selectable<WavesTable>;

export function findWave(db: Db, id: string): Promise<Wave | undefined> {
  return db.selectFrom('waves').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listWaves(db: Db, filter: { status?: Wave['status'] } = {}): Promise<Wave[]> {
  let query = db.selectFrom('waves').selectAll().orderBy('year', 'desc').orderBy('id');
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.execute();
}

export interface NewWave {
  id: string;
  surveyVersionId: number;
  year: number;
  geographyCode: 'vn-63' | 'vn-34';
  titleVi: string;
  titleEn: string;
  design: WaveDesign;
  status?: Wave['status'];
  isSynthetic?: boolean;
}

export async function insertWave(db: Db, wave: NewWave): Promise<Wave> {
  return db.insertInto('waves').values({
    id: wave.id,
    survey_version_id: wave.surveyVersionId,
    year: wave.year,
    geography_code: wave.geographyCode,
    title_vi: wave.titleVi,
    title_en: wave.titleEn,
    design: wave.design,
    status: wave.status ?? 'draft',
    is_synthetic: wave.isSynthetic ?? false,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function countWaves(db: Db): Promise<number> {
  const row = await db.selectFrom('waves').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface WaveChanges {
  status?: Wave['status'];
  titleVi?: string;
  titleEn?: string;
}

export function updateWave(db: Db, id: string, changes: WaveChanges): Promise<Wave | undefined> {
  return db.updateTable('waves').set({
    ...(changes.status ? { status: changes.status } : {}),
    ...(changes.titleVi ? { title_vi: changes.titleVi } : {}),
    ...(changes.titleEn ? { title_en: changes.titleEn } : {}),
  }).where('id', '=', id).returningAll().executeTakeFirst();
}
