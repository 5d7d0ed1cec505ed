import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../estimation/input-error';
import { CsvRecordParser, CsvSyntaxError, type CsvRecord } from './csv-records';

const CHUNK_BYTES = 4 << 20;

/**
 * Streams a UTF-8 CSV file record by record, without holding the whole text. `onBytes` reports progress
 * (bytes read, file size). Syntax errors and unreadable files become {@link InputError}s naming the file.
 */
export function readCsvFile(
  path: string,
  onRecord: (record: CsvRecord) => void,
  onBytes?: (read: number, size: number) => void,
): void {
  const file = path;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError({ file: path }, `không mở được tệp (${reason})`, `cannot open the file (${reason})`);
  }
  try {
    const size = fstatSync(fd).size;
    const decoder = new StringDecoder('utf8');
    const parser = new CsvRecordParser(onRecord);
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let read = 0;
    let first = true;
    for (;;) {
      const count = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (count === 0) break;
      read += count;
      let text = decoder.write(buffer.subarray(0, count));
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      parser.push(text);
      onBytes?.(read, size);
    }
    parser.push(decoder.end());
    parser.end();
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InputError({ file, line: error.line }, error.vi, error.en);
    throw error;
  } finally {
    closeSync(fd);
  }
}

/** Every record of a (small) CSV file. */
export function readCsvRecords(path: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  readCsvFile(path, (r) => records.push(r));
  return records;
}
