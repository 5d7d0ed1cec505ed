import { sql, type Kysely } from 'kysely';
import type { Database, ResponseChannel, ResponseMonitorTable } from '../db/database';

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

/** The provinces a user may see: `'all'`, or a list (possibly empty). */
export type ProvinceFilter = 'all' | readonly string[];

const inScope = (provinces: ProvinceFilter) =>
  (provinces === 'all' ? sql`true` : sql`province_code = any(${sql.val([...provinces])}::text[])`);

/** The thresholds of the speeder and straight-lining rules, as SQL conditions on response_monitor. */
export interface FlagRules {
  /** Durations under this are speeders; null when the wave has no duration (no speeder). */
  speederUnderMs: number | null;
  straightLineMinItems: number;
}

const speederSql = (rules: FlagRules) => sql`(duration_ms < ${rules.speederUnderMs}::float8)`;
const straightSql = (rules: FlagRules) =>
  sql`(coalesce(rating_count, 0) >= ${rules.straightLineMinItems}::int and distinct_ratings = 1)`;

/** Prepares the rating counts of the wave's responses not counted yet (see countRatings). */
export async function prepareSignals(db: Kysely<Database>, waveId: string, statements: readonly string[]): Promise<void> {
  await countRatings(db, waveId, statements);
}

/** The median duration of the wave's responses (every response, whatever the user's scope); null if none. */
export async function medianDuration(db: Kysely<Database>, waveId: string): Promise<number | null> {
  const { rows } = await sql<{ m: number | null }>`
    select percentile_cont(0.5) within group (order by duration_ms) as m
    from response_monitor where wave_id = ${waveId} and duration_ms is not null`.execute(db);
  return rows[0]?.m === null || rows[0]?.m === undefined ? null : Number(rows[0].m);
}

/** Per province and unit (PSU), the counts of the monitor, aggregated in the database. */
export interface UnitCountRow {
  province_code: string;
  unit: string | null;
  received: number;
  complete: number;
  not_sampled: number;
  last_ms: number | null;
  web: number; phone: number; kiosk: number; paper: number;
  speeder: number;
  straight_lining: number;
}

export async function unitCounts(db: Kysely<Database>, waveId: string, provinces: ProvinceFilter, rules: FlagRules): Promise<UnitCountRow[]> {
  const { rows } = await sql<UnitCountRow>`
    select province_code, unit,
      count(*)::int as received,
      count(*) filter (where status = 'complete')::int as complete,
      count(*) filter (where not sampled)::int as not_sampled,
      (date_part('epoch', max(received_at)) * 1000)::float8 as last_ms,
      count(*) filter (where channel = 'web')::int as web,
      count(*) filter (where channel = 'phone')::int as phone,
      count(*) filter (where channel = 'kiosk')::int as kiosk,
      count(*) filter (where channel = 'paper')::int as paper,
      count(*) filter (where ${speederSql(rules)})::int as speeder,
      count(*) filter (where ${straightSql(rules)})::int as straight_lining
    from response_monitor
    where wave_id = ${waveId} and ${inScope(provinces)}
    group by province_code, unit`.execute(db);
  return rows;
}

/** A response that a device sent, with what the other rules need to tell whether it is flagged already. */
export interface DeviceSignalRow {
  id: string; province_code: string; unit: string | null; device_id: string; answered_at: Date;
  speeder: boolean; straight_lining: boolean;
}

/**
 * The responses of devices that sent at least `burstSize` of the wave's responses (only they can be in a
 * burst), the whole wave's (a burst is judged over the wave), in the order received.
 */
export async function deviceSignals(db: Kysely<Database>, waveId: string, burstSize: number, rules: FlagRules): Promise<DeviceSignalRow[]> {
  const { rows } = await sql<Omit<DeviceSignalRow, 'answered_at'> & { answered_ms: number }>`
    select response_id as id, province_code, unit, device_id,
      (date_part('epoch', answered_at) * 1000)::float8 as answered_ms,
      coalesce(${speederSql(rules)}, false) as speeder, ${straightSql(rules)} as straight_lining
    from response_monitor
    where wave_id = ${waveId} and device_id in (
      select device_id from response_monitor where wave_id = ${waveId} and device_id is not null
      group by device_id having count(*) >= ${burstSize}::int)
    order by received_at, response_id`.execute(db);
  return rows.map(({ answered_ms, ...r }) => ({ ...r, answered_at: new Date(Number(answered_ms)) }));
}

/** How many of the responses in scope the speeder or straight-lining rule flags. */
export async function countFlagged(db: Kysely<Database>, waveId: string, provinces: ProvinceFilter, rules: FlagRules): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from response_monitor
    where wave_id = ${waveId} and ${inScope(provinces)} and (${speederSql(rules)} or ${straightSql(rules)})`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The newest `limit` flagged responses in scope (speeder, straight-lining, or one of `burstIds`). */
export async function newestFlagged(
  db: Kysely<Database>, waveId: string, provinces: ProvinceFilter, rules: FlagRules, burstIds: readonly string[], limit: number,
) {
  const { rows } = await sql<{
    id: string; province_code: string; unit: string | null; channel: ResponseChannel; received_ms: number; duration_ms: number | null;
    status: 'complete' | 'excluded'; speeder: boolean | null; straight_lining: boolean;
  }>`
    select response_id as id, province_code, unit, channel, (date_part('epoch', received_at) * 1000)::float8 as received_ms,
      duration_ms, status, ${speederSql(rules)} as speeder, ${straightSql(rules)} as straight_lining
    from response_monitor
    where wave_id = ${waveId} and ${inScope(provinces)}
      and (${speederSql(rules)} or ${straightSql(rules)} or response_id = any(${sql.val([...burstIds])}::uuid[]))
    order by received_at desc, response_id desc
    limit ${limit}::int`.execute(db);
  return rows.map(({ received_ms, ...r }) => ({ ...r, received_at: new Date(Number(received_ms)), speeder: r.speeder === true }));
}

/** Refused uses of invitation codes per commune (second uses, revoked codes). */
export async function refusalsByCommune(db: Kysely<Database>, waveId: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ commune_code: string; n: number }>`
    select i.commune_code, count(*)::int as n
    from invitation_refusals r join invitations i on i.id = r.invitation_id
    where i.wave_id = ${waveId} group by i.commune_code`.execute(db);
  return new Map(rows.map((r) => [r.commune_code, Number(r.n)]));
}
