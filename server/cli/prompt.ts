import { UsageError } from './command';

/** A terminal's standard input, as far as reading a hidden answer needs it. */
export interface TtyInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/**
 * Asks `question` on stderr and reads one line from a terminal without echoing it (for passwords).
 * Ctrl-C cancels with a {@link UsageError}.
 */
export function promptHidden(stdin: TtyInput, stderr: NodeJS.WritableStream, question: string): Promise<string> {
  stderr.write(question);
  stdin.setRawMode?.(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (settle: () => void) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      settle();
    };
    const onData = (chunk: string | Buffer) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(chars.join('')));
        if (ch === '\u0003') return finish(() => reject(new UsageError('Đã huỷ', 'cancelled')));
        chars = ch === '\u007f' || ch === '\b' ? chars.slice(0, -1) : [...chars, ch];
      }
    };
    stdin.on('data', onData);
  });
}
