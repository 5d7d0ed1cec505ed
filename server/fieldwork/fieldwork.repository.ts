import { sql, type Kysely } from 'kysely';
import type { Database, ResponseChannel } from '../db/database';

/** What the monitor reads of each response: its place, channel, status, timing and rating pattern. */
export interface ResponseSignalRow {
  id: string;
  province_code: string;
  /** The PSU: the commune (household) or the service point. */
  unit: string | null;
  channel: ResponseChannel;
  device_id: string | null;
  status: 'complete' | 'excluded';
  /** False for a household wave's open-link response (kept, but outside its official figures). */
  sampled: boolean;
  exclusion_reason: string | null;
  duration_ms: number | null;
  received_at: Date;
  answered_at: Date;
  rating_count: number;
  distinct_ratings: number;
}

/**
 * Every response of a wave with the counts the straight-lining rule needs, computed in the database so
 * the answers themselves never leave it: how many of `statements` were rated, and with how many values.
 */
export async function listResponseSignals(db: Kysely<Database>, waveId: string, statements: readonly string[]): Promise<ResponseSignalRow[]> {
  const rated = sql`(select e.value from jsonb_each(r.answers) e where e.key = any(${sql.val([...statements])}::text[]) and jsonb_typeof(e.value) = 'number')`;
  const rows = await db.selectFrom('responses as r')
    .select([
      'r.id', 'r.province_code', sql<string | null>`coalesce(r.psu, r.commune_code)`.as('unit'), 'r.channel', 'r.device_id',
      'r.status', 'r.sampled', 'r.exclusion_reason', 'r.duration_ms', 'r.received_at',
      sql<Date>`coalesce(r.submitted_at, r.received_at)`.as('answered_at'),
      sql<string>`(select count(*) from ${rated} v(value))`.as('rating_count'),
      sql<string>`(select count(distinct value) from ${rated} v(value))`.as('distinct_ratings'),
    ])
    .where('r.wave_id', '=', waveId)
    .orderBy('r.received_at')
    .execute();
  return rows.map((r) => ({ ...r, rating_count: Number(r.rating_count), distinct_ratings: Number(r.distinct_ratings) }));
}

/** Selected communes of a household wave with their targets. */
export function listTargets(db: Kysely<Database>, waveId: string) {
  return db.selectFrom('sample_frame_units').select(['province_code', 'commune_code', 'name_vi', 'target'])
    .where('wave_id', '=', waveId).where('selected', '=', true).orderBy('province_code').orderBy('name_vi').execute();
}
