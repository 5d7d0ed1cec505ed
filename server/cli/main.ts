import { EXIT_BAD_INPUT, type CliIo, type Command } from './command';
import { compareCommand } from './compare.command';
import { demoCommand } from './demo.command';
import { estimateCommand } from './estimate.command';
import { exportEstimatesCommand, exportMicrodataCommand } from './export.command';
import { reportFailure } from './failure';
import { paperFormsCommand } from './paper-forms.command';
import { paperReadCommand } from './paper-read.command';
import { reportCommand } from './report.command';
import { userCreateCommand } from './user-create.command';

/** Every `sipas` command; add new ones (user:create, demo, report, …) to this list. */
export const COMMANDS: readonly Command[] = [
  estimateCommand, compareCommand, userCreateCommand, demoCommand, reportCommand, exportEstimatesCommand, exportMicrodataCommand,
  paperFormsCommand, paperReadCommand,
];

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(usage(name));
    return name === undefined || name === '--help' ? 0 : EXIT_BAD_INPUT;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

function usage(name: string | undefined): string {
  const lines = [
    ...(name && name !== '--help' ? [`Lệnh không tồn tại "${name}" / unknown command "${name}"`] : []),
    'Cách dùng / usage: npm run sipas -- <lệnh/command> [tuỳ chọn/options]',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}\n             ${c.usage}`),
  ];
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  // A closed pipe (`… | head`) ends the output quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
