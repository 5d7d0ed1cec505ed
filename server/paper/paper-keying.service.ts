import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { AuthUser } from '../auth/auth-user';
import { canonicalJson } from '../surveys/fingerprint';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../errors/app-error';
import type { IngestionDeps } from '../responses/responses.service';
import { requireWave } from '../waves/require-wave';
import { assess, type Reading, type ReadingValue, type Readings } from './form-reading';
import type { StoredLayout } from './paper-layout';
import { findPaperForm, updatePaperForm, type PaperForm } from './paper.repository';
import { formKeyOf, storeForm } from './paper-read.service';
import { assertFormScope, describeQuestions, formLabel, layoutOrder, loadForm, settledValue, type VerificationItem } from './paper-verify.service';

/**
 * Manual keying of paper forms that cannot be scanned (issue #16). A clerk finds the form by the code or
 * serial printed on it and keys every question in the order of the paper form; with double entry a second
 * clerk keys it again without seeing the first entry, the questions where the two differ go to
 * verification as disagreements, and the rest is kept. A complete form is stored through the same path as
 * a scanned one (same validation, channel `paper`, its invitation's place in the design, one response id
 * per form), so a retried request never stores anything twice.
 */
export type KeyedValue = ReadingValue | null;

export interface KeyingForm {
  id: string;
  wave: string;
  label: string;
  commune: string | null;
  status: PaperForm['status'];
  /** The entry this clerk would make now: 1 (first or only), 2 (second of a double entry), or null (none). */
  pass: 1 | 2 | null;
  /** The first entry asked for a second (double entry) and is waiting for another clerk. */
  awaitingSecond: boolean;
  /** Questions where the two entries differ, still to settle in verification. */
  disagreements: string[];
  fields: VerificationItem[];
}

function notFound(): NotFoundError {
  return new NotFoundError('Không tìm thấy phiếu giấy có mã này trong đợt khảo sát', 'No paper form of this wave has that code');
}

/** The form whose printed code (an invitation code or a blank form's serial) a clerk typed. */
export async function findFormByCode(deps: IngestionDeps, waveId: string, code: string, user: AuthUser): Promise<{ id: string }> {
  const wave = await requireWave(deps.db, waveId);
  const typed = code.trim().toUpperCase();
  const key = formKeyOf(/^S[0-9]{6}$/.test(typed) ? typed : code);
  const form = key ? await findPaperForm(deps.db, wave.id, key) : undefined;
  if (!form) throw notFound();
  await assertFormScope(deps, user, wave, form);
  return { id: form.id };
}

interface KeyingRow { pass: number; keyed_by: number | null; answers: Record<string, KeyedValue> }

async function keyingsOf(deps: IngestionDeps, formId: string): Promise<KeyingRow[]> {
  const rows = await deps.db.selectFrom('paper_keyings').select(['pass', 'keyed_by', 'answers']).where('form_id', '=', formId).orderBy('pass').execute();
  return rows.map((r) => ({ ...r, answers: (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers) as Record<string, KeyedValue> }));
}

const KEYABLE: readonly PaperForm['status'][] = ['printed', 'returned'];

function nextPass(form: PaperForm, keyings: readonly KeyingRow[], user: AuthUser): 1 | 2 | null {
  if (!KEYABLE.includes(form.status)) return null;
  const first = keyings.find((k) => k.pass === 1);
  if (!first || first.keyed_by === user.id) return 1;
  return keyings.some((k) => k.pass === 2) ? null : 2;
}

/** What the keying screen shows: every question of the form in paper order, and where the form stands. */
export async function keyingForm(deps: IngestionDeps, id: string, user: AuthUser): Promise<KeyingForm> {
  const { form, layout, wave } = await loadForm(deps, id, user);
  const keyings = await keyingsOf(deps, form.id);
  const readings = form.answers as Readings;
  return {
    id: form.id, wave: form.wave_id, label: formLabel(form), commune: form.commune_code, status: form.status,
    pass: nextPass(form, keyings, user),
    awaitingSecond: KEYABLE.includes(form.status) && keyings.some((k) => k.pass === 1),
    disagreements: form.uncertain.filter((q) => readings[q]?.s === 'disputed'),
    fields: await describeQuestions(deps, wave, layout, layoutOrder(layout), new Set()),
  };
}

/** The keyed answers checked against the printed choices, one value (or null) per question of the form. */
function checkedAnswers(layout: StoredLayout, answers: Record<string, unknown>): Record<string, KeyedValue> {
  const order = layoutOrder(layout);
  const known = new Set(order);
  const issues: FieldIssue[] = [];
  for (const path of Object.keys(answers)) {
    if (!known.has(path)) {
      issues.push({ field: `answers.${path}`, rule: 'unknown_question', message: `Phiếu không có câu ${path}`, messageEn: `The form has no question ${path}` });
    }
  }
  const checked: Record<string, KeyedValue> = {};
  for (const path of order) {
    try {
      const reading = settledValue(layout, path, answers[path]);
      checked[path] = reading.s === 'settled' ? reading.v : null;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues.map((i) => ({ ...i, field: `answers.${path}` })));
    }
  }
  if (issues.length) throw new ValidationError(issues);
  return checked;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function alreadyKeyed(): ConflictError {
  return new ConflictError('Phiếu này đã được nhập đủ (hoặc đã lưu); không nhập thêm được', 'This form has already been keyed (or stored)', [
    { field: 'form', rule: 'already_keyed', message: 'Phiếu đã được nhập đủ số lần hoặc đã lưu', messageEn: 'The form has been keyed as often as it needs, or is stored' },
  ]);
}

/**
 * Records one clerk's entry of a form. A first entry without `double` is stored at once; with `double`
 * it waits for a second clerk (the first may correct theirs meanwhile). The second entry is compared
 * question by question: agreements are kept, disagreements wait for verification, and with none the
 * form is stored. The same entry sent again by the same clerk changes nothing.
 */
export async function keyForm(
  deps: IngestionDeps, id: string, input: { answers: Record<string, unknown>; double: boolean }, user: AuthUser, actor: AuditActor,
): Promise<KeyingForm> {
  const { form, layout, wave } = await loadForm(deps, id, user);
  const keyed = checkedAnswers(layout, input.answers);
  const keyings = await keyingsOf(deps, form.id);
  const mine = keyings.find((k) => k.keyed_by === user.id);
  if (mine && same(mine.answers, keyed)) return keyingForm(deps, id, user); // a retry
  const pass = nextPass(form, keyings, user);
  if (pass === null) throw alreadyKeyed();
  const { plan } = await deps.questionnaires.get(wave.survey_version_id);
  const order = layoutOrder(layout);

  if (pass === 1) {
    if (keyings.some((k) => k.pass === 1)) {
      await deps.db.updateTable('paper_keyings').set({ answers: JSON.stringify(keyed), keyed_at: new Date() })
        .where('form_id', '=', form.id).where('pass', '=', 1).where('keyed_by', '=', user.id).execute();
    } else {
      const inserted = await deps.db.insertInto('paper_keyings').values({ form_id: form.id, pass: 1, keyed_by: user.id, answers: JSON.stringify(keyed) })
        .onConflict((oc) => oc.columns(['form_id', 'pass']).doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw alreadyKeyed();
    }
    await recordAudit(deps.db, { ...actor, action: 'paper_form_keyed', target: `paper_form:${form.id}`, details: { pass: 1, double: input.double } });
    if (input.double) {
      await updatePaperForm(deps.db, form.id, { status: 'returned' });
    } else {
      const readings: Readings = Object.fromEntries(order.map((path) => [path, { s: 'settled', v: keyed[path] } as Reading]));
      await storeForm(deps, wave.id, form, readings, assess(plan, layout, readings).answers);
    }
    return keyingForm(deps, id, user);
  }

  const first = keyings.find((k) => k.pass === 1)!;
  const inserted = await deps.db.insertInto('paper_keyings').values({ form_id: form.id, pass: 2, keyed_by: user.id, answers: JSON.stringify(keyed) })
    .onConflict((oc) => oc.columns(['form_id', 'pass']).doNothing()).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw alreadyKeyed();
  const readings: Readings = Object.fromEntries(order.map((path): [string, Reading] => {
    const a = first.answers[path] ?? null;
    const b = keyed[path];
    return [path, same(a, b) ? { s: 'settled', v: a } : { s: 'disputed', keyed: [a, b] }];
  }));
  const { answers, uncertain } = assess(plan, layout, readings);
  await recordAudit(deps.db, { ...actor, action: 'paper_form_keyed', target: `paper_form:${form.id}`, details: { pass: 2, disagreements: uncertain.length } });
  if (uncertain.length) await updatePaperForm(deps.db, form.id, { status: 'verification', answers: readings, uncertain });
  else await storeForm(deps, wave.id, form, readings, answers);
  return keyingForm(deps, id, user);
}
