import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { usableInvitation } from './invitation-use';

/**
 * What the citizen page learns from a code before the questionnaire: the place it was issued for, so the
 * page can skip asking it. A used or revoked code is refused here too (and counted), with the same clear
 * message as on submission.
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
