import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../../../server/csv/csv-records';
import { runCli } from '../../../server/cli/main';
import { disagreements } from '../estimation/compare-to-r';
import { captureIo } from './cli-io';

const ROOT = join(__dirname, '..', '..', '..');
const WAVE = join(ROOT, 'tests', 'fixtures', 'sipas-2023-small');
const MICRODATA = join(WAVE, 'microdata.csv');
const MARGINS = join(WAVE, 'margins.csv');
const HEADER =
  'scheme,domain_type,domain,indicator,n,n_psu,df,sum_w,p_unweighted,p,se,ci_xlogit_lo,ci_xlogit_hi,ci_kg_lo,ci_kg_hi,deff,kish_deff,kish_neff';

const tables = (text: string) => {
  const [header, ...records] = parseCsv(text);
  return records.map((r) => Object.fromEntries(header.fields.map((name, k) => [name, r.fields[k]])));
};

async function run(...args: string[]) {
  const io = captureIo();
  const status = await runCli(args, io);
  return { status, out: io.out(), err: io.err() };
}

describe('sipas estimate', () => {
  let all: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    all = await run('estimate', '--input', MICRODATA, '--margins', MARGINS);
  });

  test('writes the estimates CSV of METHOD.md §6 to stdout, for every scheme the inputs allow', () => {
    expect(all.status).toBe(0);
    expect(all.out.split('\n')[0]).toBe(HEADER);
    const rows = tables(all.out);
    expect(new Set(rows.map((r) => r.scheme))).toEqual(new Set(['design', 'design_fpc', 'raked']));
    expect(new Set(rows.map((r) => r.domain_type))).toEqual(new Set(['national', 'province', 'national_mean_of_provinces']));
    // 3 schemes × 7 indicators (6 + the service composite) × (nation + 63 provinces + mean of provinces).
    expect(rows).toHaveLength(3 * 7 * 65);
  });

  test('--variance jkn prints design_jkn and raked_jkn rows that reproduce R’s JKn replicate figures to 1e-9', async () => {
    const wave = join(ROOT, 'tests', 'fixtures', 'sipas-2024-small');
    const jkn = await run('estimate', '--input', join(wave, 'microdata.csv'), '--margins', join(wave, 'margins.csv'), '--variance', 'jkn');
    expect(jkn.status).toBe(0);
    const rows = tables(jkn.out);
    expect(new Set(rows.map((r) => r.scheme))).toEqual(new Set(['design_jkn', 'raked_jkn']));
    const printed = new Map(rows.map((r) => [`${r.scheme} ${r.domain_type} ${r.domain} ${r.indicator}`, r]));
    const reference = tables(readFileSync(join(wave, 'reference-jkn.csv'), 'utf8')).filter((r) => r.domain_type !== 'sex');
    expect(reference.length).toBe(2 * 6 * 64);
    const problems = reference.flatMap((r) => {
      const label = `${r.scheme} ${r.domain_type} ${r.domain} ${r.indicator}`;
      const mine = printed.get(label);
      const numeric = mine && Object.fromEntries(Object.entries(mine).map(([k, v]) => [k, v === '' ? null : Number(v)]));
      return disagreements(label, r, numeric, ['n', 'df', 'p', 'se', 'ci_xlogit_lo', 'ci_xlogit_hi']);
    });
    expect(problems).toEqual([]);
  });

  test('--variance jkn refuses design_fpc, which has no JKn variant, and an unknown method', async () => {
    const fpc = await run('estimate', '--input', MICRODATA, '--scheme', 'design_fpc', '--variance', 'jkn');
    expect(fpc.status).not.toBe(0);
    expect(fpc.err).toMatch(/design_fpc/);
    const unknown = await run('estimate', '--input', MICRODATA, '--variance', 'bootstrap');
    expect(unknown.status).toBe(2);
    expect(unknown.err).toMatch(/variance/);
  });

  test('the printed numbers carry enough digits to reproduce R’s figures to 1e-9', () => {
    const printed = new Map(tables(all.out).map((r) => [`${r.scheme} ${r.domain} ${r.indicator}`, r]));
    const reference = tables(readFileSync(join(WAVE, 'reference-estimates.csv'), 'utf8')).filter((r) => r.scheme !== 'raked_rakefn');
    const problems = reference.flatMap((r) => {
      const mine = printed.get(`${r.scheme} ${r.domain} ${r.indicator}`);
      const numeric = mine && Object.fromEntries(Object.entries(mine).map(([k, v]) => [k, v === '' ? null : Number(v)]));
      // R has no interval for the mean of provinces, nor Korn–Graubard's where the design effect is undefined
      // (the engine's rules for those are tested in tests/unit/estimation).
      const columns = ['n', 'df', 'p', 'se', 'kish_neff'];
      if (r.domain !== 'NATIONAL_MEAN_OF_PROVINCES') columns.push('ci_xlogit_hi');
      if (r.ci_kg_lo !== '' || (numeric && numeric.ci_kg_lo === null)) columns.push('ci_kg_lo');
      return disagreements(`${r.scheme} ${r.domain} ${r.indicator}`, r, numeric, columns);
    });
    expect(problems).toEqual([]);
    expect(all.out).toMatch(/^design,national,NATIONAL,overall,5016,627,501,77894854\.99\d+,/m);
  });

  test('stderr stays silent for a small file written to a pipe', () => {
    expect(all.err).toBe('');
  });

  test('--scheme, --by and --items select schemes, add domains of each level and item indicators', async () => {
    const { status, out } = await run('estimate', '--input', MICRODATA, '--scheme', 'design', '--by', 'sex,age_group,region', '--items');
    expect(status).toBe(0);
    const rows = tables(out);
    expect(new Set(rows.map((r) => r.scheme))).toEqual(new Set(['design']));
    expect([...new Set(rows.filter((r) => r.domain_type === 'sex').map((r) => r.domain))]).toEqual(['F', 'M']);
    expect([...new Set(rows.filter((r) => r.domain_type === 'age_group').map((r) => r.domain))]).toHaveLength(5);
    expect([...new Set(rows.filter((r) => r.domain_type === 'region').map((r) => r.domain))]).toHaveLength(6);
    expect(rows.some((r) => r.indicator === 'item_q_staff_5')).toBe(true);
    const n = (type: string) => rows.filter((r) => r.domain_type === type && r.indicator === 'overall').reduce((s, r) => s + Number(r.n), 0);
    expect(n('sex')).toBe(5016);
    expect(n('region')).toBe(5016);
  });

  test('--geography vn-34 reports the 34 new units and leaves an unchanged province’s figures as they were', async () => {
    const { status, out } = await run('estimate', '--input', MICRODATA, '--margins', MARGINS, '--scheme', 'raked', '--geography', 'vn-34');
    expect(status).toBe(0);
    const rows = tables(out).filter((r) => r.indicator === 'overall');
    const provinces = rows.filter((r) => r.domain_type === 'province');
    expect(provinces).toHaveLength(34);
    const before = tables(all.out).filter((r) => r.scheme === 'raked' && r.indicator === 'overall');
    const old = (code: string) => before.find((r) => r.domain === code)!;
    // Hà Nội (01) is unchanged; Tuyên Quang (08) absorbed Hà Giang (02).
    expect(provinces.find((r) => r.domain === '01')!.p).toBe(old('01').p);
    expect(Number(provinces.find((r) => r.domain === '08')!.n)).toBe(Number(old('02').n) + Number(old('08').n));
    expect(rows.find((r) => r.domain === 'NATIONAL')!.se).toBe(before.find((r) => r.domain === 'NATIONAL')!.se);
  });

  test('--format json gives the same fields plus flags, and --out writes the file instead of stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipas-'));
    const out = join(dir, 'estimates.json');
    const result = await run('estimate', '--input', MICRODATA, '--scheme', 'design', '--format', 'json', '--out', out);
    expect(result.status).toBe(0);
    expect(result.out).toBe('');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.meta).toMatchObject({ rows: 5016, strata: 126, psus: 627, schemes: ['design'] });
    expect(Object.keys(json.results[0])).toEqual([...HEADER.split(','), 'flags']);
    expect(json.results.find((r: { domain: string; indicator: string }) => r.domain === '86' && r.indicator === 'elem_feedback').flags).toContain(
      'interval_undefined',
    );
    expect(readdirSync(dir)).toEqual(['estimates.json']);
  });

  test('--questionnaire reads another index block: a shorter access element changes elem_access only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipas-'));
    const questionnaire = join(dir, 'variant.json');
    writeFileSync(
      questionnaire,
      JSON.stringify({
        title: 'variant',
        sipasIndex: {
          scale: { min: 1, max: 5 },
          satisfiedMin: 4,
          elements: [{ id: 'access', group: 'service', label: { vi: 'Tiếp cận', en: 'Access' }, items: ['q_access_1', 'q_access_2'] }],
          composites: [{ id: 'service', label: { vi: 'Dịch vụ', en: 'Service' }, parts: ['elem_access', 'elem_staff'] }],
        },
      }),
    );
    const { status, out } = await run('estimate', '--input', MICRODATA, '--scheme', 'design', '--questionnaire', questionnaire);
    expect(status).toBe(0);
    const rows = tables(out);
    expect([...new Set(rows.map((r) => r.indicator))]).toEqual(['elem_access']);
    const standard = tables(all.out).find((r) => r.scheme === 'design' && r.domain === 'NATIONAL' && r.indicator === 'elem_access')!;
    expect(rows.find((r) => r.domain === 'NATIONAL')!.p).not.toBe(standard.p);
  });

  test('on a terminal a progress bar goes to stderr while stdout carries only the result', async () => {
    const io = captureIo(true);
    expect(await runCli(['estimate', '--input', MICRODATA, '--scheme', 'design'], io)).toBe(0);
    expect(io.err()).toMatch(/\[#+\.*\] 100%/);
    expect(io.out().split('\n')[0]).toBe(HEADER);
  });
});

describe('sipas estimate with bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sipas-bad-'));
  const lines = readFileSync(MICRODATA, 'utf8').split('\n');
  /** The fixture with one field of data line `row` (1 = first respondent) replaced. */
  const variant = (name: string, row: number, column: string, value: string) => {
    const header = lines[0].split(',');
    const at = header.indexOf(`"${column}"`);
    const changed = lines.map((line, k) => (k === row ? line.split(',').map((v, c) => (c === at ? value : v)).join(',') : line));
    const path = join(dir, name);
    writeFileSync(path, changed.join('\n'));
    return path;
  };
  const withoutColumn = (name: string, column: string) => {
    const at = lines[0].split(',').indexOf(`"${column}"`);
    const path = join(dir, name);
    writeFileSync(path, lines.map((l) => l.split(',').filter((_, c) => c !== at).join(',')).join('\n'));
    return path;
  };

  test.each([
    { problem: 'a missing column', file: () => withoutColumn('no-weight.csv', 'weight'), expected: /no-weight\.csv, dòng 1, cột weight: .* \/ .*no-weight\.csv, line 1, column weight: required column is missing/ },
    { problem: 'a rating of 7', file: () => variant('rating.csv', 12, 'q_access_1', '7'), expected: /line 13, column q_access_1: answer "7" is outside the scale 1–5/ },
    { problem: 'an empty stratum', file: () => variant('stratum.csv', 3, 'stratum', ''), expected: /line 4, column stratum: empty stratum/ },
    { problem: 'an unknown province', file: () => variant('province.csv', 5, 'province_code', '"99"'), expected: /line 6, column province_code: province code "99" is not in the 2023 list/ },
    { problem: 'a duplicate respondent id', file: () => variant('duplicate.csv', 9, 'respondent_id', '"R2023-000001"'), expected: /line 10, column respondent_id: duplicate respondent id "R2023-000001"/ },
    { problem: 'an unparsable weight', file: () => variant('weight.csv', 2, 'weight', '4.2e'), expected: /line 3, column weight: invalid weight "4.2e"/ },
    { problem: 'a stray double quote', file: () => variant('quote.csv', 7, 'psu', '"0100'), expected: /quote\.csv, line 8: text after a closing double quote/ },
  ])('$problem is reported with file, line and column, status 2, and nothing is written', async ({ file, expected }) => {
    const out = join(dir, 'never.csv');
    const { status, out: stdout, err } = await run('estimate', '--input', file(), '--out', out);
    expect(status).toBe(2);
    expect(err).toMatch(expected);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  test('an empty raking cell is collapsed into the nearest level, as stored runs do, and named on stderr', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'sipas-cell-'));
    const path = join(dir2, 'no-60plus.csv');
    writeFileSync(path, lines.map((l) => (l.includes('"02"') ? l.replace('"60+"', '"50-59"') : l)).join('\n'));
    const { status, err, out } = await run('estimate', '--input', path, '--margins', MARGINS, '--scheme', 'raked', '--format', 'json');
    expect(status).toBe(0);
    expect(err).toMatch(/Tỉnh 02: không có người trả lời age_group=60\+; tổng \d+ được gộp vào 50-59 \/ Province 02: no respondent with age_group=60\+; its total \d+ was merged into 50-59/);
    const { meta, results } = JSON.parse(out) as { meta: { collapsed_cells: unknown[] }; results: { scheme: string; domain: string; p: number | null }[] };
    expect(meta.collapsed_cells).toEqual([expect.objectContaining({ province: '02', variable: 'age_group', level: '60+', into: '50-59' })]);
    expect(results.find((r) => r.scheme === 'raked' && r.domain === '02')!.p).not.toBeNull();
  });

  test.each([
    { args: ['estimate'], expected: /--input is required/ },
    { args: ['estimate', '--input', MICRODATA, '--scheme', 'best'], expected: /--scheme must be one of all, design, design_fpc, raked/ },
    { args: ['estimate', '--input', MICRODATA, '--scheme', 'raked'], expected: /scheme raked needs margins/ },
    { args: ['estimate', '--input', MICRODATA, '--colour'], expected: /invalid arguments/ },
    { args: ['estimate', '--input', MICRODATA, '--by', 'ethnicity'], expected: /there is no column ethnicity/ },
    { args: ['launch'], expected: /unknown command "launch"/ },
  ])('arguments $args are refused with status 2', async ({ args, expected }) => {
    const { status, err, out } = await run(...args);
    expect(status).toBe(2);
    expect(err).toMatch(expected);
    expect(out).toBe('');
  });

  test('run as a process through tsx, bad input exits with status 2 and an empty stdout', () => {
    const result = spawnSync('npx', ['tsx', 'server/cli/main.ts', 'estimate', '--input', variant('proc.csv', 1, 'q_staff_1', '9')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/proc\.csv, dòng 2, cột q_staff_1: .* \/ .*line 2, column q_staff_1/);
  });
});
