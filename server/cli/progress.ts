import type { CliIo } from './command';

/** Inputs with more rows than this get a progress report even when stderr is not a terminal. */
export const LARGE_INPUT_ROWS = 100_000;

const BAR_WIDTH = 30;

/**
 * A progress report on stderr (stdout carries only the result): a redrawn bar on a terminal, otherwise a
 * line every 10%, and only once the input is known to be large.
 */
export class Progress {
  private active: boolean;
  private readonly tty: boolean;
  private lastDecile = -1;
  private lastDrawn = 0;

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
  ) {
    this.tty = Boolean(io.stderr.isTTY);
    this.active = this.tty;
  }

  /** Large inputs report progress even without a terminal. */
  rowsSeen(rows: number): void {
    if (rows > LARGE_INPUT_ROWS) this.active = true;
  }

  update(fraction: number, detail = ''): void {
    if (!this.active) return;
    const percent = Math.min(100, Math.floor(fraction * 100));
    if (this.tty) {
      const now = Date.now();
      if (now - this.lastDrawn < 100 && percent < 100) return;
      this.lastDrawn = now;
      const filled = Math.round((percent / 100) * BAR_WIDTH);
      this.io.stderr.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent}% ${detail}`);
    } else if (Math.floor(percent / 10) > this.lastDecile) {
      this.lastDecile = Math.floor(percent / 10);
      this.io.stderr.write(`${this.label}: ${percent}% ${detail}\n`);
    }
  }

  done(): void {
    if (this.active && this.tty) this.io.stderr.write('\n');
  }
}
