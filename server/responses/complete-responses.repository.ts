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
