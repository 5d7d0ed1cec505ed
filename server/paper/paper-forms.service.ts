import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { ValidationError } from '../errors/app-error';
import { findProvince } from '../geography/geography.repository';
import { hashInvitationCode, normalizeInvitationCode } from '../invitations/invitation-code';
import { issueInvitations } from '../invitations/invitations.service';
import { notDrawn } from '../sampling/sample-plan.errors';
import { findPlan, listFrameUnits } from '../sampling/sample-plans.repository';
import { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requireWave } from '../waves/require-wave';
import { formContent } from './form-content';
import { planForm } from './form-layout';
import { layoutFile, printForms, type FormHeader } from './form-printer';
import type { LayoutFile } from './paper-layout';
import { insertPaperForms, lastSerial, saveLayout, type NewPaperForm } from './paper.repository';

/**
 * Printing paper forms for a wave (issue #16): one per household invitation of its selected communes
 * (fresh codes, as an invitation sheet would issue them: a reprint revokes the unused codes of the last
 * one), or N blank forms with serial numbers. Every form printed is recorded, so the fieldwork monitor
 * can count it and the reader knows its layout.
 */
export type PrintRequest = { invitations: true; communes?: readonly string[] } | { count: number };

export interface PrintedForms { pdf: Buffer; layout: LayoutFile; forms: number; pages: number }

export const FORM_TITLE = 'PHIẾU KHẢO SÁT SỰ HÀI LÒNG VỀ SỰ PHỤC VỤ HÀNH CHÍNH (SIPAS)';
const MAX_BLANK = 5000;

function countIssue(): ValidationError {
  return new ValidationError([{
    field: 'count', rule: 'range', message: `Số phiếu trắng phải từ 1 đến ${MAX_BLANK}`, messageEn: `The number of blank forms must be 1–${MAX_BLANK}`,
  }]);
}

export function serialOf(n: number): string {
  return `S${String(n).padStart(6, '0')}`;
}

/** A long printing's progress: codes issued commune by commune, then forms drawn. */
export type PrintProgress = (step: 'issue' | 'print', done: number, total: number) => void;

export async function printPaperForms(
  db: Kysely<Database>, waveId: string, request: PrintRequest, actor: AuditActor, onProgress?: PrintProgress,
): Promise<PrintedForms> {
  const wave = await requireWave(db, waveId);
  const { version, plan } = await new QuestionnaireCache(db).get(wave.survey_version_id);
  const byInvitation = 'invitations' in request;
  if (!byInvitation && (!Number.isInteger(request.count) || request.count < 1 || request.count > MAX_BLANK)) throw countIssue();
  const planned = planForm(formContent(version.definition, plan, {
    preprinted: new Set(byInvitation ? ['province', 'commune'] : []),
  }));

  const headers: FormHeader[] = [];
  const rows: NewPaperForm[] = [];
  if (byInvitation) {
    const sample = await findPlan(db, wave.id);
    if (!sample?.drawn_at) throw notDrawn();
    const units = (await listFrameUnits(db, wave.id, { selectedOnly: true }))
      .filter((u) => !request.communes || request.communes.includes(u.commune_code));
    for (const [u, unit] of units.entries()) {
      onProgress?.('issue', u, units.length);
      const issued = await issueInvitations(db, wave.id, unit.commune_code, actor);
      const province = await findProvince(db, wave.geography_code, unit.province_code);
      const hashes = issued.codes.map((c) => hashInvitationCode(normalizeInvitationCode(c.code)!));
      const ids = new Map((hashes.length ? await db.selectFrom('invitations').select(['id', 'code_hash']).where('code_hash', 'in', hashes).execute() : [])
        .map((r) => [r.code_hash, r.id]));
      issued.codes.forEach((c, k) => {
        headers.push({ form: c.code, label: 'Mã phiếu', place: `Địa bàn: ${unit.name_vi}, ${province?.nameVi ?? unit.province_code} · phiếu số ${c.slot}/${unit.target}` });
        rows.push({ formKey: hashes[k], serial: null, invitationId: ids.get(hashes[k]) ?? null, communeCode: unit.commune_code });
      });
    }
  } else {
    const first = (await lastSerial(db, wave.id)) + 1;
    for (let n = first; n < first + request.count; n++) {
      headers.push({ form: serialOf(n), label: 'Số phiếu', place: 'Phiếu trắng: ghi tỉnh/thành phố và xã/phường vào các câu đầu' });
      rows.push({ formKey: serialOf(n), serial: serialOf(n), invitationId: null, communeCode: null });
    }
  }

  await db.transaction().execute(async (trx) => {
    const layoutId = await saveLayout(trx, wave.id, planned.layout);
    await insertPaperForms(trx, wave.id, layoutId, rows);
    await recordAudit(trx, { ...actor, action: 'paper_forms_printed', target: `wave:${wave.id}`, details: { forms: rows.length, invitations: byInvitation } });
  });
  const pdf = await printForms({ title: FORM_TITLE, waveTitle: wave.title_vi, plan: planned, forms: headers },
    (drawn) => onProgress?.('print', drawn, headers.length));
  return { pdf, layout: layoutFile(planned.layout, headers.map((h) => h.form)), forms: headers.length, pages: planned.ops.length };
}
