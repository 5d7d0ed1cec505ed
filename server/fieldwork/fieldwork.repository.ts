import { sql, type Kysely } from 'kysely';
import type { Database, ResponseMonitorTable } from '../db/database';

/** What the monitor reads of each response: its place, channel, status, timing and rating pattern. */
export interface ResponseSignalRow extends Pick<
  ResponseMonitorTable,
  'province_code' | 'unit' | 'channel' | 'device_id' | 'status' | 'sampled' | 'duration_ms' | 'received_at' | 'answered_at'
> {
  id: string;
  exclusion_reason: string | null;
  rating_count: number;
  distinct_ratings: number;
}

/**
 * Counts, for the responses of a wave not counted yet (new, or whose answers changed), how many of
 * `statements` were rated and with how many values, in the database so the answers never leave it; kept in
 * response_monitor (migration 0015) so each response's answers are read once, not on every look.
 */
async function countRatings(db: Kysely<Database>, waveId: string, statements: readonly string[]): Promise<void> {
  await sql`
    update response_monitor m set rating_count = c.rated, distinct_ratings = c.distinct_values
    from (
      select r.id, count(v.value)::int as rated, count(distinct v.value)::int as distinct_values
      from response_monitor u
      join responses r on r.id = u.response_id
      left join lateral (
        select e.value from jsonb_each(r.answers) e
        where e.key = any(${sql.val([...statements])}::text[]) and jsonb_typeof(e.value) = 'number'
      ) v on true
      where u.wave_id = ${waveId} and u.rating_count is null
      group by r.id
    ) c
    where m.response_id = c.id`.execute(db);
}

/**
 * Every response of a wave with the counts the straight-lining rule needs, from the narrow monitor table
 * (migration 0015) rather than the responses themselves: one short scan for a wave of 40,000.
 */
export async function listResponseSignals(db: Kysely<Database>, waveId: string, statements: readonly string[]): Promise<ResponseSignalRow[]> {
  await countRatings(db, waveId, statements);
  // Times cross as epoch milliseconds: parsing 80,000 timestamp strings costs more than the query itself.
  const rows = await db.selectFrom('response_monitor')
    .select([
      'response_id as id', 'province_code', 'unit', 'channel', 'device_id', 'status', 'sampled', 'duration_ms',
      sql<number>`date_part('epoch', received_at) * 1000`.as('received_ms'),
      sql<number>`date_part('epoch', answered_at) * 1000`.as('answered_ms'),
      'rating_count', 'distinct_ratings',
    ])
    .where('wave_id', '=', waveId)
    .orderBy('received_at')
    .execute();
  return rows.map(({ received_ms, answered_ms, ...r }) => ({
    ...r, received_at: new Date(received_ms), answered_at: new Date(answered_ms), exclusion_reason: null,
    rating_count: r.rating_count ?? 0, distinct_ratings: r.distinct_ratings ?? 0,
  }));
}

/** Why each of these responses was excluded (the monitor's flagged list shows it). */
export async function exclusionReasons(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('responses').select(['id', 'exclusion_reason'])
    .where('id', 'in', [...ids]).where('exclusion_reason', 'is not', null).execute();
  return new Map(rows.map((r) => [r.id, r.exclusion_reason!]));
}

/** Selected communes of a household wave with their targets. */
export function listTargets(db: Kysely<Database>, waveId: string) {
  return db.selectFrom('sample_frame_units').select(['province_code', 'commune_code', 'name_vi', 'target'])
    .where('wave_id', '=', waveId).where('selected', '=', true).orderBy('province_code').orderBy('name_vi').execute();
}
