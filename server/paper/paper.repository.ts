import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, PaperFormsTable } from '../db/database';
import { canonicalJson, sha256 } from '../surveys/fingerprint';
import type { StoredLayout } from './paper-layout';

type Db = Kysely<Database> | Transaction<Database>;
export type PaperForm = Selectable<PaperFormsTable>;

/** Stores a printing's layout once per wave and returns its id. */
export async function saveLayout(db: Db, waveId: string, layout: StoredLayout): Promise<string> {
  const text = canonicalJson(layout);
  const checksum = sha256(text);
  await db.insertInto('paper_layouts').values({ wave_id: waveId, checksum, layout: text })
    .onConflict((oc) => oc.columns(['wave_id', 'checksum']).doNothing()).execute();
  const row = await db.selectFrom('paper_layouts').select('id').where('wave_id', '=', waveId).where('checksum', '=', checksum).executeTakeFirstOrThrow();
  return row.id;
}

export async function findLayout(db: Db, id: string): Promise<StoredLayout> {
  const row = await db.selectFrom('paper_layouts').select('layout').where('id', '=', id).executeTakeFirstOrThrow();
  return (typeof row.layout === 'string' ? JSON.parse(row.layout) : row.layout) as StoredLayout;
}

export interface NewPaperForm { formKey: string; serial: string | null; invitationId: string | null; communeCode: string | null }

export async function insertPaperForms(db: Db, waveId: string, layoutId: string, forms: readonly NewPaperForm[]): Promise<void> {
  for (let i = 0; i < forms.length; i += 500) {
    await db.insertInto('paper_forms').values(forms.slice(i, i + 500).map((f) => ({
      wave_id: waveId, form_key: f.formKey, serial: f.serial, invitation_id: f.invitationId, commune_code: f.communeCode, layout_id: layoutId,
    }))).execute();
  }
}

/** The highest serial number of a wave's blank forms (0 before any). */
export async function lastSerial(db: Db, waveId: string): Promise<number> {
  const row = await db.selectFrom('paper_forms').select((eb) => eb.fn.max('serial').as('serial'))
    .where('wave_id', '=', waveId).where('serial', 'is not', null).executeTakeFirst();
  return row?.serial ? Number(String(row.serial).slice(1)) : 0;
}

export function findPaperForm(db: Db, waveId: string, formKey: string): Promise<PaperForm | undefined> {
  return db.selectFrom('paper_forms').selectAll().where('wave_id', '=', waveId).where('form_key', '=', formKey).executeTakeFirst();
}

export function findPaperFormById(db: Db, id: string): Promise<PaperForm | undefined> {
  return db.selectFrom('paper_forms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePaperForm(
  db: Db, id: string,
  change: { status: PaperForm['status']; answers?: Record<string, unknown>; uncertain?: string[]; refusal?: Record<string, unknown> | null; responseId?: string | null },
): Promise<void> {
  await db.updateTable('paper_forms').set({
    status: change.status,
    ...(change.answers !== undefined ? { answers: JSON.stringify(change.answers) } : {}),
    ...(change.uncertain !== undefined ? { uncertain: JSON.stringify(change.uncertain) } : {}),
    ...(change.refusal !== undefined ? { refusal: change.refusal === null ? null : JSON.stringify(change.refusal) } : {}),
    ...(change.responseId !== undefined ? { response_id: change.responseId } : {}),
    updated_at: sql<Date>`now()`,
  }).where('id', '=', id).execute();
}
