import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { NotFoundError } from '../errors/app-error';
import { requireWave } from '../waves/require-wave';
import { refreshWeightsIfCounted } from '../weights/service-point-weights';

export function responseNotFound(): NotFoundError {
  return new NotFoundError('Không có phiếu trả lời này trong đợt khảo sát', 'No such response in this wave');
}

export type StatusChange = { status: 'excluded'; reason: string } | { status: 'complete' };

/**
 * Excludes a response from estimation runs (status `excluded` with the official's reason) or includes it
 * again. The response itself is never changed or deleted; every change is audited with its reason, and a
 * service-point wave is reweighted since its points' response counts changed.
 */
export async function changeResponseStatus(
  db: Kysely<Database>, waveId: string, responseId: string, change: StatusChange, actor: AuditActor,
) {
  const wave = await requireWave(db, waveId);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('responses').select(['id', 'status', 'exclusion_reason'])
      .where('id', '=', responseId).where('wave_id', '=', wave.id).forUpdate().executeTakeFirst();
    if (!current) throw responseNotFound();
    const updated = await trx.updateTable('responses')
      .set(change.status === 'excluded' ? { status: 'excluded', exclusion_reason: change.reason } : { status: 'complete', exclusion_reason: null })
      .where('id', '=', responseId).returning(['id', 'status', 'exclusion_reason']).executeTakeFirstOrThrow();
    await recordAudit(trx, change.status === 'excluded'
      ? { ...actor, action: 'response_excluded', target: `response:${responseId}`, details: { wave: wave.id, reason: change.reason, previousStatus: current.status } }
      : { ...actor, action: 'response_included', target: `response:${responseId}`, details: { wave: wave.id, previousReason: current.exclusion_reason } });
    await refreshWeightsIfCounted(trx, wave);
    return updated;
  });
}
