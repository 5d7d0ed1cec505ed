import { buildReport } from '../reports/report.service';
import { parseOptions, required } from './arguments';
import type { CliIo, Command } from './command';
import { writeFileAtomically } from './output';
import { Progress } from './progress';
import { exportStoredRun, runIdOption } from './stored-run';
import { HELP } from './help';

const OPTIONS = { run: { type: 'string' }, out: { type: 'string' } } as const;

export const reportCommand: Command = {
  name: 'report',
  ...HELP['report'],
  async run(args, io: CliIo) {
    const options = parseOptions(args, OPTIONS);
    const runId = runIdOption(options.run);
    const out = required('out', options.out);
    const progress = new Progress(io, 'báo cáo/report');
    progress.rowsSeen(Number.MAX_SAFE_INTEGER);
    const pdf = await exportStoredRun(
      'report',
      runId,
      (deps) => buildReport(deps, runId, { onProgress: (f, step) => progress.update(f, step) }),
      (bytes) => ({ what: 'report', format: 'pdf', bytes: bytes.length }),
    );
    progress.done();
    writeFileAtomically(out, pdf);
    io.stderr.write(`Đã ghi ${out} (${pdf.length} byte) / wrote ${out}\n`);
    return 0;
  },
};
