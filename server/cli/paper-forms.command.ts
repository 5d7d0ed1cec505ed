import { AppError } from '../errors/app-error';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { printPaperForms } from '../paper/paper-forms.service';
import { parseOptions, required } from './arguments';
import { UsageError, type CliIo, type Command } from './command';
import { writeFileAtomically } from './output';
import { withCommandDatabase } from './command-database';
import { HELP } from './help';
import { Progress } from './progress';

/** Printings of more forms than this report progress on stderr even when it is not a terminal. */
export const LARGE_PRINTING = 200;

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
    const bars = { issue: new Progress(io, 'Cấp mã mời theo xã / issuing codes'), print: new Progress(io, 'Vẽ phiếu / drawing forms') };
    let current: Progress | null = null;
    const printed = await withDatabase(({ db }) => printPaperForms(
      db, wave, count === undefined ? { invitations: true, communes: options.commune } : { count }, { actorId: null, ip: null },
      (step, done, total) => {
        const bar = bars[step];
        if (current !== bar) {
          current?.done();
          current = bar;
          // Communes each issue a sheet of codes: a printing of more than a few is long work too.
          bar.rowsSeen(step === 'print' && total > LARGE_PRINTING ? Number.MAX_SAFE_INTEGER : step === 'issue' && total > 5 ? Number.MAX_SAFE_INTEGER : 0);
        }
        bar.update(total ? done / total : 1, `${done}/${total}`);
      },
    )).catch(asUsageError).finally(() => (current as Progress | null)?.done());
    writeFileAtomically(out, printed.pdf);
    writeFileAtomically(layoutOut, `${JSON.stringify(printed.layout, null, 1)}\n`);
    io.stderr.write(`Đã in ${printed.forms} phiếu × ${printed.pages} trang vào ${out}, bố cục ở ${layoutOut} / printed ${printed.forms} forms of ${printed.pages} pages\n`);
    return 0;
  },
});

export const paperFormsCommand = createPaperFormsCommand();
