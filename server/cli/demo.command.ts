import { createDemo } from '../demo/demo.service';
import { describeDemo } from '../demo/describe-demo';
import { parseOptions } from './arguments';
import { UsageError, type CliIo, type Command } from './command';
import { withCommandDatabase } from './command-database';
import { Progress } from './progress';
import { HELP } from './help';

const OPTIONS = { respondents: { type: 'string' } } as const;

export const demoCommand: Command = {
  name: 'demo',
  ...HELP['demo'],
  async run(args, io: CliIo) {
    const options = parseOptions(args, OPTIONS);
    const respondents = options.respondents === undefined ? 40_000 : Number(options.respondents);
    if (!Number.isInteger(respondents) || respondents < 500 || respondents > 1_000_000) {
      throw new UsageError('--respondents phải là số nguyên 500–1000000', '--respondents must be an integer 500–1000000');
    }
    // While the server holds the embedded database this is refused: `SIPAS_DEMO=1 npm start` creates the demo.
    return withCommandDatabase('demo', async (database) => {
      let progress: Progress | null = null;
      let label = '';
      const result = await createDemo(database.db, {
        respondents,
        onProgress(step, fraction) {
          if (step !== label) {
            progress?.done();
            label = step;
            progress = new Progress(io, step);
            progress.rowsSeen(Number.MAX_SAFE_INTEGER);
          }
          progress!.update(fraction);
        },
      });
      (progress as Progress | null)?.done();
      io.stdout.write(describeDemo(result));
      return 0;
    });
  },
};
