import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CsvSyntaxError, parseCsv } from '../../../server/csv/csv-records';
import { parseCsvRowsFromBytes, readCsvRows, textRow, type CsvRowView } from '../../../server/csv/csv-rows';
import { loadMicrodata } from '../../../server/cli/inputs';
import { Progress } from '../../../server/cli/progress';
import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import { InputError } from '../../../server/estimation/input-error';
import { parseMicrodata } from '../../../server/estimation/microdata';
import { MISSING_ANSWER } from '../../../server/estimation/types';
import { loadGeography, provinceOfYearCheck } from '../../../server/geography/provinces';
import { captureIo } from '../cli/cli-io';

const LEVELS = ['F', 'M', '18-29', 'Nữ', ''];

/** Everything a reader can ask of each record, in plain values. */
function describeRows(read: (onRow: (row: CsvRowView) => void) => void) {
  const out: unknown[] = [];
  read((row) => {
    const fields = Array.from({ length: row.fieldCount }, (_, k) => ({
      text: row.text(k),
      digit: row.digit(k),
      same: row.sameAsPrevious(k),
      level: row.levelOf(k, LEVELS),
    }));
    out.push({ line: row.line, fields });
  });
  return out;
}

/** The same, from the string parser the rest of the platform uses (the reference). */
function describeText(text: string) {
  return describeRows((onRow) => {
    let previous: string[] | undefined;
    for (const record of parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) {
      onRow(textRow(record.fields, record.line, previous));
      previous = record.fields;
    }
  });
}

const describeBytes = (text: string, chunk: number) =>
  describeRows((onRow) => parseCsvRowsFromBytes(Buffer.from(text, 'utf8'), onRow, chunk));

/** A syntax error's line and English message, or null. */
function failure(run: () => unknown): { line: number; en: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { line: error.line, en: error.en };
  }
}

// Fields drawn from pieces that exercise quoting, line ends, multi-byte text and white space.
const piece = fc.constantFrom('a', 'F', 'M', '5', '12', ' ', '\t', 'Nữ', '18-29', '"', '""', ',', '\n', '\r', '\r\n', 'NA', 'ễ', '\u00a0');
const csvText = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('reading CSV straight from bytes (readCsvRows)', () => {
  test('gives, for any text and any chunk size, the records, lines, texts and syntax errors of the string parser', () => {
    fc.assert(
      fc.property(csvText, fc.integer({ min: 4, max: 40 }), fc.boolean(), (body, chunk, bom) => {
        const text = (bom ? '\ufeff' : '') + body;
        const expected = failure(() => describeText(text)) ?? describeText(text);
        const actual = failure(() => describeBytes(text, chunk)) ?? describeBytes(text, chunk);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  test('quoted fields, CRLF, a BOM, blank lines and a last line without its end, in chunks smaller than a record', () => {
    const text = '\ufeffid,v\r\n"a, ""1""", 2 \r\n\r\n"b\nc",3\nd,"Nữ"';
    for (const chunk of [4, 5, 7, 64]) {
      expect(describeBytes(text, chunk)).toEqual(describeText(text));
    }
    const rows = describeBytes(text, 4) as { line: number; fields: { text: string }[] }[];
    expect(rows.map((r) => [r.line, r.fields.map((f) => f.text)])).toEqual([
      [1, ['id', 'v']],
      [2, ['a, "1"', '2']],
      [4, ['b\nc', '3']],
      [6, ['d', 'Nữ']],
    ]);
  });

  test('an unreadable file or a syntax error names the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-rows-'));
    try {
      expect(() => readCsvRows(join(dir, 'missing.csv'), () => undefined)).toThrow(/missing\.csv.*cannot open the file \(ENOENT\)/);
      writeFileSync(join(dir, 'bad.csv'), 'a,b\n1,2\n"open,3\n');
      expect(() => readCsvRows(join(dir, 'bad.csv'), () => undefined)).toThrow(InputError);
      expect(() => readCsvRows(join(dir, 'bad.csv'), () => undefined)).toThrow(/bad\.csv, line 3: unterminated double quote/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('microdata read from bytes (sipas estimate)', () => {
  const geography = loadGeography();
  const options = { file: 'wave.csv', definition: DEFAULT_INDEX_DEFINITION, isKnownProvince: provinceOfYearCheck(geography) };
  const HEADER = 'respondent_id,year,province_code,stratum,psu,fpc_psu,weight,sex,age_group,overall,q_access_1';
  const ROWS = [
    'r1,2023,01,01-R,c1,10,1.5,F,18-29,5,4',
    'r2,2023,01,01-R,c1,10,2.5,M,60+,,2',
    'r3,2023,01,01-R,c2,10,2,M,60+, 3 ,NA',
    '"r4",2023,"01","01-R",c2,10,1e0,"F",30-39,"4",',
    'r5,2023,02,02-U,c1,3,1,M,30-39,3,1',
    'r6,2023,02,02-U,c1,3,0.5,F,50-59,2,5',
  ];

  function viaBytes(text: string) {
    const dir = mkdtempSync(join(tmpdir(), 'microdata-'));
    try {
      const file = join(dir, 'wave.csv');
      writeFileSync(file, text);
      return loadMicrodata(file, DEFAULT_INDEX_DEFINITION, [], geography, new Progress(captureIo(), 'test'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('give the same columns as the string parser, codes of repeated strata and PSUs included', () => {
    const text = [HEADER, ...ROWS].join('\r\n');
    const columns = viaBytes(text);
    expect(columns).toEqual(parseMicrodata(parseCsv(text), options));
    expect(columns.psuCount).toBe(3);
    expect(Array.from(columns.psu)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(columns.answers.overall)).toEqual([5, MISSING_ANSWER, 3, 4, 3, 2]);
    expect(Array.from(columns.answers.q_access_1)).toEqual([4, 2, MISSING_ANSWER, MISSING_ANSWER, 1, 5]);
  });

  const replace = (row: number, column: string, value: string) => {
    const at = HEADER.split(',').indexOf(column);
    return ROWS.map((line, k) => (k === row ? line.split(',').map((v, c) => (c === at ? value : v)).join(',') : line));
  };

  test.each([
    { problem: 'a rating is 7 on a row like the one before', rows: replace(1, 'q_access_1', '7') },
    { problem: 'a rating is 0', rows: replace(2, 'overall', '0') },
    { problem: 'a rating is 4.5', rows: replace(2, 'overall', '4.5') },
    { problem: 'a province changes to an unknown one within a stratum', rows: replace(2, 'province_code', '99') },
    { problem: 'fpc_psu changes within a stratum', rows: replace(2, 'fpc_psu', '11') },
    { problem: 'the year changes to an invalid one', rows: replace(1, 'year', '23') },
    { problem: 'a respondent id repeats', rows: replace(4, 'respondent_id', 'r2') },
    { problem: 'sex is outside M/F', rows: replace(3, 'sex', 'X') },
    { problem: 'a PSU is empty', rows: replace(3, 'psu', '') },
    { problem: 'a record has a field too many', rows: replace(3, 'weight', '1,5') },
  ])('refuse the same way as the string parser when $problem', ({ rows }) => {
    const text = [HEADER, ...rows].join('\n');
    const message = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    const expected = message(() => parseMicrodata(parseCsv(text), options));
    expect(message(() => viaBytes(text)).replaceAll(/[^ ]*wave\.csv/g, 'wave.csv')).toBe(expected);
  });
});
