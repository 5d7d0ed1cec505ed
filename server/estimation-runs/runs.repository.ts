import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, EstimationResultsTable, EstimationRunsTable } from '../db/database';
import type { EstimateRow } from '../estimation/types';
import type { TallyRow } from '../perceptions/perceptions';

type Db = Kysely<Database> | Transaction<Database>;
export type RunRow = Selectable<EstimationRunsTable>;
export type ResultRow = Selectable<EstimationResultsTable>;

export interface NewRun {
  waveId: string;
  geographyCode: string;
  schemes: string[];
  parameters: Record<string, unknown>;
  inputFingerprint: string;
  marginsFingerprint: string | null;
  codeVersion: string;
  respondentCount: number;
  status: 'succeeded' | 'failed';
  error: string | null;
  startedBy: number | null;
  startedAt: Date;
  /** A run of a household wave's not-sampled responses (never published). @default false */
  notSampled?: boolean;
  /** The perception tally of the run's responses (a succeeded run's); stored with it and marked tallied. */
  perceptions?: readonly TallyRow[];
}

/** Postgres limits a statement to 65,535 parameters; 20 columns a row leaves room for 3,000 rows. */
const INSERT_CHUNK = 2000;

export async function insertRun(db: Db, run: NewRun, rows: readonly EstimateRow[]): Promise<RunRow> {
  const stored = await db.insertInto('estimation_runs').values({
    wave_id: run.waveId,
    geography_code: run.geographyCode,
    schemes: run.schemes,
    parameters: JSON.stringify(run.parameters),
    input_fingerprint: run.inputFingerprint,
    margins_fingerprint: run.marginsFingerprint,
    code_version: run.codeVersion,
    respondent_count: run.respondentCount,
    status: run.status,
    error: run.error,
    started_by: run.startedBy,
    started_at: run.startedAt,
    not_sampled: run.notSampled ?? false,
    perceptions_tallied: run.perceptions !== undefined,
  }).returningAll().executeTakeFirstOrThrow();
  const tally = run.perceptions ?? [];
  for (let i = 0; i < tally.length; i += INSERT_CHUNK) {
    await db.insertInto('run_perception_tallies').values(tally.slice(i, i + INSERT_CHUNK).map((t) => ({
      run_id: stored.id, province_code: t.province, question: t.question, row: t.row ?? '', value: t.value, n: t.n, sum_w: t.sumW,
    }))).execute();
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.insertInto('estimation_results')
      .values(rows.slice(i, i + INSERT_CHUNK).map(({ flags, ...row }) => ({ ...row, run_id: stored.id, flags })))
      .execute();
  }
  return stored;
}

export function findRun(db: Db, id: string): Promise<RunRow | undefined> {
  return db.selectFrom('estimation_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRuns(db: Db, waveId: string): Promise<RunRow[]> {
  return db.selectFrom('estimation_runs').selectAll().where('wave_id', '=', waveId)
    .orderBy('finished_at', 'desc').execute();
}

export interface ResultFilter {
  /** Only these province-level domains (plus national rows and other breakdowns). */
  provinces?: readonly string[];
}

export function listResults(db: Db, runId: string, filter: ResultFilter = {}): Promise<ResultRow[]> {
  let query = db.selectFrom('estimation_results').selectAll().where('run_id', '=', runId);
  if (filter.provinces) {
    const provinces = filter.provinces;
    query = query.where((eb) => eb.or([
      eb('domain_type', '!=', 'province'),
      ...(provinces.length ? [eb('domain', 'in', provinces)] : []),
    ]));
  }
  return query.orderBy('scheme').orderBy('domain_type').orderBy('domain').orderBy('indicator').execute();
}

export async function listMargins(db: Db, waveId: string) {
  return db.selectFrom('wave_margins').selectAll().where('wave_id', '=', waveId)
    .orderBy('variable').orderBy('province_code').orderBy('level').execute();
}

/** A run's stored perception tally (see migration 0014), optionally only some provinces of the wave's geography. */
export async function listPerceptionTally(db: Db, runId: string, provinces?: readonly string[]): Promise<TallyRow[]> {
  if (provinces && provinces.length === 0) return [];
  let query = db.selectFrom('run_perception_tallies').select(['province_code', 'question', 'row', 'value', 'n', 'sum_w'])
    .where('run_id', '=', runId);
  if (provinces) query = query.where('province_code', 'in', [...provinces]);
  const rows = await query.orderBy('province_code').orderBy('question').orderBy('row').orderBy('value').execute();
  return rows.map((r) => ({ province: r.province_code, question: r.question, row: r.row === '' ? null : r.row, value: r.value, n: r.n, sumW: r.sum_w }));
}
