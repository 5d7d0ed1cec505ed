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
