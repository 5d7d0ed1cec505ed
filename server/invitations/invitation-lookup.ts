import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { throttledByAddress, type AddressThrottlePolicy } from '../http/address-throttle';
import { usableInvitation } from './invitation-use';

/**
 * Refused look-ups (unknown, used or revoked codes) one client address may make within the window, as
 * generous as the sign-in throttle: a commune hall's respondents may share one address and mistype.
 */
export const INVITATION_LOOKUP_POLICY: AddressThrottlePolicy = { maxFailures: 50, windowMs: 15 * 60_000 };

/** A code refused as unknown, used or revoked: what the look-up throttle counts. */
const isRefusedCode = (err: unknown) => err instanceof AppError && err.issues.some((i) => i.field === 'invitationCode');

/** {@link lookUpInvitation}, throttled per client address like sign-in (429 with Retry-After over the limit). */
export function lookUpInvitationThrottled(
  db: Kysely<Database>, waveId: string, typedCode: string, address: string | null, policy = INVITATION_LOOKUP_POLICY,
) {
  return throttledByAddress(db, 'invitation_lookup', address, policy, isRefusedCode, (trx) => lookUpInvitation(trx, waveId, typedCode));
}

/**
 * What the citizen page learns from a code before the questionnaire: the place it was issued for, so the
 * page can skip asking it. A used or revoked code is refused here too, with the same clear message as on
 * submission (and recorded for the fieldwork monitor once per code, not once per look-up).
 */
export async function lookUpInvitation(db: Kysely<Database>, waveId: string, typedCode: string) {
  const { invitation } = await usableInvitation(db, waveId, typedCode, null);
  const [province, commune] = await Promise.all([
    db.selectFrom('provinces').innerJoin('waves', 'waves.geography_code', 'provinces.geography_code')
      .select('provinces.name_vi').where('waves.id', '=', waveId).where('provinces.code', '=', invitation.provinceCode).executeTakeFirst(),
    db.selectFrom('sample_frame_units').select('name_vi').where('wave_id', '=', waveId).where('commune_code', '=', invitation.communeCode).executeTakeFirst(),
  ]);
  return {
    province: { code: invitation.provinceCode, nameVi: province?.name_vi ?? invitation.provinceCode },
    commune: { code: invitation.communeCode, nameVi: commune?.name_vi ?? invitation.communeCode },
  };
}
