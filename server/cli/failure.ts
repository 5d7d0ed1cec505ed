import { CsvSyntaxError } from '../csv/csv-records';
import { FolderLockedError } from '../db/folder-lock';
import { EstimationError } from '../estimation/estimation-error';
import { InputError } from '../estimation/input-error';
import { EXIT_BAD_INPUT, UsageError, type CliIo } from './command';

/**
 * Renders a failed run: bad arguments or input become one line (Vietnamese, then English) and exit
 * status 2; a database folder another process holds is one line and status 1; anything else is a bug, reported with its stack and status 1.
 */
export function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof InputError || error instanceof EstimationError || error instanceof UsageError) {
    io.stderr.write(`${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  // Another process holds the embedded database: one line saying who and how to proceed.
  if (error instanceof FolderLockedError) {
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (error instanceof CsvSyntaxError) {
    io.stderr.write(`dòng ${error.line}: ${error.vi} / line ${error.line}: ${error.en}\n`);
    return EXIT_BAD_INPUT;
  }
  io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
