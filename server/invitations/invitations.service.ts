import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { findProvince } from '../geography/geography.repository';
import { communeNotSelected, notDrawn } from '../sampling/sample-plan.errors';
import { findFrameUnit, findPlan, type FrameUnit } from '../sampling/sample-plans.repository';
import { householdWave } from '../sampling/sample-plans.service';
import type { Wave } from '../waves/waves.repository';
import { hashInvitationCode, newInvitationCode, normalizeInvitationCode } from './invitation-code';
import { insertInvitations, listLiveInvitations, revokeInvitations } from './invitations.repository';

export interface IssuedCode { slot: number; code: string }

export interface IssuedInvitations {
  wave: Wave;
  commune: FrameUnit;
  provinceName: string;
  /** Fresh codes for every slot not yet used, in slot order. */
  codes: IssuedCode[];
  /** Slots already answered: they keep their code and get none. */
  usedSlots: number[];
  /** Unused codes of an earlier printing that no longer work. */
  revoked: number;
}

/**
 * Issues the codes of one selected commune's invitation sheet: a fresh random code for every slot of its
 * target that has not been answered yet. The codes exist in clear only in this result (the sheet); only
 * their hashes are stored. Printing again revokes the unused codes of the earlier sheet.
 */
export async function issueInvitations(db: Kysely<Database>, waveId: string, communeCode: string, actor: AuditActor): Promise<IssuedInvitations> {
  const wave = await householdWave(db, waveId);
  const plan = await findPlan(db, wave.id);
  if (!plan?.drawn_at) throw notDrawn();
  const commune = await findFrameUnit(db, wave.id, communeCode);
  if (!commune?.selected || commune.target === null) throw communeNotSelected(communeCode);
  const province = await findProvince(db, wave.geography_code, commune.province_code);

  return db.transaction().execute(async (trx) => {
    const live = await listLiveInvitations(trx, wave.id, communeCode);
    const usedSlots = live.filter((i) => i.response_id !== null).map((i) => i.slot);
    const toRevoke = live.filter((i) => i.response_id === null).map((i) => i.id);
    await revokeInvitations(trx, toRevoke);
    const codes: IssuedCode[] = [];
    for (let slot = 1; slot <= commune.target!; slot++) {
      if (!usedSlots.includes(slot)) codes.push({ slot, code: newInvitationCode() });
    }
    await insertInvitations(trx, codes.map((c) => ({
      waveId: wave.id, communeCode, slot: c.slot, codeHash: hashInvitationCode(normalizeInvitationCode(c.code)!), issuedBy: actor.actorId,
    })));
    await recordAudit(trx, {
      ...actor, action: 'invitations_issued', target: `wave:${wave.id}`,
      details: { commune: communeCode, issued: codes.length, revoked: toRevoke.length, used: usedSlots.length },
    });
    return { wave, commune, provinceName: province?.nameVi ?? commune.province_code, codes, usedSlots, revoked: toRevoke.length };
  });
}
