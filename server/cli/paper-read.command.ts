import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { GeographyCache } from '../geography/geography.cache';
import { readScans } from '../paper/paper-read.service';
import { ResponseWriter } from '../responses/response-writer';
import { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { WaveCache } from '../waves/wave.cache';
import { parseOptions, required } from './arguments';
import { UsageError, type CliIo, type Command } from './command';
import { writeFileAtomically } from './output';
import { asUsageError, type WithDatabase } from './paper-forms.command';
import { withCommandDatabase } from './command-database';
import { HELP } from './help';

const OPTIONS = {
  wave: { type: 'string' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string' },
  dpi: { type: 'string' },
} as const;

/** `--scans a.pdf b.png …`: every path after --scans up to the next option. */
function splitScans(args: string[]): { scans: string[]; rest: string[] } {
  const scans: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--scans') {
      while (i + 1 < args.length && !args[i + 1].startsWith('--')) scans.push(args[++i]);
    } else rest.push(args[i]);
  }
  return { scans, rest };
}

/** `paper:read`: reads scanned paper forms back and stores the confident complete ones (issue #16). */
export const createPaperReadCommand = (withDatabase: WithDatabase = (work) => withCommandDatabase('paper:read', work)): Command => ({
  name: 'paper:read',
  ...HELP['paper:read'],
  async run(args, io: CliIo) {
    const { scans, rest } = splitScans(args);
    const options = parseOptions(rest, OPTIONS);
    const wave = required('wave', options.wave);
    const out = required('out', options.out);
    if (scans.length === 0) throw new UsageError('Thiếu --scans (tệp quét)', '--scans needs at least one file');
    const files = scans.map((path) => {
      try {
        return { name: basename(path), bytes: readFileSync(path) };
      } catch {
        throw new UsageError(`Không đọc được tệp ${path}`, `cannot read ${path}`);
      }
    });
    const dpi = options.dpi === undefined ? 200 : Number(options.dpi);
    if (!Number.isInteger(dpi) || dpi < 100 || dpi > 600) throw new UsageError('--dpi phải từ 100 đến 600', '--dpi must be 100–600');
    const result = await withDatabase(({ db }) => readScans(
      { db, questionnaires: new QuestionnaireCache(db), geography: new GeographyCache(db), waves: new WaveCache(db), writer: new ResponseWriter(db) },
      wave, files, { dryRun: options['dry-run'], actor: { actorId: null, ip: null }, dpi },
    )).catch(asUsageError);
    writeFileAtomically(out, `${JSON.stringify({ forms: result.forms, pages: result.pages }, null, 1)}\n`);
    const count = (s: string) => result.forms.filter((f) => f.status === s).length;
    const unreadable = result.pages.filter((p) => p.status !== 'read').length;
    io.stderr.write(`${result.dryRun ? '(thử, không lưu / dry run) ' : ''}${result.pages.length} trang: ${count('stored')} phiếu đã lưu, `
      + `${count('verification')} chờ kiểm tra, ${count('refused')} bị từ chối, ${unreadable} trang không đọc được / `
      + `${count('stored')} stored, ${count('verification')} to verify, ${count('refused')} refused, ${unreadable} pages unreadable\n`);
    return 0;
  },
});

export const paperReadCommand = createPaperReadCommand();
