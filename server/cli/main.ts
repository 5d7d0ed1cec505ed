import { EXIT_BAD_INPUT, type CliIo, type Command } from './command';
import { HELP, type CommandName } from './help';

/**
 * Every `sipas` command, each loaded only when called: `estimate` does not pay for the database, PDF and
 * image libraries the other commands import. Add new ones here and in {@link HELP}.
 */
export const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  estimate: async () => (await import('./estimate.command')).estimateCommand,
  compare: async () => (await import('./compare.command')).compareCommand,
  'user:create': async () => (await import('./user-create.command')).userCreateCommand,
  demo: async () => (await import('./demo.command')).demoCommand,
  report: async () => (await import('./report.command')).reportCommand,
  'export:estimates': async () => (await import('./export.command')).exportEstimatesCommand,
  'export:microdata': async () => (await import('./export.command')).exportMicrodataCommand,
  'paper:forms': async () => (await import('./paper-forms.command')).paperFormsCommand,
  'paper:read': async () => (await import('./paper-read.command')).paperReadCommand,
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || !Object.hasOwn(COMMANDS, name)) {
    io.stderr.write(usage(name));
    return name === undefined || name === '--help' ? 0 : EXIT_BAD_INPUT;
  }
  try {
    const command = await COMMANDS[name as CommandName]();
    return await command.run(args, io);
  } catch (error) {
    const { reportFailure } = await import('./failure');
    return reportFailure(error, io);
  }
}

function usage(name: string | undefined): string {
  const lines = [
    ...(name && name !== '--help' ? [`Lệnh không tồn tại "${name}" / unknown command "${name}"`] : []),
    'Cách dùng / usage: npm run sipas -- <lệnh/command> [tuỳ chọn/options]',
    ...Object.entries(HELP).map(([command, { summary, usage }]) => `  ${command.padEnd(10)} ${summary}\n             ${usage}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs `sipas` with the process's arguments and streams (`node dist/server/cli/main.js`, scripts/sipas.mjs, tsx). */
export function main(argv = process.argv.slice(2)): void {
  // A closed pipe (`… | head`) ends the output quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  runCli(argv, { stdout: process.stdout, stderr: process.stderr }).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) main();
