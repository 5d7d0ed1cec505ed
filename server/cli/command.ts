/** Streams and facts a command needs from its process, passed in so commands can run inside tests. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** One `sipas <name> …` command. Resolves to the process exit status. */
export interface Command {
  name: string;
  /** One line for the usage text, Vietnamese first. */
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit status of a run refused because of its arguments or input files. */
export const EXIT_BAD_INPUT = 2;

/** Wrong command-line arguments (unknown option, missing value). */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} / ${en}`);
  }
}
