import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;

export async function countUsedInvitations(db: Db, waveId: string): Promise<number> {
  const row = await db.selectFrom('invitations').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('wave_id', '=', waveId).where('response_id', 'is not', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A code's invitation with the place and design of its commune. */
export interface InvitationWithPlace {
  id: string;
  waveId: string;
  communeCode: string;
  responseId: string | null;
  revokedAt: Date | null;
  provinceCode: string;
  stratum: string;
  inclusionProbability: number;
  adultPopulation: number;
  target: number;
}

export async function findInvitationByHash(db: Db, codeHash: string): Promise<InvitationWithPlace | undefined> {
  const row = await db.selectFrom('invitations as i')
    .innerJoin('sample_frame_units as u', (join) => join.onRef('u.wave_id', '=', 'i.wave_id').onRef('u.commune_code', '=', 'i.commune_code'))
    .select(['i.id', 'i.wave_id', 'i.commune_code', 'i.response_id', 'i.revoked_at', 'u.province_code', 'u.stratum',
      'u.inclusion_probability', 'u.adult_population', 'u.target', 'u.selected'])
    .where('i.code_hash', '=', codeHash).executeTakeFirst();
  if (!row || !row.selected || row.stratum === null || row.inclusion_probability === null || row.target === null) return undefined;
  return {
    id: row.id, waveId: row.wave_id, communeCode: row.commune_code, responseId: row.response_id, revokedAt: row.revoked_at,
    provinceCode: row.province_code, stratum: row.stratum, inclusionProbability: row.inclusion_probability,
    adultPopulation: row.adult_population, target: row.target,
  };
}

/** Binds the code to the response, unless it was used or revoked meanwhile; false when it was. */
export async function markInvitationUsed(db: Db, invitationId: string, responseId: string): Promise<boolean> {
  const result = await db.updateTable('invitations').set({ response_id: responseId, used_at: sql<Date>`now()` })
    .where('id', '=', invitationId).where('response_id', 'is', null).where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordRefusal(db: Db, invitationId: string, responseId: string | null, reason: 'already_used' | 'revoked'): Promise<void> {
  await db.insertInto('invitation_refusals').values({ invitation_id: invitationId, response_id: responseId, reason }).execute();
}

/**
 * Records that a look-up (no response yet) was refused a used or revoked code, once per code and reason:
 * looking the same code up again writes nothing more.
 */
export async function recordLookupRefusalOnce(db: Db, invitationId: string, reason: 'already_used' | 'revoked'): Promise<void> {
  await sql`insert into invitation_refusals (invitation_id, response_id, reason)
    select ${invitationId}::uuid, null, ${reason}
    where not exists (select 1 from invitation_refusals
                      where invitation_id = ${invitationId}::uuid and response_id is null and reason = ${reason})`.execute(db);
}

/** The live (not revoked) invitations of a commune, slot by slot. */
export function listLiveInvitations(db: Db, waveId: string, communeCode: string) {
  return db.selectFrom('invitations').select(['id', 'slot', 'response_id', 'issued_at'])
    .where('wave_id', '=', waveId).where('commune_code', '=', communeCode).where('revoked_at', 'is', null)
    .orderBy('slot').execute();
}

export async function revokeInvitations(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('invitations').set({ revoked_at: sql<Date>`now()` }).where('id', 'in', ids).execute();
}

export async function insertInvitations(
  db: Db, rows: readonly { waveId: string; communeCode: string; slot: number; codeHash: string; issuedBy: number | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('invitations').values(rows.map((r) => ({
    wave_id: r.waveId, commune_code: r.communeCode, slot: r.slot, code_hash: r.codeHash, issued_by: r.issuedBy,
  }))).execute();
}

/** Per selected commune of a wave: live codes issued, codes used, last printing, refused attempts. */
export async function invitationCountsByCommune(db: Db, waveId: string) {
  const rows = await db.selectFrom('invitations as i')
    .leftJoin('invitation_refusals as r', 'r.invitation_id', 'i.id')
    .select((eb) => [
      'i.commune_code',
      eb.fn.count<string>('i.id').distinct().filterWhere('i.revoked_at', 'is', null).as('issued'),
      eb.fn.count<string>('i.response_id').distinct().as('used'),
      eb.fn.max('i.issued_at').as('last_issued_at'),
      eb.fn.count<string>('r.id').as('refused'),
    ])
    .where('i.wave_id', '=', waveId).groupBy('i.commune_code').execute();
  return new Map(rows.map((r) => [r.commune_code, {
    issued: Number(r.issued), used: Number(r.used), lastIssuedAt: r.last_issued_at as Date | null, refused: Number(r.refused),
  }]));
}
