import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { reportFailure } from '../../server/cli/failure';
import { createPaperFormsCommand } from '../../server/cli/paper-forms.command';
import { createPaperReadCommand } from '../../server/cli/paper-read.command';
import type { Database } from '../../server/db/database';
import { isTextMark, PAGE_SIZE, type ChoiceMark, type LayoutFile } from '../../server/paper/paper-layout';
import { createPdfDocument, renderPdf } from '../../server/pdf/pdf-document';
import { captureIo } from '../unit/cli/cli-io';
import { postCsv, SMALL_FRAME } from './uploads';
import type { ScanSpec } from './paper-scan.main';
import type { LoggedInAgent } from './users';

/** A household wave's sample drawn from the small frame: two communes per province, `perCommune` each. */
export async function drawSmallSample(admin: LoggedInAgent, wave: string, perCommune = 2) {
  expect((await postCsv(admin, `/api/waves/${wave}/sample/frame`, SMALL_FRAME)).status).toBe(201);
  const drawn = await admin.post(`/api/waves/${wave}/sample/draw`, { stratification: 'province', communesPerStratum: 2, respondentsPerCommune: perCommune, seed: 20260115 });
  expect(drawn.status).toBe(201);
  return (await drawn.json()).communes as { code: string; nameVi: string; province: string; target: number }[];
}

/** Runs `sipas paper:forms` on the test's database; returns its status, the PDF and the layout. */
export async function runPaperForms(db: Kysely<Database>, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'sipas-paper-'));
  const out = join(dir, 'forms.pdf');
  const layout = join(dir, 'layout.json');
  const io = captureIo();
  const command = createPaperFormsCommand((work) => work({ db }));
  const status = await command.run([...args, '--out', out, '--layout', layout], io).catch((e: unknown) => reportFailure(e, io));
  if (status !== 0) return { status, err: io.err(), pdf: Buffer.alloc(0), layout: null as unknown as LayoutFile, dir };
  return { status, err: io.err(), pdf: readFileSync(out), layout: JSON.parse(readFileSync(layout, 'utf8')) as LayoutFile, dir, pdfPath: out };
}

export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

/** Runs `sipas paper:read` on the test's database; returns its status and results.json. */
export async function runPaperRead(db: Kysely<Database>, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'sipas-paper-read-'));
  const out = join(dir, 'results.json');
  const io = captureIo();
  const command = createPaperReadCommand((work) => work({ db }));
  const status = await command.run([...args, '--out', out], io).catch((e: unknown) => reportFailure(e, io));
  return { status, err: io.err(), results: status === 0 ? JSON.parse(readFileSync(out, 'utf8')) as ReadResults : null };
}

export interface ReadResults {
  forms: { form: string; answers: Record<string, unknown>; uncertain: string[]; status: string; missingPages?: number[] }[];
  pages: { source: string; status: string; form?: string; page?: number }[];
}

/** Pages as a scanner's PDF: each image full-page. */
export async function imagesToPdf(pngs: Buffer[]): Promise<Buffer> {
  const doc = createPdfDocument({ title: 'scan', margin: 0 });
  pngs.forEach((png, k) => {
    if (k > 0) doc.addPage({ size: 'A4', margin: 0 });
    doc.image(png, 0, 0, { width: PAGE_SIZE[0], height: PAGE_SIZE[1] });
  });
  return renderPdf(doc);
}

/** The answers a filled form should store, from the marks drawn on it (matrix rows nested, boxes in order). */
export function expectedAnswers(layout: LayoutFile['forms'][number], chosen: ReadonlyMap<string, ChoiceMark[]>, multiple: ReadonlySet<string>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const page of layout.pages) {
    for (const question of new Set(page.marks.map((m) => m.question))) {
      const marks = chosen.get(question);
      if (!marks || marks.length === 0) continue;
      const value = multiple.has(question) ? marks.map((m) => m.value) : marks[0].value;
      const dot = question.indexOf('.');
      if (dot < 0) answers[question] = value;
      else answers[question.slice(0, dot)] = { ...(answers[question.slice(0, dot)] as object), [question.slice(dot + 1)]: value };
    }
  }
  return answers;
}

/** Fills and scans printed forms in a child process (tests/support/paper-scan.main.ts). */
export function fillAndScanForms(spec: ScanSpec): { forms: { chosen: Record<string, ChoiceMark[]>; pages: string[] }[] } {
  const file = join(spec.outDir, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'paper-scan.main.ts'), file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out);
}

/** What a clerk keys from a filled form: sipasAnswers' values under the layout's paths (matrix rows as `name.row`). */
export function keyedFromLayout(layout: LayoutFile['forms'][number], source: Record<string, unknown>): Record<string, unknown> {
  const keyed: Record<string, unknown> = {};
  for (const m of layout.pages.flatMap((p) => p.marks)) {
    const dot = m.question.indexOf('.');
    const value = dot < 0 ? source[m.question] : (source[m.question.slice(0, dot)] as Record<string, unknown> | undefined)?.[m.question.slice(dot + 1)];
    if (value !== undefined && (isTextMark(m) || !('value' in m) || Array.isArray(value) || value === m.value)) keyed[m.question] = value;
  }
  return keyed;
}
