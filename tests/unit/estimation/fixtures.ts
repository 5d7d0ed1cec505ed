import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../../server/csv/csv-records';
import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import { parseMargins } from '../../../server/estimation/margins';
import { parseMicrodata } from '../../../server/estimation/microdata';
import type { MarginTotal, SurveyColumns } from '../../../server/estimation/types';
import { loadGeography, provinceOfYearCheck } from '../../../server/geography/provinces';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
export type Wave = 'sipas-2023-small' | 'sipas-2024-small';
export const WAVES: Wave[] = ['sipas-2023-small', 'sipas-2024-small'];

const geography = loadGeography();
const isKnownProvince = provinceOfYearCheck(geography);

/** A fixture CSV as objects keyed by header name (all values as text). */
export function readFixtureTable(wave: Wave, file: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(readFileSync(join(FIXTURES, wave, file), 'utf8'));
  return records.map((r) => Object.fromEntries(header.fields.map((name, k) => [name, r.fields[k]])));
}

export function loadWave(wave: Wave, extraCategorical: string[] = []): { columns: SurveyColumns; margins: MarginTotal[] } {
  const columns = parseMicrodata(parseCsv(readFileSync(join(FIXTURES, wave, 'microdata.csv'), 'utf8')), {
    file: 'microdata.csv',
    definition: DEFAULT_INDEX_DEFINITION,
    extraCategorical,
    isKnownProvince,
  });
  const margins = parseMargins(
    parseCsv(readFileSync(join(FIXTURES, wave, 'margins.csv'), 'utf8')),
    'margins.csv',
    new Set(['sex', 'age_group']),
    (code) => isKnownProvince(code, 2024),
  );
  return { columns, margins };
}

export { geography };
