import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SampleFrameUnitsTable, SamplePlansTable, Stratification } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;
export type SamplePlan = Selectable<SamplePlansTable>;
export type FrameUnit = Selectable<SampleFrameUnitsTable>;

/** 12 columns a row: well under PostgreSQL's 65,535 parameters a statement. */
const INSERT_CHUNK = 2000;

export function findPlan(db: Db, waveId: string): Promise<SamplePlan | undefined> {
  return db.selectFrom('sample_plans').selectAll().where('wave_id', '=', waveId).executeTakeFirst();
}

export interface FrameFilter {
  /** Only these provinces (a province official's scope). */
  provinces?: readonly string[];
  selectedOnly?: boolean;
}

export function listFrameUnits(db: Db, waveId: string, filter: FrameFilter = {}): Promise<FrameUnit[]> {
  let query = db.selectFrom('sample_frame_units').selectAll().where('wave_id', '=', waveId);
  if (filter.selectedOnly) query = query.where('selected', '=', true);
  if (filter.provinces) {
    if (filter.provinces.length === 0) return Promise.resolve([]);
    query = query.where('province_code', 'in', filter.provinces);
  }
  return query.orderBy('frame_line').execute();
}

export function findFrameUnit(db: Db, waveId: string, communeCode: string): Promise<FrameUnit | undefined> {
  return db.selectFrom('sample_frame_units').selectAll()
    .where('wave_id', '=', waveId).where('commune_code', '=', communeCode).executeTakeFirst();
}

/** Replaces the wave's plan and frame (and with them any draw and invitations: they cascade). */
export async function replaceFrame(
  db: Transaction<Database>, waveId: string, frameChecksum: string, uploadedBy: number | null,
  units: readonly Insertable<SampleFrameUnitsTable>[],
): Promise<SamplePlan> {
  await db.deleteFrom('sample_plans').where('wave_id', '=', waveId).execute();
  const plan = await db.insertInto('sample_plans')
    .values({ wave_id: waveId, frame_checksum: frameChecksum, frame_uploaded_by: uploadedBy })
    .returningAll().executeTakeFirstOrThrow();
  await insertUnits(db, units);
  return plan;
}

async function insertUnits(db: Db, units: readonly Insertable<SampleFrameUnitsTable>[]): Promise<void> {
  for (let i = 0; i < units.length; i += INSERT_CHUNK) {
    await db.insertInto('sample_frame_units').values(units.slice(i, i + INSERT_CHUNK)).execute();
  }
}

export interface DrawRecord {
  stratification: Stratification;
  communesPerStratum: number;
  respondentsPerCommune: number;
  seed: number;
  drawnBy: number | null;
}

/**
 * Stores a draw: the plan's options and seed, and every frame unit again with its stratum, π, and target.
 * Rewriting the units (rather than updating 10,000 rows one by one) also drops the invitations of an
 * earlier draw, which belong to it.
 */
export async function saveDraw(
  db: Transaction<Database>, waveId: string, draw: DrawRecord, units: readonly Insertable<SampleFrameUnitsTable>[],
): Promise<SamplePlan> {
  await db.deleteFrom('sample_frame_units').where('wave_id', '=', waveId).execute();
  await insertUnits(db, units);
  return db.updateTable('sample_plans').set({
    stratification: draw.stratification,
    communes_per_stratum: draw.communesPerStratum,
    respondents_per_commune: draw.respondentsPerCommune,
    seed: draw.seed,
    drawn_at: new Date(),
    drawn_by: draw.drawnBy,
  }).where('wave_id', '=', waveId).returningAll().executeTakeFirstOrThrow();
}
