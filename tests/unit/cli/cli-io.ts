import { Writable } from 'node:stream';
import type { CliIo } from '../../../server/cli/command';

/** Streams that collect what a command writes, as a terminal or not. */
export function captureIo(isTTY = false): CliIo & { out: () => string; err: () => string } {
  const sink = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    return { stream, text: () => chunks.join('') };
  };
  const stdout = sink();
  const stderr = sink();
  return {
    stdout: stdout.stream,
    stderr: Object.assign(stderr.stream, { isTTY }),
    out: stdout.text,
    err: stderr.text,
  };
}
