import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { ValidationError } from '../errors/app-error';
import { requireWave } from '../waves/require-wave';
import { parseMarginsCsv } from './margins-csv';

/**
 * Replaces a wave's population totals (raking margins) with an uploaded margins file, checked whole first:
 * nothing is stored when any row is bad.
 */
export async function uploadMargins(db: Kysely<Database>, waveId: string, csv: string, actor: AuditActor): Promise<{ rows: number; provinces: number }> {
  const wave = await requireWave(db, waveId);
  const provinces = new Set((await db.selectFrom('provinces').select('code').where('geography_code', '=', wave.geography_code).execute()).map((p) => p.code));
  const { margins, issues } = parseMarginsCsv(csv, (code) => provinces.has(code));
  if (issues.length) throw new ValidationError(issues, 'Tệp tổng biên có dòng không hợp lệ; chưa có gì được lưu', 'The margins file has invalid rows; nothing was stored');
  const summary = { rows: margins.length, provinces: new Set(margins.map((m) => m.province)).size };
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('wave_margins').where('wave_id', '=', wave.id).execute();
    await trx.insertInto('wave_margins').values(margins.map((m) => ({
      wave_id: wave.id, variable: m.variable, province_code: m.province, level: m.level, total: m.total,
    }))).execute();
    await recordAudit(trx, { ...actor, action: 'margins_uploaded', target: `wave:${wave.id}`, details: summary });
  });
  return summary;
}
