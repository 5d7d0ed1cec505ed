import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../estimation/input-error';
import { CsvSyntaxError } from './csv-records';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * One CSV record seen through its fields, without making a string of each: what readers of large files
 * (microdata) need. The record parsed from a string ({@link textRow}) and the one read from bytes
 * ({@link readCsvRows}) behave alike.
 */
export interface CsvRowView {
  /** Physical line (1-based) the record starts on. */
  readonly line: number;
  readonly fieldCount: number;
  /** The field's text, trimmed as String.prototype.trim does. */
  text(field: number): string;
  /** The value of a field that is exactly one ASCII digit (0–9); -1 when it is empty; -2 otherwise (read its text). */
  digit(field: number): number;
  /** Whether the field holds exactly the same text as in the previous record given to the same reader. */
  sameAsPrevious(field: number): boolean;
  /** The index in `levels` of the field's trimmed text, or -1. */
  levelOf(field: number, levels: readonly string[]): number;
}

/** A view of a record already split into strings (a small file, a test, an upload). */
export function textRow(fields: readonly string[], line: number, previous?: readonly string[]): CsvRowView {
  return {
    line,
    fieldCount: fields.length,
    text: (k) => fields[k].trim(),
    digit: (k) => {
      const text = fields[k];
      if (text.length === 0) return -1;
      const c = text.charCodeAt(0) - 48;
      return text.length === 1 && c >= 0 && c <= 9 ? c : -2;
    },
    sameAsPrevious: (k) => previous !== undefined && previous[k] === fields[k],
    levelOf: (k, levels) => levels.indexOf(fields[k].trim()),
  };
}

/** Bytes of a string's UTF-8 encoding, cached per string (levels are few and short). */
const encoded = new Map<string, Buffer>();
function bytesOf(text: string): Buffer {
  let bytes = encoded.get(text);
  if (!bytes) {
    bytes = Buffer.from(text, 'utf8');
    encoded.set(text, bytes);
  }
  return bytes;
}

/** Whether a byte may be (part of) what String.prototype.trim removes: ASCII white space or any non-ASCII byte. */
const mayTrim = (b: number) => b === SPACE || b === TAB || (b >= 10 && b <= 13) || b >= 0x80;

/**
 * The record being read from bytes: field k spans `start[k]`..`end[k]` of `buffer`, except fields that were
 * quoted, whose (unescaped) text is in `quoted[k]`. The previous record's fields are kept (their bytes stay
 * in the buffer) for {@link CsvRowView.sameAsPrevious}.
 */
class ByteRow implements CsvRowView {
  line = 1;
  fieldCount = 0;
  buffer: Buffer = Buffer.alloc(0);
  start = new Int32Array(64);
  end = new Int32Array(64);
  quoted: (string | undefined)[] = [];
  hasQuoted = false;
  private previousStart = new Int32Array(64);
  private previousEnd = new Int32Array(64);
  private previousQuoted: (string | undefined)[] = [];
  private previousCount = 0;

  text(k: number): string {
    if (this.hasQuoted && this.quoted[k] !== undefined) return this.quoted[k]!.trim();
    const s = this.start[k];
    const e = this.end[k];
    if (e === s) return '';
    const text = this.buffer.toString('utf8', s, e);
    return mayTrim(this.buffer[s]) || mayTrim(this.buffer[e - 1]) ? text.trim() : text;
  }

  digit(k: number): number {
    if (this.hasQuoted && this.quoted[k] !== undefined) return textDigit(this.quoted[k]!);
    const s = this.start[k];
    const length = this.end[k] - s;
    if (length === 0) return -1;
    const c = this.buffer[s] - 48;
    return length === 1 && c >= 0 && c <= 9 ? c : -2;
  }

  sameAsPrevious(k: number): boolean {
    if (k >= this.previousCount) return false;
    if (this.hasQuoted || this.previousQuoted.length > 0) {
      const now = this.quoted[k];
      const before = this.previousQuoted[k];
      if (now !== undefined || before !== undefined) {
        const nowText = now ?? this.buffer.toString('utf8', this.start[k], this.end[k]);
        return nowText === (before ?? this.buffer.toString('utf8', this.previousStart[k], this.previousEnd[k]));
      }
    }
    const s = this.start[k];
    const length = this.end[k] - s;
    const ps = this.previousStart[k];
    if (this.previousEnd[k] - ps !== length) return false;
    for (let i = 0; i < length; i++) if (this.buffer[s + i] !== this.buffer[ps + i]) return false;
    return true;
  }

  levelOf(k: number, levels: readonly string[]): number {
    if (this.hasQuoted && this.quoted[k] !== undefined) return levels.indexOf(this.quoted[k]!.trim());
    const s = this.start[k];
    const e = this.end[k];
    if (e > s && (mayTrim(this.buffer[s]) || mayTrim(this.buffer[e - 1]))) return levels.indexOf(this.text(k));
    for (let l = 0; l < levels.length; l++) {
      const bytes = bytesOf(levels[l]);
      if (bytes.length !== e - s) continue;
      let i = 0;
      while (i < bytes.length && bytes[i] === this.buffer[s + i]) i++;
      if (i === bytes.length) return l;
    }
    return -1;
  }

  /**
   * Makes this record the previous one before the next is read. Its bytes stay where they are: the parser
   * keeps them in the buffer (see {@link shift}).
   */
  remember(): void {
    const start = this.previousStart;
    const end = this.previousEnd;
    this.previousStart = this.start;
    this.previousEnd = this.end;
    this.start = start.length >= this.previousStart.length ? start : new Int32Array(this.previousStart.length);
    this.end = end.length >= this.previousEnd.length ? end : new Int32Array(this.previousEnd.length);
    this.previousCount = this.fieldCount;
    this.previousQuoted = this.hasQuoted ? this.quoted : [];
    if (this.hasQuoted) {
      this.quoted = [];
      this.hasQuoted = false;
    }
  }

  /** The buffer's bytes moved `by` places towards its start (or into a bigger buffer): so did the previous record. */
  shift(by: number): void {
    for (let k = 0; k < this.previousCount; k++) {
      this.previousStart[k] -= by;
      this.previousEnd[k] -= by;
    }
  }

  addField(start: number, end: number): void {
    const k = this.fieldCount++;
    if (k === this.start.length) {
      const start2 = new Int32Array(k * 2);
      const end2 = new Int32Array(k * 2);
      start2.set(this.start);
      end2.set(this.end);
      this.start = start2;
      this.end = end2;
    }
    this.start[k] = start;
    this.end[k] = end;
  }
}

function textDigit(text: string): number {
  if (text.length === 0) return -1;
  const c = text.charCodeAt(0) - 48;
  return text.length === 1 && c >= 0 && c <= 9 ? c : -2;
}

const CHUNK_BYTES = 4 << 20;

/**
 * Streams a UTF-8 CSV file (RFC 4180, optional BOM; LF, CRLF or CR line ends; blank lines skipped) record by
 * record straight from its bytes: one reused {@link CsvRowView}, no string or array per record unless a
 * reader asks for a field's text. The view is valid only during the call. `onBytes` reports progress (bytes
 * read, file size). Syntax errors and unreadable files become {@link InputError}s naming the file and line.
 */
export function readCsvRows(
  path: string,
  onRow: (row: CsvRowView) => void,
  onBytes?: (read: number, size: number) => void,
  chunkBytes = CHUNK_BYTES,
): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError({ file: path }, `không mở được tệp (${reason})`, `cannot open the file (${reason})`);
  }
  try {
    const size = fstatSync(fd).size;
    let read = 0;
    parseCsvBytes((buffer, from) => {
      const count = readSync(fd, buffer, from, buffer.length - from, null);
      read += count;
      if (count > 0) onBytes?.(read, size);
      return count;
    }, onRow, chunkBytes);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InputError({ file: path, line: error.line }, error.vi, error.en);
    throw error;
  } finally {
    closeSync(fd);
  }
}

/** {@link readCsvRows} over bytes in memory (tests; small uploads). */
export function parseCsvRowsFromBytes(bytes: Uint8Array, onRow: (row: CsvRowView) => void, chunkBytes = CHUNK_BYTES): void {
  let at = 0;
  parseCsvBytes((buffer, from) => {
    const count = Math.min(buffer.length - from, bytes.length - at);
    buffer.set(bytes.subarray(at, at + count), from);
    at += count;
    return count;
  }, onRow, chunkBytes);
}

/**
 * The byte parser: `fill(buffer, from)` writes the next bytes at `from` and returns how many (0 at the end).
 * Complete records are handed over; an incomplete one at the end of the buffer is moved to its start and
 * completed by the next fill (the buffer doubles when one record outgrows it).
 */
function parseCsvBytes(fill: (buffer: Buffer, from: number) => number, onRow: (row: CsvRowView) => void, chunkBytes: number): void {
  let buffer = Buffer.allocUnsafe(Math.max(chunkBytes, 4));
  let filled = 0;
  let ended = false;
  let first = true;
  let line = 1;
  const row = new ByteRow();
  // Where the previous record starts: its bytes stay in the buffer for sameAsPrevious().
  let previousStart = -1;
  // Where the next record starts.
  let resume = 0;

  for (;;) {
    if (!ended) {
      const count = fill(buffer, filled);
      if (count === 0) ended = true;
      filled += count;
    }
    let at = resume;
    if (first && (filled >= 3 || ended)) {
      first = false;
      if (filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) at = 3;
    } else if (first) {
      continue;
    }
    row.buffer = buffer;
    // Parse every record that ends inside the buffer (or, at the end of input, the last one).
    for (;;) {
      if (at >= filled) break;
      const recordStart = at;
      const recordLine = line;
      row.fieldCount = 0;
      let complete = false;
      let i = at;
      fields: for (;;) {
        // One field from i.
        if (i < filled && buffer[i] === QUOTE) {
          let text = '';
          let from = i + 1;
          let j = from;
          for (;;) {
            while (j < filled && buffer[j] !== QUOTE) {
              if (buffer[j] === LF) line++;
              j++;
            }
            if (j >= filled) {
              if (!ended) break fields; // The quoted field goes on in the next chunk.
              throw new CsvSyntaxError(recordLine, 'thiếu dấu ngoặc kép đóng', 'unterminated double quote');
            }
            // buffer[j] is a quote: the end of the field, or the first of a doubled quote.
            if (j + 1 >= filled && !ended) break fields;
            text += buffer.toString('utf8', from, j);
            if (j + 1 < filled && buffer[j + 1] === QUOTE) {
              text += '"';
              from = j = j + 2;
              continue;
            }
            j++;
            break;
          }
          const k = row.fieldCount;
          row.addField(j, j);
          row.quoted[k] = text;
          row.hasQuoted = true;
          i = j;
          if (i < filled && buffer[i] !== COMMA && buffer[i] !== LF && buffer[i] !== CR) {
            throw new CsvSyntaxError(line, 'có ký tự sau dấu ngoặc kép đóng', 'text after a closing double quote');
          }
        } else {
          const start = i;
          let c = 0;
          while (i < filled) {
            c = buffer[i];
            if (c === COMMA || c === LF || c === CR) break;
            if (c === QUOTE) throw new CsvSyntaxError(line, 'dấu ngoặc kép đặt sai chỗ', 'misplaced double quote');
            i++;
          }
          if (i >= filled && !ended) break fields;
          row.addField(start, i);
        }
        if (i >= filled) {
          // The last record, without a final line end.
          complete = true;
          at = i;
          break;
        }
        const c = buffer[i];
        if (c === COMMA) {
          i++;
          continue;
        }
        // A line end: CR LF, LF or a lone CR (a CR at the very end of a chunk waits for the next byte).
        if (c === CR) {
          if (i + 1 >= filled && !ended) break fields;
          i += i + 1 < filled && buffer[i + 1] === LF ? 2 : 1;
        } else {
          i++;
        }
        line++;
        complete = true;
        at = i;
        break;
      }
      if (!complete) {
        // Incomplete: undo the line count of its quoted newlines and read on from its start.
        line = recordLine;
        at = recordStart;
        row.fieldCount = 0;
        if (row.hasQuoted) {
          row.quoted = [];
          row.hasQuoted = false;
        }
        break;
      }
      // A blank line (one empty field, as `""` is too) is skipped.
      if (row.fieldCount === 1 && row.start[0] === row.end[0] && (!row.hasQuoted || !row.quoted[0])) {
        if (row.hasQuoted) {
          row.quoted = [];
          row.hasQuoted = false;
        }
        continue;
      }
      (row as { line: number }).line = recordLine;
      onRow(row);
      row.remember();
      previousStart = recordStart;
    }
    if (ended && at >= filled) return;
    // Keep the previous record and the incomplete one; grow the buffer when they fill it whole.
    const keep = previousStart >= 0 ? Math.min(previousStart, at) : at;
    const rest = filled - keep;
    if (keep === 0 && rest === buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, rest);
      buffer = bigger;
    } else if (keep > 0) {
      buffer.copy(buffer, 0, keep, filled);
      row.shift(keep);
      if (previousStart >= 0) previousStart -= keep;
    }
    filled = rest;
    resume = at - keep;
  }
}
