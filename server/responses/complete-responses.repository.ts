import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';

const STREAM_CHUNK = 2000;

/** One stored response as the exports and perception figures read it. */
export interface CompleteResponse {
  id: string;
  content_hash: string;
  province_code: string;
  stratum: string | null;
  psu: string | null;
  base_weight: number | null;
  answers: Record<string, unknown>;
}

/**
 * A wave's complete (not excluded) responses in id order — those of its sample (`sampled`, the default) or
 * only those outside it (a household wave's open-link responses, `sampled: false`) — with all their answers or only `answerKeys` — the order the estimation runs fingerprint
 * them — optionally only those of some provinces, streamed so a large wave never sits in memory twice.
 */
export async function* streamCompleteResponses(
  db: Kysely<Database>,
  waveId: string,
  filter: { provinces?: readonly string[]; answerKeys?: readonly string[]; sampled?: boolean } = {},
): AsyncGenerator<CompleteResponse> {
  if (filter.provinces && filter.provinces.length === 0) return;
  // Only the answers asked for cross the wire (and the JSON parser): a wave's full answers are large.
  const keys = filter.answerKeys;
  const answers = keys
    ? sql<Record<string, unknown>>`jsonb_strip_nulls(jsonb_build_object(${sql.join(keys.map((k) => sql`${k}::text, answers -> ${k}::text`))}))`.as('answers')
    : sql<Record<string, unknown>>`answers`.as('answers');
  let query = db.selectFrom('responses')
    .select(['id', 'content_hash', 'province_code', 'stratum', 'psu', 'base_weight', answers])
    .where('wave_id', '=', waveId).where('status', '=', 'complete').where('sampled', '=', filter.sampled ?? true);
  if (filter.provinces) query = query.where('province_code', 'in', filter.provinces);
  for await (const row of query.orderBy('id').stream(STREAM_CHUNK)) yield row as CompleteResponse;
}

/** One stored response reduced to what an estimation run reads: its design position and some answers, in order. */
export interface ResponseValues extends Omit<CompleteResponse, 'answers'> {
  /** The answers to the keys asked for, in their order (a key asked twice, twice); null where a response has no such answer. */
  values: unknown[];
}

/**
 * Like streamCompleteResponses with `answerKeys`, but each response's answers arrive as one JSON array in
 * the keys' order instead of an object: the database unpacks each response's answers once
 * (`jsonb_to_record`, one pass over the object) rather than once per key (`answers -> key`, several times
 * dearer for the ~40 keys of an index), and the client parses a short array instead of the whole object.
 */
export async function* streamResponseValues(
  db: Kysely<Database>, waveId: string, keys: readonly string[], filter: { sampled?: boolean } = {},
): AsyncGenerator<ResponseValues> {
  const values = keys.length === 0
    ? sql<unknown[]>`'[]'::jsonb`.as('values')
    : sql<unknown[]>`(select jsonb_build_array(${sql.join(keys.map((key) => sql`x.${sql.id(key)}`))}) from jsonb_to_record(case when jsonb_typeof(answers) = 'object' then answers end) as x(${sql.join([...new Set(keys)].map((key) => sql`${sql.id(key)} jsonb`))}))`.as('values');
  const query = db.selectFrom('responses')
    .select(['id', 'content_hash', 'province_code', 'stratum', 'psu', 'base_weight', values])
    .where('wave_id', '=', waveId).where('status', '=', 'complete').where('sampled', '=', filter.sampled ?? true)
    .orderBy('id');
  for await (const row of query.stream(STREAM_CHUNK)) yield row as ResponseValues;
}
