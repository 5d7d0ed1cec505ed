import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { reportFailure } from '../../server/cli/failure';
import { createPaperFormsCommand } from '../../server/cli/paper-forms.command';
import type { Database } from '../../server/db/database';
import type { LayoutFile } from '../../server/paper/paper-layout';
import { captureIo } from '../unit/cli/cli-io';
import { postCsv, SMALL_FRAME } from './uploads';
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
