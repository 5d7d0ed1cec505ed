import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { recordAudit } from '../audit/audit.repository';
import { loadConfig } from '../config';
import type { DatabaseHandle } from '../db/connect';
import { AppError } from '../errors/app-error';
import { createLogger } from '../logger';
import { prepareDatabase } from '../platform';
import { buildReport } from '../reports/report.service';
import { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { parseOptions, required } from './arguments';
import { UsageError, type CliIo, type Command } from './command';
import { Progress } from './progress';

/** Writes bytes to `out` atomically: a temporary file renamed over the target once complete. */
export function writeFileAtomically(out: string, body: Buffer | string): void {
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, body);
    renameSync(temporary, out);
  } catch (error) {
    try { unlinkSync(temporary); } catch { /* never created */ }
    throw error;
  }
}

/** Opens the configured database for a command, turning the platform's 4xx problems into bad input (status 2). */
export async function withCommandDatabase<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await prepareDatabase(loadConfig(), createLogger('silent'));
  try {
    return await work(database);
  } catch (error) {
    if (error instanceof AppError && error.status < 500) throw new UsageError(error.title, error.titleEn);
    throw error;
  } finally {
    await database.close();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `--run` option: a stored run's id (a UUID). */
export function runIdOption(value: string | undefined): string {
  const id = required('run', value);
  if (!UUID.test(id)) throw new UsageError(`--run phải là mã lần ước lượng (UUID), không phải "${id}"`, `--run must be a run id (a UUID), not "${id}"`);
  return id;
}

const OPTIONS = { run: { type: 'string' }, out: { type: 'string' } } as const;

export const reportCommand: Command = {
  name: 'report',
  summary: 'Lập báo cáo năm (PDF) từ một lần ước lượng đã lưu / the annual report (PDF) of a stored run',
  usage: 'report --run RUN_ID --out report.pdf',
  async run(args, io: CliIo) {
    const options = parseOptions(args, OPTIONS);
    const runId = runIdOption(options.run);
    const out = required('out', options.out);
    const progress = new Progress(io, 'báo cáo/report');
    progress.rowsSeen(Number.MAX_SAFE_INTEGER);
    const pdf = await withCommandDatabase(async ({ db }) => {
      const bytes = await buildReport({ db, questionnaires: new QuestionnaireCache(db) }, runId, { onProgress: (f, step) => progress.update(f, step) });
      await recordAudit(db, { action: 'export', actorId: null, target: `run:${runId}`, details: { what: 'report', format: 'pdf', via: 'cli', bytes: bytes.length } });
      return bytes;
    });
    progress.done();
    writeFileAtomically(out, pdf);
    io.stderr.write(`Đã ghi ${out} (${pdf.length} byte) / wrote ${out}\n`);
    return 0;
  },
};
