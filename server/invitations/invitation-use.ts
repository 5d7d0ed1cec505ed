import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import { ConflictError } from '../errors/app-error';
import { insertResponseOnce, type NewResponse, type StoredResponse } from '../responses/responses.repository';
import { householdDesignWeight } from '../sampling/design-weight';
import { hashInvitationCode, normalizeInvitationCode } from './invitation-code';
import { invitationCodeRevoked, invitationCodeUnknown, invitationCodeUsed, invitationLocationMismatch } from './invitation.errors';
import { findInvitationByHash, markInvitationUsed, recordLookupRefusalOnce, recordRefusal, type InvitationWithPlace } from './invitations.repository';

/** A valid code presented with a response: where the response sits in the design and what it weighs. */
export interface InvitationClaim {
  invitationId: string;
  /** The code's hash: it goes into the response's content hash, so a retry must bring the same code. */
  codeHash: string;
  province: string;
  commune: string;
  stratum: string;
  /** Design weight 1 / (π_commune · n/N) from the plan (sampling/design-weight.ts). */
  baseWeight: number;
}

/**
 * The wave's invitation a typed code names, if it is neither revoked nor used by another response than
 * `responseId` (a retry of the same response keeps working; null for a look-up before any response
 * exists). A refused use is recorded for the fieldwork monitor before the 409 is thrown: every refused
 * response, but a refused look-up only once per code and reason.
 */
export async function usableInvitation(
  db: Kysely<Database>, waveId: string, typedCode: string, responseId: string | null,
): Promise<{ invitation: InvitationWithPlace; codeHash: string }> {
  const canonical = normalizeInvitationCode(typedCode);
  if (!canonical) throw invitationCodeUnknown();
  return usableInvitationByHash(db, waveId, hashInvitationCode(canonical), responseId);
}

/** {@link usableInvitation} for a code known only by its hash (a paper form read earlier keeps only that). */
export async function usableInvitationByHash(
  db: Kysely<Database>, waveId: string, codeHash: string, responseId: string | null,
): Promise<{ invitation: InvitationWithPlace; codeHash: string }> {
  const invitation = await findInvitationByHash(db, codeHash);
  if (!invitation || invitation.waveId !== waveId) throw invitationCodeUnknown();
  if (invitation.responseId !== null && invitation.responseId !== responseId) {
    await refused(db, invitation.id, responseId, 'already_used');
    throw invitationCodeUsed();
  }
  if (invitation.revokedAt !== null) {
    await refused(db, invitation.id, responseId, 'revoked');
    throw invitationCodeRevoked();
  }
  return { invitation, codeHash };
}

function refused(db: Kysely<Database>, invitationId: string, responseId: string | null, reason: 'already_used' | 'revoked'): Promise<void> {
  return responseId === null ? recordLookupRefusalOnce(db, invitationId, reason) : recordRefusal(db, invitationId, responseId, reason);
}

/** Checks a code for a response ({@link usableInvitation}) and tells where the response sits in the design. */
export async function claimInvitation(db: Kysely<Database>, waveId: string, typedCode: string, responseId: string): Promise<InvitationClaim> {
  return claimOf(await usableInvitation(db, waveId, typedCode, responseId));
}

/** {@link claimInvitation} by the code's hash (paper forms). */
export async function claimInvitationByHash(db: Kysely<Database>, waveId: string, codeHash: string, responseId: string): Promise<InvitationClaim> {
  return claimOf(await usableInvitationByHash(db, waveId, codeHash, responseId));
}

function claimOf({ invitation, codeHash }: { invitation: InvitationWithPlace; codeHash: string }): InvitationClaim {
  return {
    invitationId: invitation.id,
    codeHash,
    province: invitation.provinceCode,
    commune: invitation.communeCode,
    stratum: invitation.stratum,
    baseWeight: householdDesignWeight({
      probability: invitation.inclusionProbability, population: invitation.adultPopulation, target: invitation.target,
    }),
  };
}

/**
 * The answers with the invitation's place filled in, so the citizen page may leave province and commune
 * unasked; answers that name another place are refused.
 */
export function answersAtInvitation(answers: Record<string, unknown>, claim: InvitationClaim): Record<string, unknown> {
  for (const [field, value] of [['province', claim.province], ['commune', claim.commune]] as const) {
    if (answers[field] !== undefined && answers[field] !== value) throw invitationLocationMismatch(field);
  }
  return { ...answers, province: claim.province, commune: claim.commune };
}

/** Marks the code used by a response just inserted; throws (rolling the insert back) if another took it meanwhile. */
async function useInvitation(trx: Transaction<Database>, claim: InvitationClaim, responseId: string): Promise<void> {
  if (!(await markInvitationUsed(trx, claim.invitationId, responseId))) throw invitationCodeUsed();
}

/**
 * Stores a response that came with a code, and marks the code used by it, in one transaction: both or
 * neither. A retry of a stored response inserts nothing and leaves the code as it is.
 */
export async function insertResponseWithInvitation(
  db: Kysely<Database>, response: NewResponse, claim: InvitationClaim,
): Promise<{ row: StoredResponse; inserted: boolean }> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await insertResponseOnce(trx, response);
      if (result.inserted) await useInvitation(trx, claim, response.id);
      return result;
    });
  } catch (err) {
    // Another response took the code between the check and the insert: record the refused use too.
    if (err instanceof ConflictError && err.issues[0]?.rule === 'already_used') await recordRefusal(db, claim.invitationId, response.id, 'already_used');
    throw err;
  }
}
