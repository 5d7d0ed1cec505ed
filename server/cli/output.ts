import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import type { CliIo } from './command';

export type OutputFormat = 'csv' | 'json';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['csv', 'json'];

/** A number with every significant digit JavaScript holds (round-trip exact); undefined values are empty. */
export function formatNumber(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '' : String(value);
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text with exactly `columns`, in order. */
export function toCsv<T>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/** Writes bytes to `out` atomically: a temporary file renamed over the target only once complete. */
export function writeFileAtomically(out: string, body: Buffer | string): void {
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, body);
    renameSync(temporary, out);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // The temporary file was never created.
    }
    throw error;
  }
}

/** Writes the result to `out` ({@link writeFileAtomically}), or to stdout when no file is given. */
export function writeResult(body: Buffer | string, out: string | undefined, io: CliIo): void {
  if (out) writeFileAtomically(out, body);
  else io.stdout.write(body);
}
