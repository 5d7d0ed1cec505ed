import { createHash } from 'node:crypto';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import { AppError } from '../errors/app-error';
import { hashInvitationCode, normalizeInvitationCode } from '../invitations/invitation-code';
import { claimInvitationByHash } from '../invitations/invitation-use';
import { submitResponse, type IngestionDeps } from '../responses/responses.service';
import type { ValidationPlan } from '../surveys/validation-plan';
import { requireWave } from '../waves/require-wave';
import { assess, readPage, type Readings } from './form-reading';
import { decodeScan, encodeJpeg, type GreyImage } from './grey-image';
import { locatePage, readPageQr, scoreMarks, type Affine } from './page-reader';
import type { StoredLayout } from './paper-layout';
import { findLayout, findPaperForm, updatePaperForm, type PaperForm } from './paper.repository';

/**
 * Reading scans back (issue #16): every page of every file is aligned, identified by its QR and scored;
 * pages are kept with their form; a form whose pages are all in and whose questions are all read with
 * confidence is stored as a `paper` response through the same validation as every other channel (linked
 * to its invitation, so it counts in the sample); the others wait for a clerk. Reading the same scan again
 * stores nothing twice: the response id is derived from the form, and a stored form takes no more pages.
 */
export interface ScanFile { name: string; bytes: Buffer }

export type FormStatus = 'stored' | 'verification' | 'unreadable' | 'refused';

export interface FormResult {
  form: string;
  answers: Record<string, unknown>;
  uncertain: string[];
  status: FormStatus;
  /** Pages of the form not received yet. */
  missingPages?: number[];
  /** Why a complete form was refused (the validation problem). */
  problem?: { title: string; errors: unknown[] };
}

export interface PageResult { source: string; status: 'read' | 'unreadable' | 'unknown_form'; form?: string; page?: number }

export interface ReadResult { forms: FormResult[]; pages: PageResult[]; dryRun: boolean }

export interface ReadOptions { dryRun?: boolean; actor: AuditActor; dpi?: number }

/** The QR's form code → the form's key: an invitation code's hash, or a blank form's serial. */
export function formKeyOf(form: string): string | null {
  if (/^S[0-9]{6}$/.test(form)) return form;
  const canonical = normalizeInvitationCode(form);
  return canonical ? hashInvitationCode(canonical) : null;
}

/** The response id of a form: the same for every reading of it (UUID v5 layout of a sha256). */
export function responseIdOf(waveId: string, formKey: string): string {
  const h = createHash('sha256').update(`paper:${waveId}:${formKey}`).digest('hex').slice(0, 32).split('');
  h[12] = '5';
  h[16] = '89ab'[parseInt(h[16], 16) & 3];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

interface PageRead {
  source: string;
  image: GreyImage;
  page: number;
  transform: Affine;
  scores: number[];
  readings: Readings;
}

interface Touched { form: PaperForm; code: string; layout: StoredLayout; pages: Map<number, PageRead> }

export async function readScans(deps: IngestionDeps, waveId: string, files: readonly ScanFile[], options: ReadOptions): Promise<ReadResult> {
  const wave = await requireWave(deps.db, waveId);
  const { plan } = await deps.questionnaires.get(wave.survey_version_id);
  const layouts = new Map<string, StoredLayout>();
  const touched = new Map<string, Touched>();
  const pages: PageResult[] = [];

  for (const file of files) {
    let images: GreyImage[];
    try {
      images = await decodeScan(file.bytes, options.dpi ?? 200);
    } catch {
      pages.push({ source: file.name, status: 'unreadable' });
      continue;
    }
    for (const [k, image] of images.entries()) {
      const source = images.length > 1 ? `${file.name}#${k + 1}` : file.name;
      const located = locatePage(image);
      const qr = located && readPageQr(image, located.transform);
      if (!located || !qr) {
        pages.push({ source, status: 'unreadable' });
        continue;
      }
      const key = formKeyOf(qr.form);
      const form = key ? (touched.get(key)?.form ?? await findPaperForm(deps.db, wave.id, key)) : undefined;
      if (!key || !form) {
        pages.push({ source, status: 'unknown_form', form: qr.form, page: qr.page });
        continue;
      }
      let layout = layouts.get(form.layout_id);
      if (!layout) {
        layout = await findLayout(deps.db, form.layout_id);
        layouts.set(form.layout_id, layout);
      }
      const pageLayout = layout.pages.find((p) => p.page === qr.page);
      if (!pageLayout) {
        pages.push({ source, status: 'unknown_form', form: qr.form, page: qr.page });
        continue;
      }
      const scores = scoreMarks(image, located.transform, located.levels, pageLayout.marks);
      const entry = touched.get(key) ?? { form, code: qr.form, layout, pages: new Map() };
      entry.pages.set(qr.page, { source, image, page: qr.page, transform: located.transform, scores, readings: readPage(layout, qr.page, scores) });
      touched.set(key, entry);
      pages.push({ source, status: 'read', form: qr.form, page: qr.page });
    }
  }

  const forms: FormResult[] = [];
  for (const entry of touched.values()) forms.push(await settleForm(deps, wave.id, plan, entry, options));
  if (!options.dryRun) {
    await recordAudit(deps.db, {
      ...options.actor, action: 'paper_scans_read', target: `wave:${wave.id}`,
      details: { files: files.length, pages: pages.length, stored: forms.filter((f) => f.status === 'stored').length },
    });
  }
  return { forms, pages, dryRun: Boolean(options.dryRun) };
}

/** Keeps a form's new pages, merges their readings with the earlier ones, and stores it when it is done. */
async function settleForm(deps: IngestionDeps, waveId: string, plan: ValidationPlan, entry: Touched, options: ReadOptions): Promise<FormResult> {
  const { form, layout } = entry;
  if (form.status === 'stored') {
    const row = await deps.db.selectFrom('responses').select('answers').where('id', '=', form.response_id!).executeTakeFirst();
    return { form: entry.code, answers: row?.answers ?? {}, uncertain: [], status: 'stored' };
  }
  const readings: Readings = { ...form.answers as Readings };
  for (const read of entry.pages.values()) {
    for (const [question, reading] of Object.entries(read.readings)) {
      // A clerk's settlement outlives a rescan of its page.
      if (readings[question]?.s !== 'settled') readings[question] = reading;
    }
  }
  const stored = await deps.db.selectFrom('paper_pages').select('page').where('form_id', '=', form.id).execute();
  const present = new Set([...stored.map((p) => p.page), ...entry.pages.keys()]);
  const missingPages = layout.pages.map((p) => p.page).filter((p) => !present.has(p));
  const { answers, uncertain } = assess(plan, layout, readings);
  const base = { form: entry.code, answers, uncertain, ...(missingPages.length ? { missingPages } : {}) };
  if (options.dryRun) return { ...base, status: missingPages.length || uncertain.length ? 'verification' : 'stored' };

  for (const read of entry.pages.values()) {
    const jpeg = await encodeJpeg(read.image);
    const hash = createHash('sha256').update(jpeg).digest('hex');
    await deps.db.insertInto('paper_pages').values({
      form_id: form.id, page: read.page, image: jpeg, image_hash: hash, transform: JSON.stringify(read.transform),
      scores: JSON.stringify(Object.fromEntries(read.scores.map((s, i) => [String(i), Math.round(s * 1000) / 1000]))), source: read.source,
    }).onConflict((oc) => oc.columns(['form_id', 'page']).doUpdateSet((eb) => ({
      image: eb.ref('excluded.image'), image_hash: eb.ref('excluded.image_hash'), transform: eb.ref('excluded.transform'),
      scores: eb.ref('excluded.scores'), source: eb.ref('excluded.source'), read_at: new Date(),
    }))).execute();
  }
  if (missingPages.length || uncertain.length) {
    await updatePaperForm(deps.db, form.id, { status: missingPages.length ? 'returned' : 'verification', answers: readings, uncertain });
    return { ...base, status: 'verification' };
  }
  return { ...base, ...await storeForm(deps, waveId, form, readings, answers) };
}

/**
 * Submits a settled form as a `paper` response (with its invitation when it has one) and records the
 * outcome on the form: stored, or refused with the validation's problem for a clerk to see.
 */
export async function storeForm(
  deps: IngestionDeps, waveId: string, form: PaperForm, readings: Readings, answers: Record<string, unknown>,
): Promise<{ status: FormStatus; problem?: FormResult['problem'] }> {
  const id = responseIdOf(waveId, form.form_key);
  try {
    const { response } = await submitResponse(deps, waveId, { id, channel: 'paper', answers }, undefined, {
      unansweredAllowed: true,
      ...(form.invitation_id ? { invitation: (wave: string, responseId: string) => claimInvitationByHash(deps.db, wave, form.form_key, responseId) } : {}),
    });
    await updatePaperForm(deps.db, form.id, { status: 'stored', answers: readings, uncertain: [], refusal: null, responseId: response.id });
    return { status: 'stored' };
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    const problem = { title: error.title, errors: error.issues };
    await updatePaperForm(deps.db, form.id, { status: 'refused', answers: readings, uncertain: [], refusal: problem });
    return { status: 'refused', problem };
  }
}
