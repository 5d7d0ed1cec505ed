import { readFileSync } from 'node:fs';
import { readCsvRecords } from '../csv/read-csv-file';
import { readCsvRows } from '../csv/csv-rows';
import { DEFAULT_INDEX_DEFINITION } from '../estimation/default-index';
import { InputError } from '../estimation/input-error';
import { parseMargins } from '../estimation/margins';
import { MicrodataBuilder } from '../estimation/microdata';
import type { ProvinceUnits } from '../estimation/estimate';
import type { CategoricalColumn, MarginTotal, SurveyColumns } from '../estimation/types';
import { provinceOfYearCheck, type Geography } from '../geography/provinces';
import type { IndexDefinition } from '../surveys/index-definition';
import type { Progress } from './progress';

/** The `sipasIndex` block of a questionnaire file, or the SIPAS default (zod is loaded only to parse a file's). */
export async function loadIndexDefinition(path: string | undefined): Promise<IndexDefinition> {
  if (!path) return DEFAULT_INDEX_DEFINITION;
  const [{ ZodError }, { parseIndexDefinition }] = await Promise.all([import('zod'), import('../surveys/index-definition.schema')]);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError({ file: path }, `không đọc được JSON (${detail})`, `cannot read JSON (${detail})`);
  }
  try {
    return parseIndexDefinition(json);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0];
    const at = ['sipasIndex', ...issue.path].join('.');
    throw new InputError({ file: path, column: at }, `khối chỉ số không hợp lệ: ${issue.message}`, `invalid index block: ${issue.message}`);
  }
}

/** Streams and validates a microdata file into the engine's columns, straight from its bytes ({@link readCsvRows}). */
export function loadMicrodata(
  path: string,
  definition: IndexDefinition,
  by: readonly string[],
  geography: Geography,
  progress: Progress,
): SurveyColumns {
  let builder: MicrodataBuilder | null = null;
  let rows = 0;
  readCsvRows(
    path,
    (row) => {
      if (!builder) {
        const header = Array.from({ length: row.fieldCount }, (_, k) => row.text(k));
        builder = new MicrodataBuilder({ fields: header, line: row.line }, {
          file: path,
          definition,
          extraCategorical: by,
          isKnownProvince: provinceOfYearCheck(geography),
        });
        return;
      }
      builder.addRow(row);
      if (++rows % 65536 === 0) progress.rowsSeen(rows);
    },
    (read, size) => progress.update(size > 0 ? read / size : 1, `${rows} rows`),
  );
  progress.done();
  if (!builder) throw new InputError({ file: path }, 'tệp trống', 'the file is empty');
  return (builder as MicrodataBuilder).finish();
}

export function loadMargins(path: string, columns: SurveyColumns, geography: Geography): MarginTotal[] {
  const known = new Set([...geography.provinces63, ...geography.provinces34].map((p) => p.code));
  return parseMargins(readCsvRecords(path), path, new Set(Object.keys(columns.categorical)), (code) => known.has(code));
}

/** Adds the `region` of each respondent's province (from the 63-province list) as a categorical column. */
export function withRegion(columns: SurveyColumns, geography: Geography, file: string): SurveyColumns {
  const regionOf = new Map(geography.provinces63.map((p) => [p.code, p.region]));
  const regions = columns.province.levels.map((code) => {
    const region = regionOf.get(code);
    if (!region) {
      throw new InputError({ file, column: 'province_code' }, `tỉnh ${code} không có vùng trong danh mục 63 tỉnh`, `province ${code} has no region in the 63-province list`);
    }
    return region;
  });
  const levels = [...new Set(regions)].sort();
  const codeOfProvince = regions.map((r) => levels.indexOf(r));
  const region: CategoricalColumn = { codes: columns.province.codes.map((p) => codeOfProvince[p]), levels };
  return { ...columns, categorical: { ...columns.categorical, region } };
}

/** The 34-unit domain of each of the sample's (63-list) provinces. */
export function provincesToVn34(columns: SurveyColumns, geography: Geography, file: string): ProvinceUnits {
  const newCode = new Map(geography.provinces63.map((p) => [p.code, p.newCode]));
  const units = columns.province.levels.map((code) => {
    const unit = newCode.get(code);
    if (!unit) {
      throw new InputError(
        { file, column: 'province_code' },
        `tỉnh ${code} không thuộc danh mục 63 tỉnh nên không chuyển sang 34 đơn vị được`,
        `province ${code} is not in the 63-province list, so it cannot be mapped to the 34 units`,
      );
    }
    return unit;
  });
  const levels = [...new Set(units)].sort();
  return { units: levels, unitOfProvince: Int32Array.from(units.map((u) => levels.indexOf(u))) };
}
