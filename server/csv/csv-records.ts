/** One CSV record with the physical line (1-based) it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** A malformed CSV text (an unterminated quote, a stray quote inside a field). */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';

  constructor(
    readonly line: number,
    readonly vi: string,
    readonly en: string,
  ) {
    super(`line ${line}: ${en}`);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * An RFC 4180 parser fed text in chunks of any size (a chunk may end inside a field or a quoted newline).
 * Records are handed to `onRecord` as soon as they are complete; blank lines are skipped.
 */
export class CsvRecordParser {
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  private inQuotes = false;
  private quoteSeen = false;
  private line = 1;
  private recordLine = 1;
  private pendingCr = false;

  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

  push(text: string): void {
    let start = 0;
    const length = text.length;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (length > 0 && text.charCodeAt(0) === LF) start = i = 1;
    }
    while (i < length) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (c === QUOTE) {
          this.field += text.slice(start, i);
          this.inQuotes = false;
          this.quoteSeen = true;
          start = i + 1;
        } else if (c === LF) {
          this.line++;
        }
        i++;
        continue;
      }
      if (c === QUOTE) {
        if (this.quoteSeen) {
          // A doubled quote inside a quoted field stands for one quote.
          this.field += '"';
          this.inQuotes = true;
          this.quoteSeen = false;
        } else if (this.field === '' && i === start && !this.quoted) {
          this.quoted = true;
          this.inQuotes = true;
        } else {
          throw new CsvSyntaxError(this.line, 'dấu ngoặc kép đặt sai chỗ', 'misplaced double quote');
        }
        start = i + 1;
      } else if (c === COMMA) {
        this.endField(text.slice(start, i));
        start = i + 1;
      } else if (c === LF || c === CR) {
        this.endField(text.slice(start, i));
        this.endRecord();
        if (c === CR) {
          if (i + 1 < length) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else {
            this.pendingCr = true;
          }
        }
        this.line++;
        this.recordLine = this.line;
        start = i + 1;
      } else if (this.quoteSeen) {
        throw new CsvSyntaxError(this.line, 'có ký tự sau dấu ngoặc kép đóng', 'text after a closing double quote');
      }
      i++;
    }
    this.field += text.slice(start, length);
  }

  /** Ends the input; a last record without a final newline is emitted. */
  end(): void {
    if (this.inQuotes) {
      throw new CsvSyntaxError(this.recordLine, 'thiếu dấu ngoặc kép đóng', 'unterminated double quote');
    }
    this.endField('');
    this.endRecord();
  }

  private endField(tail: string): void {
    this.fields.push(this.field + tail);
    this.field = '';
    this.quoted = false;
    this.quoteSeen = false;
  }

  private endRecord(): void {
    const fields = this.fields;
    this.fields = [];
    if (fields.length === 1 && fields[0] === '') return;
    this.onRecord({ fields, line: this.recordLine });
  }
}

/** All records of a CSV text. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const parser = new CsvRecordParser((r) => records.push(r));
  parser.push(text);
  parser.end();
  return records;
}
