import { sql, type Kysely, type Transaction } from 'kysely';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { AppError, ValidationError } from '../errors/app-error';
import { requireWave } from '../waves/require-wave';
import { parseTransactionsCsv } from './transactions-csv';

type Db = Kysely<Database> | Transaction<Database>;

export interface ServicePointWeighting {
  /** Complete responses that got a weight. */
  weighted: number;
  /** Complete responses outside every uploaded period (or at a point without counts): no weight. */
  unweighted: number;
}

/**
 * Sets the base weight of every complete response of a service-point wave to transactions / responses of
 * its point (its PSU) in the period it was answered (the device's submission time, else its arrival, as a
 * date in Vietnam time, UTC+7), so each point counts in proportion to the people it served. Excluded
 * responses and those outside every period get none. Weights depend on how many responses there are, so
 * they are recomputed whenever that can change: counts uploaded, a response excluded or re-included, and
 * before every estimation run.
 */
export async function refreshServicePointWeights(db: Db, waveId: string): Promise<ServicePointWeighting> {
  const answeredOn = sql`((coalesce(r.submitted_at, r.received_at) at time zone 'UTC') + interval '7 hours')::date`;
  await sql`update responses set base_weight = null where wave_id = ${waveId} and base_weight is not null`.execute(db);
  await sql`
    with answered as (
      select r.id, t.service_point_code, t.period_start, t.transactions
      from responses r
      join service_point_transactions t
        on t.wave_id = r.wave_id and t.service_point_code = r.psu and ${answeredOn} between t.period_start and t.period_end
      where r.wave_id = ${waveId} and r.status = 'complete'
    ), counts as (
      select service_point_code, period_start, count(*) as responses from answered group by service_point_code, period_start
    )
    update responses set base_weight = a.transactions::double precision / c.responses
    from answered a join counts c on c.service_point_code = a.service_point_code and c.period_start = a.period_start
    where responses.id = a.id`.execute(db);
  const row = await db.selectFrom('responses')
    .select((eb) => [
      eb.fn.count<string>('id').filterWhere('base_weight', 'is not', null).as('weighted'),
      eb.fn.count<string>('id').filterWhere('base_weight', 'is', null).as('unweighted'),
    ])
    .where('wave_id', '=', waveId).where('status', '=', 'complete').executeTakeFirstOrThrow();
  return { weighted: Number(row.weighted), unweighted: Number(row.unweighted) };
}

function notServicePointWave(design: string): AppError {
  return new AppError(409, 'wrong_design', 'Chỉ đợt khảo sát tại điểm phục vụ mới dùng số giao dịch để tính trọng số',
    'Only service-point waves are weighted by transactions', [{
      field: 'wave', rule: 'service_point_design', message: `Đợt khảo sát này theo thiết kế "${design}"`, messageEn: `This wave's design is "${design}"`,
    }]);
}

/** Replaces a service-point wave's transaction counts (checked whole first) and reweights its responses. */
export async function uploadTransactions(db: Kysely<Database>, waveId: string, csv: string, actor: AuditActor): Promise<ServicePointWeighting & { periods: number }> {
  const wave = await requireWave(db, waveId);
  if (wave.design !== 'service_point') throw notServicePointWave(wave.design);
  const points = new Set((await db.selectFrom('service_points').select('code')
    .where('province_geography', '=', wave.geography_code as 'vn-63' | 'vn-34').execute()).map((p) => p.code));
  const { counts, issues } = parseTransactionsCsv(csv, (code) => points.has(code));
  if (issues.length) throw new ValidationError(issues, 'Tệp số giao dịch có dòng không hợp lệ; chưa có gì được lưu', 'The transactions file has invalid rows; nothing was stored');
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('service_point_transactions').where('wave_id', '=', wave.id).execute();
    await trx.insertInto('service_point_transactions').values(counts.map((c) => ({
      wave_id: wave.id, service_point_code: c.servicePointCode, period_start: c.periodStart, period_end: c.periodEnd, transactions: c.transactions,
    }))).execute();
    const weighting = await refreshServicePointWeights(trx, wave.id);
    await recordAudit(trx, { ...actor, action: 'transactions_uploaded', target: `wave:${wave.id}`, details: { periods: counts.length, ...weighting } });
    return { periods: counts.length, ...weighting };
  });
}

export function listTransactions(db: Db, waveId: string) {
  return db.selectFrom('service_point_transactions')
    .select(['service_point_code', 'transactions',
      sql<string>`to_char(period_start, 'YYYY-MM-DD')`.as('period_start'), sql<string>`to_char(period_end, 'YYYY-MM-DD')`.as('period_end')])
    .where('wave_id', '=', waveId).orderBy('service_point_code').orderBy('period_start').execute();
}

/**
 * Reweights a service-point wave whose transaction counts have been uploaded; does nothing for other
 * waves, whose weights come from their design (or are not known).
 */
export async function refreshWeightsIfCounted(db: Db, wave: { id: string; design: string }): Promise<ServicePointWeighting | null> {
  if (wave.design !== 'service_point') return null;
  const any = await db.selectFrom('service_point_transactions').select('wave_id').where('wave_id', '=', wave.id).limit(1).executeTakeFirst();
  return any ? refreshServicePointWeights(db, wave.id) : null;
}
