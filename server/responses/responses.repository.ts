import { CompiledQuery, type Kysely, type Selectable, type Transaction } from 'kysely';
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
  /** Belongs to the wave's sample (responses.sampled): false for a household wave's open-link response. */
  sampled: boolean;
}

/** The table row for a new response (everything the database does not default). */
function insertable(r: NewResponse) {
  return {
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
    sampled: r.sampled,
  };
}

/**
 * Inserts unless a response with this id exists. Returns the stored row and whether this call
 * inserted it; the single statement makes concurrent retries safe.
 */
export async function insertResponseOnce(db: Db, r: NewResponse): Promise<{ row: StoredResponse; inserted: boolean }> {
  const inserted = await db.insertInto('responses').values(insertable(r))
    .onConflict((oc) => oc.column('id').doNothing()).returningAll().executeTakeFirst();
  if (inserted) return { row: inserted, inserted: true };
  const existing = await db.selectFrom('responses').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
  return { row: existing, inserted: false };
}

const INSERT_COLUMNS = [
  'id', 'wave_id', 'survey_version_id', 'province_code', 'commune_code', 'stratum', 'psu', 'channel', 'device_id',
  'answers', 'content_hash', 'started_at', 'submitted_at', 'duration_ms', 'base_weight', 'sampled',
] as const satisfies readonly (keyof ReturnType<typeof insertable>)[];

/** The batch insert's text for n rows, built once per n: the query builder's AST for hundreds of values is costly. */
const batchInsertText = new Map<number, string>();
function batchInsertSql(n: number): string {
  let text = batchInsertText.get(n);
  if (text === undefined) {
    const width = INSERT_COLUMNS.length;
    const rows = Array.from({ length: n }, (_, r) => `(${INSERT_COLUMNS.map((_c, c) => `$${r * width + c + 1}`).join(', ')})`);
    text = `insert into "responses" (${INSERT_COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${rows.join(', ')}`
      + ' on conflict ("id") do nothing returning "id", "received_at"';
    if (batchInsertText.size < 1024) batchInsertText.set(n, text);
  }
  return text;
}

/**
 * Inserts many responses in one statement (one commit), skipping ids that exist already. Returns the
 * ids it inserted with their reception time; the caller reads the others back. The statement is
 * atomic: if any row is refused by the database, none is stored. Same statement as insertResponseOnce
 * for n rows, compiled by hand (tests/integration/responses/response-writer.test.ts reads every row back and
 * compares it with what the writer returned).
 */
export async function insertResponsesOnce(db: Db, rows: NewResponse[]): Promise<Map<string, Date>> {
  const params: unknown[] = [];
  for (const r of rows) {
    const row = insertable(r);
    for (const c of INSERT_COLUMNS) params.push(row[c]);
  }
  const result = await db.executeQuery<{ id: string; received_at: Date }>(CompiledQuery.raw(batchInsertSql(rows.length), params));
  return new Map(result.rows.map((r) => [r.id, r.received_at]));
}

/** What the table holds for a response this process has just inserted, without reading it back. */
export function storedRow(r: NewResponse, receivedAt: Date): StoredResponse {
  return {
    id: r.id, wave_id: r.waveId, survey_version_id: r.surveyVersionId, province_code: r.provinceCode,
    commune_code: r.communeCode, stratum: r.stratum, psu: r.psu, channel: r.channel, device_id: r.deviceId,
    answers: r.answers, content_hash: r.contentHash,
    started_at: r.startedAt === null ? null : new Date(r.startedAt),
    submitted_at: r.submittedAt === null ? null : new Date(r.submittedAt),
    received_at: receivedAt, duration_ms: r.durationMs, status: 'complete', exclusion_reason: null,
    base_weight: r.baseWeight, sampled: r.sampled,
  };
}

export function findResponses(db: Db, ids: string[]): Promise<StoredResponse[]> {
  return db.selectFrom('responses').selectAll().where('id', 'in', ids).execute();
}

export function findResponse(db: Db, id: string): Promise<StoredResponse | undefined> {
  return db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countResponses(db: Db, waveId?: string): Promise<number> {
  let query = db.selectFrom('responses').select((eb) => eb.fn.countAll<string>().as('n'));
  if (waveId) query = query.where('wave_id', '=', waveId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
