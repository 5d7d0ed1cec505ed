import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/unique-violation';
import { recordAudit, type AuditEntry } from './audit.repository';

export interface AuditedCreation<T> {
  /** Whether a row with the same key is there already (looked up first, for a clear answer in the common case). */
  exists: () => Promise<unknown>;
  /** Inserts the row, inside the transaction that also writes the audit entry. */
  insert: (trx: Transaction<Database>) => Promise<T>;
  /** The audit entry of the new row. */
  audit: (row: T) => AuditEntry;
  /** The 409 to throw when the key is taken: found first, or caught as a unique violation (two creators at once). */
  taken: () => Error;
}

/**
 * Inserts a row unless its key is taken, and audits it in the same transaction.
 *
 * @example
 * return createAudited(db, {
 *   exists: () => findWave(db, input.id),
 *   insert: (trx) => insertWave(trx, row),
 *   audit: (wave) => ({ ...actor, action: 'wave_created', target: `wave:${wave.id}` }),
 *   taken: () => waveExists(input.id),
 * });
 */
export async function createAudited<T>(db: Kysely<Database>, creation: AuditedCreation<T>): Promise<T> {
  if (await creation.exists()) throw creation.taken();
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await creation.insert(trx);
      await recordAudit(trx, creation.audit(row));
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw creation.taken();
    throw err;
  }
}
