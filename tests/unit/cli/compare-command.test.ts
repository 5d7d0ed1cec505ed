import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../../server/csv/csv-records';
import { runCli } from '../../../server/cli/main';
import { disagreements } from '../estimation/compare-to-r';
import { captureIo } from './cli-io';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const file = (wave: string, name: string) => join(FIXTURES, `sipas-${wave}-small`, name);
const tables = (text: string) => {
  const [header, ...records] = parseCsv(text);
  return records.map((r) => Object.fromEntries(header.fields.map((name, k) => [name, r.fields[k]])));
};

describe('sipas compare', () => {
  test('prints the comparison CSV of METHOD.md §6 that reproduces R’s design and raked comparisons', async () => {
    const io = captureIo();
    const status = await runCli(
      ['compare', '--a', file('2023', 'microdata.csv'), '--b', file('2024', 'microdata.csv'),
        '--margins-a', file('2023', 'margins.csv'), '--margins-b', file('2024', 'margins.csv')],
      io,
    );
    expect(status).toBe(0);
    expect(io.out().split('\n')[0]).toBe(
      'scheme,indicator,domain,p_a,se_a,df_a,n_a,p_b,se_b,df_b,n_b,diff,se_diff,df,t,p_value_t,p_value_z,ci_diff_lo,ci_diff_hi',
    );
    const printed = new Map(tables(io.out()).map((r) => [`${r.scheme} ${r.domain} ${r.indicator}`, r]));
    const problems = ['compare-2023-2024.csv', 'compare-2023-2024-raked.csv'].flatMap((name) =>
      tables(readFileSync(file('2023', name), 'utf8')).flatMap((r) => {
        const mine = printed.get(`${r.scheme} ${r.domain} ${r.indicator}`);
        const numeric = mine && Object.fromEntries(Object.entries(mine).map(([k, v]) => [k, v === '' ? null : Number(v)]));
        return disagreements(`${r.scheme} ${r.domain} ${r.indicator}`, r, numeric, ['diff', 'se_diff', 'df', 't', 'p_value_t', 'p_value_z', 'ci_diff_lo', 'ci_diff_hi']);
      }),
    );
    expect(problems).toEqual([]);
  });

  test('--variance jkn compares design_jkn and raked_jkn rows: Δ, SE and df from R’s JKn references of each wave', async () => {
    const io = captureIo();
    const status = await runCli(
      ['compare', '--a', file('2023', 'microdata.csv'), '--b', file('2024', 'microdata.csv'),
        '--margins-a', file('2023', 'margins.csv'), '--margins-b', file('2024', 'margins.csv'), '--variance', 'jkn'],
      io,
    );
    expect(status).toBe(0);
    const printed = tables(io.out());
    expect(new Set(printed.map((r) => r.scheme))).toEqual(new Set(['design_jkn', 'raked_jkn']));
    const byKey = new Map(printed.map((r) => [`${r.scheme} ${r.domain} ${r.indicator}`, r]));
    // R's JKn figures of each wave (tests/fixtures/jkn-reference.R); the comparison is METHOD.md §5's.
    const reference = (wave: string) => new Map(
      tables(readFileSync(file(wave, 'reference-jkn.csv'), 'utf8'))
        .filter((r) => r.domain_type === 'national' || r.domain_type === 'province')
        .map((r) => [`${r.scheme} ${r.domain} ${r.indicator}`, r]),
    );
    const [a, b] = [reference('2023'), reference('2024')];
    expect(a.size).toBe(2 * 6 * 64);
    const defined = (r: Record<string, string> | undefined) => r !== undefined && r.p !== '' && r.se !== '';
    const pairs = [...a].filter(([key, ra]) => defined(ra) && defined(b.get(key)));
    expect(pairs.length).toBeGreaterThan(700);
    const problems = pairs.flatMap(([key, ra]) => {
      const rb = b.get(key)!;
      const expected = {
        diff: String(Number(rb.p) - Number(ra.p)),
        se_diff: String(Math.sqrt(Number(ra.se) ** 2 + Number(rb.se) ** 2)),
        df: String(Number(ra.df) + Number(rb.df)),
      };
      const mine = byKey.get(key);
      const numeric = mine && Object.fromEntries(Object.entries(mine).map(([k, v]) => [k, v === '' ? null : Number(v)]));
      return disagreements(key, expected, numeric, ['diff', 'se_diff', 'df']);
    });
    expect(problems).toEqual([]);
  });

  test('without margins only the design-based schemes are compared', async () => {
    const io = captureIo();
    expect(await runCli(['compare', '--a', file('2023', 'microdata.csv'), '--b', file('2024', 'microdata.csv'), '--format', 'json'], io)).toBe(0);
    const { results } = JSON.parse(io.out());
    expect(new Set(results.map((r: { scheme: string }) => r.scheme))).toEqual(new Set(['design', 'design_fpc']));
  });

  test('a missing wave is refused with status 2', async () => {
    const io = captureIo();
    expect(await runCli(['compare', '--a', file('2023', 'microdata.csv')], io)).toBe(2);
    expect(io.err()).toMatch(/--b is required/);
  });
});
