import { CsvRecordParser, parseCsv, type CsvRecord } from '../../../server/csv/csv-records';
import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import { InputError } from '../../../server/estimation/input-error';
import { parseMargins } from '../../../server/estimation/margins';
import { parseMicrodata } from '../../../server/estimation/microdata';
import { MISSING_ANSWER } from '../../../server/estimation/types';

const HEADER = 'respondent_id,year,province_code,stratum,psu,fpc_psu,weight,sex,age_group,overall,q_access_1';
const GOOD = ['r1,2023,01,01-R,c1,10,1.5,F,18-29,5,4', 'r2,2023,01,01-R,c2,10,2.5,M,60+,,2', 'r3,2023,02,02-U,c1,3,1,M,30-39,3,'];
const known = (code: string) => ['01', '02'].includes(code);

function parse(lines: string[]) {
  return parseMicrodata(parseCsv(lines.join('\n')), {
    file: 'm.csv',
    definition: DEFAULT_INDEX_DEFINITION,
    isKnownProvince: (code) => known(code),
  });
}

describe('reading microdata', () => {
  test('a valid file becomes integer-coded columns with PSUs nested in strata', () => {
    const columns = parse([HEADER, ...GOOD]);
    expect(columns.rowCount).toBe(3);
    expect(columns.strata).toEqual(['01-R', '02-U']);
    expect(columns.psuCount).toBe(3);
    expect(Array.from(columns.fpcPsu!)).toEqual([10, 3]);
    expect(Array.from(columns.answers.overall)).toEqual([5, MISSING_ANSWER, 3]);
    expect(Array.from(columns.answers.q_access_1)).toEqual([4, 2, MISSING_ANSWER]);
    expect(columns.province.levels).toEqual(['01', '02']);
    expect(Object.keys(columns.answers)).toEqual(['overall', 'q_access_1']);
  });

  test('extra columns are ignored and fpc_psu is optional', () => {
    const columns = parse(['note,' + HEADER.replace(',fpc_psu', ''), ...GOOD.map((l) => 'x,' + l.replace(/,(10|3),/, ','))]);
    expect(columns.fpcPsu).toBeNull();
    expect(columns.rowCount).toBe(3);
  });

  const replace = (row: number, column: string, value: string) => {
    const at = HEADER.split(',').indexOf(column);
    return GOOD.map((line, k) => (k === row ? line.split(',').map((v, c) => (c === at ? value : v)).join(',') : line));
  };

  test.each([
    { problem: 'a required column is missing', lines: [HEADER.replace('weight', 'poids'), ...GOOD], message: 'm.csv, line 1, column weight: required column is missing' },
    { problem: 'a rating is 7', lines: [HEADER, ...replace(1, 'q_access_1', '7')], message: 'm.csv, line 3, column q_access_1: answer "7" is outside the scale 1–5' },
    { problem: 'a rating is not a number', lines: [HEADER, ...replace(0, 'overall', 'good')], message: 'line 2, column overall: answer "good"' },
    { problem: 'a stratum is empty', lines: [HEADER, ...replace(2, 'stratum', '')], message: 'm.csv, line 4, column stratum: empty stratum' },
    { problem: 'a PSU is empty', lines: [HEADER, ...replace(2, 'psu', '')], message: 'line 4, column psu: empty PSU' },
    { problem: 'a province is unknown', lines: [HEADER, ...replace(0, 'province_code', '99')], message: 'line 2, column province_code: province code "99" is not in the 2023 list' },
    { problem: 'a respondent id repeats', lines: [HEADER, ...replace(2, 'respondent_id', 'r1')], message: 'line 4, column respondent_id: duplicate respondent id "r1"' },
    { problem: 'a weight is unparsable', lines: [HEADER, ...replace(1, 'weight', '1,5x')], message: 'line 3: has 12 fields, the header has 11' },
    { problem: 'a weight is not a number', lines: [HEADER, ...replace(1, 'weight', 'abc')], message: 'line 3, column weight: invalid weight "abc"' },
    { problem: 'a weight is zero', lines: [HEADER, ...replace(1, 'weight', '0')], message: 'line 3, column weight: invalid weight "0"' },
    { problem: 'sex is outside M/F', lines: [HEADER, ...replace(0, 'sex', 'X')], message: 'line 2, column sex: value "X" is not one of {F, M}' },
    { problem: 'fpc_psu changes within a stratum', lines: [HEADER, ...replace(1, 'fpc_psu', '11')], message: 'line 3, column fpc_psu: fpc_psu 11 differs from 10' },
    { problem: 'fpc_psu is below the sampled PSUs', lines: [HEADER, ...replace(0, 'fpc_psu', '1').map((l) => l.replace(',10,', ',1,'))], message: 'column fpc_psu: stratum 01-R has 2 sampled PSUs but fpc_psu is only 1' },
    { problem: 'the file has only a header', lines: [HEADER], message: 'the file has no respondent' },
  ])('when $problem, the error names the file, line and column in Vietnamese then English', ({ lines, message }) => {
    let error: unknown;
    try {
      parse(lines);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const text = (error as Error).message;
    expect(text).toContain(message);
    expect(text.indexOf(' / ')).toBeGreaterThan(0);
    expect(text.split(' / ')[0]).toMatch(/dòng|tệp|cột/);
    expect(text).not.toContain('\n');
  });
});

describe('reading margins', () => {
  const read = (text: string) => parseMargins(parseCsv(text), 'g.csv', new Set(['sex', 'age_group']), known);

  test('a valid file gives one total per province × level', () => {
    expect(read('margin,province_code,level,total\nsex,01,F,10\nsex,01,M,12\n')).toEqual([
      { variable: 'sex', province: '01', level: 'F', total: 10 },
      { variable: 'sex', province: '01', level: 'M', total: 12 },
    ]);
  });

  test.each([
    { text: 'margin,province,level,total\n', message: 'line 1, column province_code: required column is missing' },
    { text: 'margin,province_code,level,total\nethnicity,01,Kinh,5\n', message: 'line 2, column margin: margin "ethnicity"' },
    { text: 'margin,province_code,level,total\nsex,77,F,5\n', message: 'line 2, column province_code: unknown province code "77"' },
    { text: 'margin,province_code,level,total\nsex,01,F,-5\n', message: 'line 2, column total: invalid total "-5"' },
    { text: 'margin,province_code,level,total\nsex,01,F,5\nsex,01,F,6\n', message: 'line 3: margin sex=F of province 01 is given twice' },
  ])('a bad margins file is refused: $message', ({ text, message }) => {
    expect(() => read(text)).toThrow(message);
  });
});

describe('the CSV reader', () => {
  test('quoted fields may hold commas, doubled quotes and newlines, and lines are counted through them', () => {
    const records = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\nlast,1');
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', 'z'], ['last', '1']]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  test('text fed in chunks of any size gives the same records', () => {
    const text = '"id","v"\r\n"a ""1""",2\r\n"b\nc",3\r\n';
    const whole = parseCsv(text);
    for (let size = 1; size < 8; size++) {
      const records: CsvRecord[] = [];
      const parser = new CsvRecordParser((r) => records.push(r));
      for (let k = 0; k < text.length; k += size) parser.push(text.slice(k, k + size));
      parser.end();
      expect(records).toEqual(whole);
    }
  });

  test.each([
    { text: 'a,b\n"open,1\n', message: 'unterminated double quote' },
    { text: 'a,b\nx"y,1\n', message: 'misplaced double quote' },
    { text: 'a,b\n"x"y,1\n', message: 'text after a closing double quote' },
  ])('malformed quoting is refused: $message', ({ text, message }) => {
    expect(() => parseCsv(text)).toThrow(message);
  });
});
