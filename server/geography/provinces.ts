import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../csv/csv-records';
import { ROOT } from '../paths';

/** A provincial unit of the 63-unit list in force until 12 June 2025, with the unit it became part of. */
export interface Province63 {
  code: string;
  nameVi: string;
  region: string;
  newCode: string;
}

/** A unit of the 34-unit list in force since 12 June 2025. */
export interface Province34 {
  code: string;
  nameVi: string;
}

export interface Geography {
  provinces63: Province63[];
  provinces34: Province34[];
}

/** First wave coded on the 34 units (the reorganisation took effect in June 2025). */
export const FIRST_YEAR_OF_34_UNITS = 2025;

function rows(text: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(text);
  return records.map((r) => Object.fromEntries(header.fields.map((name, k) => [name, r.fields[k]])));
}

export function parseGeography(provinces63Csv: string, provinces34Csv: string): Geography {
  return {
    provinces63: rows(provinces63Csv).map((r) => ({ code: r.code, nameVi: r.name_vi, region: r.region, newCode: r.new_code })),
    provinces34: rows(provinces34Csv).map((r) => ({ code: r.code, nameVi: r.name_vi })),
  };
}

/** One of the code lists shipped in `server/geography/data/`, as its raw text. */
export function codeListText(file: 'provinces-63.csv' | 'provinces-34.csv'): string {
  return readFileSync(join(ROOT, 'server/geography/data', file), 'utf8');
}

/** A shipped code list as objects keyed by its header (the seed needs columns the engine does not). */
export function readCodeList(file: 'provinces-63.csv' | 'provinces-34.csv'): Record<string, string>[] {
  return rows(codeListText(file));
}

/** Reads the code lists shipped in `server/geography/data/`. */
export function loadGeography(): Geography {
  return parseGeography(codeListText('provinces-63.csv'), codeListText('provinces-34.csv'));
}

/** A check that `code` is a provincial unit of a wave of `year`: the 63 units up to 2024, the 34 after. */
export function provinceOfYearCheck(geography: Geography): (code: string, year: number) => boolean {
  const old = new Set(geography.provinces63.map((p) => p.code));
  const current = new Set(geography.provinces34.map((p) => p.code));
  return (code, year) => (year >= FIRST_YEAR_OF_34_UNITS ? current : old).has(code);
}
