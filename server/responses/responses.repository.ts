import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ResponseChannel, ResponsesTable } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;
export type StoredResponse = Selectable<ResponsesTable>;

export interface NewResponse {
  id: string;
  waveId: string;
  surveyVersionId: number;
  provinceCode: string;
  communeCode: string | null;
  stratum: string | null;
  psu: string | null;
  channel: ResponseChannel;
  deviceId: string | null;
  answers: Record<string, unknown>;
  contentHash: string;
  startedAt: string | null;
  submittedAt: string | null;
  durationMs: number | null;
  baseWeight: number | null;
}

/**
 * Inserts unless a response with this id exists. Returns the stored row and whether this call
 * inserted it; the single statement makes concurrent retries safe.
 */
export async function insertResponseOnce(db: Db, r: NewResponse): Promise<{ row: StoredResponse; inserted: boolean }> {
  const inserted = await db.insertInto('responses').values({
    id: r.id,
    wave_id: r.waveId,
    survey_version_id: r.surveyVersionId,
    province_code: r.provinceCode,
    commune_code: r.communeCode,
    stratum: r.stratum,
    psu: r.psu,
    channel: r.channel,
    device_id: r.deviceId,
    answers: JSON.stringify(r.answers),
    content_hash: r.contentHash,
    started_at: r.startedAt,
    submitted_at: r.submittedAt,
    duration_ms: r.durationMs,
    base_weight: r.baseWeight,
  }).onConflict((oc) => oc.column('id').doNothing()).returningAll().executeTakeFirst();
  if (inserted) return { row: inserted, inserted: true };
  const existing = await db.selectFrom('responses').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
  return { row: existing, inserted: false };
}

export function findResponse(db: Db, id: string): Promise<StoredResponse | undefined> {
  return db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countResponses(db: Db, waveId?: string): Promise<number> {
  let query = db.selectFrom('responses').select((eb) => eb.fn.countAll<string>().as('n'));
  if (waveId) query = query.where('wave_id', '=', waveId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
