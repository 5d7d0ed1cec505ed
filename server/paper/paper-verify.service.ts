import type Sharp from 'sharp';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { AuthUser } from '../auth/auth-user';
import { canAccessProvince, visibleProvinces } from '../auth/province-scope';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors/app-error';
import type { IngestionDeps } from '../responses/responses.service';
import { questionCatalogue } from '../surveys/question-catalogue';
import { requireWave } from '../waves/require-wave';
import type { Wave } from '../waves/waves.repository';
import { assess, splitPath, type Reading, type Readings } from './form-reading';
import { applyAffine, type Affine } from './page-reader';
import { isTextMark, type StoredLayout } from './paper-layout';
import { findLayout, findPaperFormById, updatePaperForm, type PaperForm } from './paper.repository';
import { storeForm } from './paper-read.service';
import type { PaperCounts } from '../../contracts/paper';

/** sharp (a native library) is loaded with the first scan: a server start need not pay for it. */
const sharp = (...args: Parameters<typeof Sharp>) => {
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  return (require('sharp') as typeof Sharp)(...args);
};

/**
 * Verification by a clerk (issue #16): each uncertain question of a form is shown as the cut-out of its
 * scan beside the question and its choices; the clerk settles it (a choice, the typed text, or "no
 * answer"), and once nothing remains the form is stored through the same path as a confident one.
 */
export interface VerificationChoice { value: unknown; label: string }
export interface VerificationItem {
  question: string;
  title: string;
  kind: 'single' | 'multiple' | 'text';
  choices: VerificationChoice[];
  page: number | null;
  /** Whether the question's page was scanned (so its cut-out can be shown). */
  scanned: boolean;
  /** For a disagreement of double entry: what the first and the second clerk keyed (null: no answer). */
  keyed?: [unknown, unknown];
}
export interface VerificationForm {
  id: string;
  wave: string;
  label: string;
  commune: string | null;
  status: PaperForm['status'];
  items: VerificationItem[];
  problem: unknown;
}

function notFound(): NotFoundError {
  return new NotFoundError('Không tìm thấy phiếu giấy này', 'No such paper form');
}

export function formLabel(form: PaperForm): string {
  return form.serial ?? `Phiếu mời …${form.id.slice(0, 8)}`;
}

function outOfScope(): ForbiddenError {
  return new ForbiddenError(
    'Bạn chỉ được kiểm tra và nhập phiếu của các xã thuộc tỉnh, thành phố mình phụ trách',
    'You may only verify and key forms of communes in the province you are responsible for',
  );
}

/**
 * The province of each commune of a wave, for scope checks: a province official handles the
 * forms of their province's communes only; a blank form (no commune printed) is the national office's.
 */
export async function communeProvinces(deps: Pick<IngestionDeps, 'db'>, wave: Wave, communes: readonly (string | null)[]): Promise<Map<string, string>> {
  const codes = [...new Set(communes.filter((c): c is string => c !== null))];
  if (codes.length === 0) return new Map();
  // A printed commune is one of the wave's sample frame (its invitations were drawn from it).
  const rows = await deps.db.selectFrom('sample_frame_units').select(['commune_code', 'province_code'])
    .where('wave_id', '=', wave.id).where('commune_code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.commune_code, r.province_code]));
}

/** Throws 403 unless `user` may verify or key `form` (national administrators: every form). */
export async function assertFormScope(deps: IngestionDeps, user: AuthUser, wave: Wave, form: PaperForm): Promise<void> {
  if (user.role === 'national_admin') return;
  if (user.role !== 'province_official' || form.commune_code === null) throw outOfScope();
  const province = (await communeProvinces(deps, wave, [form.commune_code])).get(form.commune_code);
  if (!province || !canAccessProvince(user, wave.geography_code, province)) throw outOfScope();
}

/** The wave's forms waiting for a clerk (uncertain readings, disagreements of double entry, refusals), oldest first; a province official sees their communes'. */
export async function listVerification(deps: IngestionDeps, waveId: string, user: AuthUser) {
  const wave = await requireWave(deps.db, waveId);
  const rows = await deps.db.selectFrom('paper_forms').select(['id', 'serial', 'commune_code', 'uncertain', 'answers', 'status', 'updated_at'])
    .where('wave_id', '=', waveId).where('status', 'in', ['verification', 'refused']).orderBy('updated_at').orderBy('id').execute();
  const provinces = await communeProvinces(deps, wave, rows.map((r) => r.commune_code));
  const visible = visibleProvinces(user, wave.geography_code);
  return rows.filter((r) => visible === 'all' || (r.commune_code !== null && visible.includes(provinces.get(r.commune_code) ?? '')))
    .map((r) => ({
      id: r.id, label: r.serial ?? `Phiếu mời …${r.id.slice(0, 8)}`, commune: r.commune_code, status: r.status, uncertain: r.uncertain.length,
      disagreements: (r.uncertain as string[]).filter((q) => (r.answers as Readings)[q]?.s === 'disputed').length,
    }));
}

/** A form, its layout and wave, once `user` is known to be allowed to handle it (404 for a malformed or unknown id). */
export async function loadForm(deps: IngestionDeps, id: string, user: AuthUser): Promise<{ form: PaperForm; layout: StoredLayout; wave: Wave }> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound();
  const form = await findPaperFormById(deps.db, id);
  if (!form) throw notFound();
  const wave = await requireWave(deps.db, form.wave_id);
  await assertFormScope(deps, user, wave, form);
  return { form, layout: await findLayout(deps.db, form.layout_id), wave };
}

/** Every question path a layout prints, in the order of the paper form. */
export function layoutOrder(layout: StoredLayout): string[] {
  return [...new Set(layout.pages.flatMap((p) => p.marks.map((m) => m.question)))];
}

/** Describes the questions at `paths` as a clerk sees them: title (with a matrix row's label), kind and choices. */
export async function describeQuestions(deps: IngestionDeps, wave: Wave, layout: StoredLayout, paths: readonly string[], scannedPages: ReadonlySet<number>): Promise<VerificationItem[]> {
  const { version } = await deps.questionnaires.get(wave.survey_version_id);
  const catalogue = new Map(questionCatalogue(version.definition).map((q) => [q.name, q]));
  return paths.map((path): VerificationItem => {
    const [name, row] = splitPath(path);
    const entry = catalogue.get(name);
    const page = layout.pages.find((p) => p.regions.some((r) => r.question === path));
    const marks = layout.pages.flatMap((p) => p.marks).filter((m) => m.question === path && !isTextMark(m));
    const labels = new Map((entry?.values ?? []).map((v) => [String(v.value), v.label.vi]));
    const rowLabel = row !== null ? entry?.rows.find((r) => String(r.value) === row)?.label.vi : null;
    return {
      question: path,
      title: `${entry?.title.vi ?? name}${rowLabel ? ` — ${rowLabel}` : ''}`,
      kind: layout.kinds[path] ?? 'text',
      choices: marks.map((m) => {
        const value = (m as { value: unknown }).value;
        return { value, label: labels.get(String(value === true ? 1 : value === false ? 0 : value)) ?? String(value) };
      }),
      page: page?.page ?? null,
      scanned: page !== undefined && scannedPages.has(page.page),
    };
  });
}

async function scannedPagesOf(deps: IngestionDeps, formId: string): Promise<Set<number>> {
  const rows = await deps.db.selectFrom('paper_pages').select('page').where('form_id', '=', formId).execute();
  return new Set(rows.map((r) => r.page));
}

/** What a clerk is shown for one form: each uncertain question with its choices (and, for a disagreement, both entries). */
export async function verificationForm(deps: IngestionDeps, id: string, user: AuthUser): Promise<VerificationForm> {
  const { form, layout, wave } = await loadForm(deps, id, user);
  const items = await describeQuestions(deps, wave, layout, form.uncertain, await scannedPagesOf(deps, form.id));
  const readings = form.answers as Readings;
  for (const item of items) {
    const r = readings[item.question];
    if (r?.s === 'disputed') item.keyed = r.keyed;
  }
  return { id: form.id, wave: form.wave_id, label: formLabel(form), commune: form.commune_code, status: form.status, items, problem: form.refusal };
}

/** The cut-out of a question from its scanned page, as JPEG. */
export async function questionCutout(deps: IngestionDeps, id: string, question: string, user: AuthUser): Promise<Buffer> {
  const { form, layout } = await loadForm(deps, id, user);
  const page = layout.pages.find((p) => p.regions.some((r) => r.question === question));
  const region = page?.regions.find((r) => r.question === question);
  if (!page || !region) throw notFound();
  const scan = await deps.db.selectFrom('paper_pages').select(['image', 'transform']).where('form_id', '=', form.id).where('page', '=', page.page).executeTakeFirst();
  if (!scan) throw notFound();
  const t = (typeof scan.transform === 'string' ? JSON.parse(scan.transform) : scan.transform) as Affine;
  const image = sharp(Buffer.from(scan.image));
  const { width = 0, height = 0 } = await image.metadata();
  const corners = [[region.x, region.y], [region.x + region.w, region.y], [region.x, region.y + region.h], [region.x + region.w, region.y + region.h]]
    .map(([x, y]) => applyAffine(t, x, y));
  const left = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[0]))));
  const top = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[1]))));
  const right = Math.min(width, Math.ceil(Math.max(...corners.map((c) => c[0]))));
  const bottom = Math.min(height, Math.ceil(Math.max(...corners.map((c) => c[1]))));
  return image.extract({ left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) }).jpeg({ quality: 88 }).toBuffer();
}

function invalidValue(question: string): ValidationError {
  return new ValidationError([{
    field: 'value', rule: 'not_a_choice',
    message: `Giá trị không phải một lựa chọn của câu ${question}`, messageEn: `Not a choice of ${question}`,
  }]);
}

/** The settled value, checked against the question's printed choices (null: no answer). */
export function settledValue(layout: StoredLayout, question: string, value: unknown): Reading {
  if (value === null || value === undefined || value === '') return { s: 'settled', v: null };
  const kind = layout.kinds[question];
  const allowed = layout.pages.flatMap((p) => p.marks).filter((m) => m.question === question && !isTextMark(m)).map((m) => (m as { value: unknown }).value);
  if (kind === 'text') {
    if (typeof value !== 'string' || value.length > 2000) throw invalidValue(question);
    return { s: 'settled', v: value.normalize('NFC') };
  }
  if (kind === 'multiple') {
    if (!Array.isArray(value) || value.length === 0 || value.some((v) => !allowed.includes(v))) throw invalidValue(question);
    return { s: 'settled', v: allowed.filter((v) => value.includes(v)) as string[] };
  }
  if (!allowed.includes(value)) throw invalidValue(question);
  return { s: 'settled', v: value as string };
}

/**
 * Settles one question of a form in verification; when none remain (and every page is in), the form is
 * stored. Returns the form as the clerk sees it next.
 */
export async function settleQuestion(deps: IngestionDeps, id: string, question: string, value: unknown, user: AuthUser, actor: AuditActor): Promise<VerificationForm> {
  const { form, layout, wave } = await loadForm(deps, id, user);
  if (form.status !== 'verification' || !form.uncertain.includes(question)) {
    throw new ValidationError([{
      field: 'question', rule: 'not_uncertain',
      message: 'Câu này không cần kiểm tra (hoặc phiếu đã được lưu)', messageEn: 'This question is not waiting for verification',
    }]);
  }
  const { plan } = await deps.questionnaires.get(wave.survey_version_id);
  const readings: Readings = { ...(form.answers as Readings), [question]: settledValue(layout, question, value) };
  const { answers, uncertain } = assess(plan, layout, readings);
  await recordAudit(deps.db, { ...actor, action: 'paper_form_settled', target: `paper_form:${form.id}`, details: { question, remaining: uncertain.length } });
  if (uncertain.length) await updatePaperForm(deps.db, form.id, { status: 'verification', answers: readings, uncertain });
  else await storeForm(deps, form.wave_id, form, readings, answers);
  return verificationForm(deps, id, user);
}

/** Per commune of a wave: paper forms printed, returned (some page read), read (every page), in verification, stored. */
export async function paperCounts(deps: Pick<IngestionDeps, 'db'>, waveId: string, user: AuthUser): Promise<PaperCounts[]> {
  const wave = await requireWave(deps.db, waveId);
  const rows = await deps.db.selectFrom('paper_forms as f')
    .leftJoin('invitations as i', 'i.id', 'f.invitation_id')
    .leftJoin('sample_frame_units as u', (j) => j.onRef('u.wave_id', '=', 'f.wave_id').onRef('u.commune_code', '=', 'f.commune_code'))
    .select((eb) => [
      'f.commune_code', eb.fn.max('u.name_vi').as('name'),
      // A reprint's revoked codes are no longer out in the field.
      eb.fn.countAll<string>().filterWhere((w) => w.or([w('f.invitation_id', 'is', null), w('i.revoked_at', 'is', null), w('f.status', '!=', 'printed')])).as('printed'),
      eb.fn.countAll<string>().filterWhere('f.status', '!=', 'printed').as('returned'),
      eb.fn.countAll<string>().filterWhere('f.status', 'in', ['verification', 'stored', 'refused']).as('read'),
      eb.fn.countAll<string>().filterWhere('f.status', 'in', ['verification', 'refused']).as('verification'),
      eb.fn.countAll<string>().filterWhere('f.status', '=', 'stored').as('stored'),
    ])
    .where('f.wave_id', '=', waveId).groupBy('f.commune_code').orderBy('f.commune_code').execute();
  const provinces = await communeProvinces(deps, wave, rows.map((r) => r.commune_code));
  const visible = visibleProvinces(user, wave.geography_code);
  return rows.filter((r) => visible === 'all' || (r.commune_code !== null && visible.includes(provinces.get(r.commune_code) ?? ''))).map((r) => ({
    commune: r.commune_code, province: r.commune_code === null ? null : provinces.get(r.commune_code) ?? null, name: r.name, printed: Number(r.printed), returned: Number(r.returned), read: Number(r.read),
    verification: Number(r.verification), stored: Number(r.stored),
  }));
}
