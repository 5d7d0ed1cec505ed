import { parseFrameCsv } from '../../../server/sampling/frame-csv';
import { parseMarginsCsv } from '../../../server/weights/margins-csv';
import { parseTransactionsCsv } from '../../../server/weights/transactions-csv';

const frameContext = {
  isProvince: (code: string) => ['01', '02'].includes(code),
  provinceOfKnownCommune: (code: string) => (code === '00070' ? '02' : undefined),
};

const issuesOf = (result: { issues: { field: string; rule: string; message: string }[] }) => result.issues.map((i) => [i.field, i.rule]);

describe('a sampling frame file', () => {
  it('when every row is good, then every commune is read with its line, in file order', () => {
    const csv = 'province_code,commune_code,commune_name,urban_rural,adult_population\n'
      + '01,00004,Phường Ba Đình,urban,41230\n01,00008,"Phường Ngọc Hà",Thành thị,38112\r\n02,00070,Xã Thanh Thủy,rural,5120\n';
    const { units, issues } = parseFrameCsv(csv, frameContext);
    expect(issues).toEqual([]);
    expect(units).toEqual([
      { line: 2, provinceCode: '01', communeCode: '00004', nameVi: 'Phường Ba Đình', urbanRural: 'urban', adultPopulation: 41230 },
      { line: 3, provinceCode: '01', communeCode: '00008', nameVi: 'Phường Ngọc Hà', urbanRural: 'urban', adultPopulation: 38112 },
      { line: 4, provinceCode: '02', communeCode: '00070', nameVi: 'Xã Thanh Thủy', urbanRural: 'rural', adultPopulation: 5120 },
    ]);
  });

  it('when rows are bad, then each problem is named by its line and column, and no unit is returned', () => {
    const csv = [
      'commune_code,province_code,commune_name,urban_rural,adult_population,note',
      '00004,01,Phường Ba Đình,urban,41230,',
      '00008,99,Phường Ngọc Hà,urban,38112,',
      '00004,01,Phường Ba Đình lặp,urban,100,',
      '0012,01,Xã Sai Mã,rural,500,',
      '00016,01,"Xã có ghi chú',
      'hai dòng",rural,-5,',
      '00020,01,,suburban,abc,',
      '00070,01,Xã Thanh Thủy,rural,5120,',
    ].join('\n');
    const result = parseFrameCsv(csv, frameContext);
    expect(result.units).toEqual([]);
    expect(issuesOf(result)).toEqual([
      ['line.3.province_code', 'not_a_choice'],
      ['line.4.commune_code', 'duplicate'],
      ['line.5.commune_code', 'format'],
      ['line.6.adult_population', 'positive_integer'],
      ['line.8.commune_name', 'required'],
      ['line.8.urban_rural', 'not_a_choice'],
      ['line.8.adult_population', 'positive_integer'],
      ['line.9.commune_code', 'other_province'],
    ]);
    expect(result.issues[1].message).toBe('Dòng 4, cột commune_code: mã xã 00004 đã có ở dòng 2');
  });

  it('when a column is missing or a quote is left open, then the file is refused by line', () => {
    expect(issuesOf(parseFrameCsv('province_code,commune_code,commune_name,adult_population\n01,00004,A,5\n', frameContext)))
      .toEqual([['line.1.urban_rural', 'missing_column']]);
    expect(issuesOf(parseFrameCsv('province_code,commune_code,commune_name,urban_rural,adult_population\n01,00004,"A,urban,5\n', frameContext)))
      .toEqual([['line.2', 'csv_syntax']]);
    expect(issuesOf(parseFrameCsv('', frameContext))).toEqual([['file', 'empty']]);
  });
});

describe('a margins file', () => {
  const isProvince = (code: string) => ['01', '02'].includes(code);
  const header = 'margin,province_code,level,total';
  const province01 = ['sex,01,F,600', 'sex,01,M,400', 'age_group,01,18-29,200', 'age_group,01,30-39,200', 'age_group,01,40-49,200', 'age_group,01,50-59,200', 'age_group,01,60+,200'];

  it('when it is complete and consistent, then its totals are read', () => {
    const { margins, issues } = parseMarginsCsv([header, ...province01].join('\n'), isProvince);
    expect(issues).toEqual([]);
    expect(margins).toHaveLength(7);
    expect(margins[0]).toEqual({ variable: 'sex', province: '01', level: 'F', total: 600 });
  });

  it('when rows are bad, then each is named by its line', () => {
    const csv = [header, ...province01, 'income,01,high,5', 'sex,03,F,10', 'age_group,01,15-17,3', 'sex,01,F,600', 'sex,02,M,-1'].join('\n');
    expect(issuesOf(parseMarginsCsv(csv, isProvince))).toEqual([
      ['line.9.margin', 'not_a_choice'],
      ['line.10.province_code', 'not_a_choice'],
      ['line.11.level', 'not_a_choice'],
      ['line.12', 'duplicate'],
      ['line.13.total', 'positive_number'],
    ]);
  });

  it('when a province lacks a level or its sex and age totals differ, then the province is named', () => {
    const csv = [header, 'sex,01,F,600', 'sex,01,M,400', 'age_group,01,18-29,500', 'age_group,01,30-39,200', 'age_group,01,40-49,200', 'age_group,01,50-59,200', 'age_group,01,60+,200',
      'sex,02,F,10'].join('\n');
    const result = parseMarginsCsv(csv, isProvince);
    expect(issuesOf(result)).toEqual([['line.2', 'inconsistent_totals'], ['line.9', 'missing_level']]);
    expect(result.issues[0].message).toContain('tỉnh 01');
  });
});

describe('a transactions file', () => {
  const isPoint = (code: string) => ['HN-BADINH-01', 'HN-HOANKIEM-01'].includes(code);
  const header = 'service_point_code,period_start,period_end,transactions';

  it('when it is good, then codes are upper-cased and counts read', () => {
    const { counts, issues } = parseTransactionsCsv(`${header}\nhn-badinh-01,2026-01-01,2026-03-31,1200\n`, isPoint);
    expect(issues).toEqual([]);
    expect(counts).toEqual([{ servicePointCode: 'HN-BADINH-01', periodStart: '2026-01-01', periodEnd: '2026-03-31', transactions: 1200 }]);
  });

  it('when rows are bad or periods of one point overlap, then each is named by its line', () => {
    const bad = [header, 'XX-NONE,2026-01-01,2026-01-31,5', 'HN-BADINH-01,2026-02-30,2026-03-31,5', 'HN-BADINH-01,2026-03-01,2026-02-01,5', 'HN-BADINH-01,2026-01-01,2026-01-31,0'].join('\n');
    expect(issuesOf(parseTransactionsCsv(bad, isPoint))).toEqual([
      ['line.2.service_point_code', 'not_a_choice'],
      ['line.3.period_start', 'format'],
      ['line.4.period_end', 'order'],
      ['line.5.transactions', 'positive_integer'],
    ]);
    const overlap = [header, 'HN-BADINH-01,2026-01-01,2026-01-31,5', 'HN-BADINH-01,2026-01-31,2026-02-28,5'].join('\n');
    expect(issuesOf(parseTransactionsCsv(overlap, isPoint))).toEqual([['line.3.period_start', 'overlap']]);
  });
});
