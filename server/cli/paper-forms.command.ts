import { AppError } from '../errors/app-error';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { printPaperForms } from '../paper/paper-forms.service';
import { parseOptions, required } from './arguments';
import { UsageError, type CliIo, type Command } from './command';
import { writeFileAtomically } from './output';
import { withCommandDatabase } from './command-database';
import { HELP } from './help';

const OPTIONS = {
  wave: { type: 'string' },
  invitations: { type: 'boolean' },
  count: { type: 'string' },
  commune: { type: 'string', multiple: true },
  out: { type: 'string' },
  layout: { type: 'string' },
} as const;

/** The platform's 4xx problems (no such wave, no sample drawn) are bad input: status 2. */
export function asUsageError(error: unknown): never {
  if (error instanceof AppError && error.status < 500) throw new UsageError(error.title, error.titleEn);
  throw error;
}

/** Runs work against a database: the configured one, or a test's. */
export type WithDatabase = <T>(work: (database: { db: Kysely<Database> }) => Promise<T>) => Promise<T>;

/** `paper:forms`: the A4 paper forms of a wave and their layout.json (issue #16). */
export const createPaperFormsCommand = (withDatabase: WithDatabase = (work) => withCommandDatabase('paper:forms', work)): Command => ({
  name: 'paper:forms',
  ...HELP['paper:forms'],
  async run(args, io: CliIo) {
    const options = parseOptions(args, OPTIONS);
    const wave = required('wave', options.wave);
    const out = required('out', options.out);
    const layoutOut = required('layout', options.layout);
    if (Boolean(options.invitations) === (options.count !== undefined)) {
      throw new UsageError('Cần đúng một trong --invitations hoặc --count N', 'give exactly one of --invitations or --count N');
    }
    const count = options.count === undefined ? undefined : Number(options.count);
    if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new UsageError('--count phải là số nguyên dương', '--count must be a positive integer');
    const printed = await withDatabase(({ db }) => printPaperForms(
      db, wave, count === undefined ? { invitations: true, communes: options.commune } : { count }, { actorId: null, ip: null },
    )).catch(asUsageError);
    writeFileAtomically(out, printed.pdf);
    writeFileAtomically(layoutOut, `${JSON.stringify(printed.layout, null, 1)}\n`);
    io.stderr.write(`Đã in ${printed.forms} phiếu × ${printed.pages} trang vào ${out}, bố cục ở ${layoutOut} / printed ${printed.forms} forms of ${printed.pages} pages\n`);
    return 0;
  },
});

export const paperFormsCommand = createPaperFormsCommand();
