import { estimatesCsv, estimatesXlsx } from '../exports/estimates-export.service';
import { exportMicrodata } from '../exports/microdata.service';
import { SYNTHETIC_NOTICE } from '../reports/report-canvas';
import { oneOf, parseOptions, required } from './arguments';
import type { CliIo, Command } from './command';
import { writeFileAtomically, writeResult } from './output';
import { exportStoredRun, runIdOption } from './stored-run';
import { HELP } from './help';

function notice(io: CliIo, synthetic: boolean): void {
  if (synthetic) io.stderr.write(`${SYNTHETIC_NOTICE}\n`);
}

const ESTIMATE_OPTIONS = { run: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } as const;

export const exportEstimatesCommand: Command = {
  name: 'export:estimates',
  ...HELP['export:estimates'],
  async run(args, io) {
    const options = parseOptions(args, ESTIMATE_OPTIONS);
    const runId = runIdOption(options.run);
    const format = oneOf('format', options.format, ['csv', 'xlsx'] as const, 'csv');
    // A workbook is never written to the terminal.
    if (format === 'xlsx') required('out', options.out);
    const file = await exportStoredRun(
      'export:estimates',
      runId,
      (deps) => (format === 'csv' ? estimatesCsv : estimatesXlsx)(deps, runId, 'all'),
      (made) => ({ what: 'estimates', format, rows: made.rowCount }),
    );
    writeResult(file.body, options.out, io);
    notice(io, file.synthetic);
    return 0;
  },
};

const MICRODATA_OPTIONS = { run: { type: 'string' }, province: { type: 'string' }, out: { type: 'string' } } as const;

export const exportMicrodataCommand: Command = {
  name: 'export:microdata',
  ...HELP['export:microdata'],
  async run(args, io) {
    const options = parseOptions(args, MICRODATA_OPTIONS);
    const runId = runIdOption(options.run);
    const out = required('out', options.out);
    const provinces = options.province ? [options.province] : 'all';
    const pack = await exportStoredRun(
      'export:microdata',
      runId,
      (deps) => exportMicrodata(deps, { runId, provinces }),
      (made) => ({ what: 'microdata', format: 'zip', provinces, rows: made.rowCount }),
    );
    writeFileAtomically(out, pack.zip);
    notice(io, pack.synthetic);
    io.stderr.write(`Đã ghi ${out}: ${pack.rowCount} dòng, ${Object.keys(pack.files).join(', ')} / wrote ${out}\n`);
    return 0;
  },
};
