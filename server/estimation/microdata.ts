import type { CsvRecord } from '../csv/csv-records';
import { textRow, type CsvRowView } from '../csv/csv-rows';
import { statementNames, type IndexDefinition } from '../surveys/index-definition';
import { Growable } from './growable';
import { InputError } from './input-error';
import { MISSING_ANSWER, type CategoricalColumn, type SurveyColumns } from './types';

/** Levels of the respondent columns the raking margins use (METHOD.md §2 A). */
export const SEX_LEVELS = ['F', 'M'] as const;
export const AGE_GROUP_LEVELS = ['18-29', '30-39', '40-49', '50-59', '60+'] as const;

const REQUIRED = ['respondent_id', 'year', 'province_code', 'stratum', 'psu', 'weight', 'sex', 'age_group'] as const;

export interface MicrodataOptions {
  /** Name used in error messages. */
  file: string;
  definition: IndexDefinition;
  /** Other categorical columns to keep (e.g. `--by` columns), when the file has them. */
  extraCategorical?: readonly string[];
  /** Whether a province code is valid for a wave of that year. */
  isKnownProvince: (code: string, year: number) => boolean;
}

/**
 * Validates microdata records (METHOD.md §6) one at a time and builds the engine's columns. The first
 * record is the header. Any problem throws an {@link InputError} naming the line and column.
 */
export class MicrodataBuilder {
  private readonly index: Record<string, number>;
  private readonly statements: { name: string; at: number; values: Growable<Int8Array> }[];
  private readonly extras: { name: string; at: number; codes: Growable<Int32Array>; levels: Map<string, number> }[];
  private readonly hasFpc: boolean;
  private readonly ids = new Set<string>();
  private readonly strata = new Map<string, number>();
  private readonly psus = new Map<string, number>();
  private readonly provinces = new Map<string, number>();
  private readonly fpcOfStratum: number[] = [];
  private readonly stratum = new Growable((n) => new Int32Array(n));
  private readonly psu = new Growable((n) => new Int32Array(n));
  private readonly province = new Growable((n) => new Int32Array(n));
  private readonly weight = new Growable((n) => new Float64Array(n));
  private readonly sex = new Growable((n) => new Int32Array(n));
  private readonly ageGroup = new Growable((n) => new Int32Array(n));
  private readonly fieldCount: number;
  /** Where each required column is. */
  private readonly at: Record<(typeof REQUIRED)[number] | 'fpc_psu', number>;
  /** Codes of the previous record's province, stratum and PSU. */
  private readonly last = { province: 0, stratum: 0, psu: 0 };
  private previousFields: readonly string[] | undefined;

  constructor(
    header: CsvRecord,
    private readonly options: MicrodataOptions,
  ) {
    const names = header.fields.map((f) => f.trim());
    this.fieldCount = names.length;
    this.index = Object.fromEntries(names.map((name, at) => [name, at]));
    for (const column of REQUIRED) {
      if (!(column in this.index)) {
        throw this.error(header.line, column, 'thiếu cột bắt buộc', 'required column is missing');
      }
    }
    this.hasFpc = 'fpc_psu' in this.index;
    this.at = Object.fromEntries([...REQUIRED, 'fpc_psu'].map((name) => [name, this.index[name] ?? -1])) as MicrodataBuilder['at'];
    this.statements = statementNames(options.definition)
      .filter((name) => name in this.index)
      .map((name) => ({ name, at: this.index[name], values: new Growable((n) => new Int8Array(n)) }));
    this.extras = (options.extraCategorical ?? [])
      .filter((name) => name in this.index && !(REQUIRED as readonly string[]).includes(name))
      .map((name) => ({ name, at: this.index[name], codes: new Growable((n) => new Int32Array(n)), levels: new Map() }));
  }

  /** Adds one record split into strings (the first after the header is line 2). */
  add({ fields, line }: CsvRecord): void {
    this.addRow(textRow(fields, line, this.previousFields));
    this.previousFields = fields;
  }

  /**
   * Adds one record seen through a {@link CsvRowView} (the byte reader's: no string is made for a field
   * that equals the previous record's, a one-digit answer or a listed level).
   */
  addRow(row: CsvRowView): void {
    const line = row.line;
    if (row.fieldCount !== this.fieldCount) {
      throw this.error(
        line,
        undefined,
        `có ${row.fieldCount} trường, tiêu đề có ${this.fieldCount}`,
        `has ${row.fieldCount} fields, the header has ${this.fieldCount}`,
      );
    }
    const at = this.at;
    const id = row.text(at.respondent_id);
    if (id === '') throw this.error(line, 'respondent_id', 'mã người trả lời trống', 'empty respondent id');
    const seen = this.ids.size;
    this.ids.add(id);
    if (this.ids.size === seen) {
      throw this.error(line, 'respondent_id', `mã người trả lời "${id}" bị trùng`, `duplicate respondent id "${id}"`);
    }
    // Files list a PSU's respondents together: a field equal to the previous record's keeps its code unchecked.
    const first = seen === 0;
    if (first || !row.sameAsPrevious(at.year) || !row.sameAsPrevious(at.province_code)) {
      const yearText = row.text(at.year);
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText)) throw this.error(line, 'year', `năm không hợp lệ "${yearText}"`, `invalid year "${yearText}"`);
      const provinceCode = row.text(at.province_code);
      if (!this.options.isKnownProvince(provinceCode, year)) {
        throw this.error(
          line,
          'province_code',
          `mã tỉnh "${provinceCode}" không có trong danh mục năm ${year}`,
          `province code "${provinceCode}" is not in the ${year} list`,
        );
      }
      this.last.province = codeOf(this.provinces, provinceCode);
    }
    this.province.push(this.last.province);

    const sameStratum = !first && row.sameAsPrevious(at.stratum);
    if (!sameStratum) {
      const stratumLabel = row.text(at.stratum);
      if (stratumLabel === '') throw this.error(line, 'stratum', 'tầng trống', 'empty stratum');
      this.last.stratum = codeOf(this.strata, stratumLabel);
    }
    const stratum = this.last.stratum;
    this.stratum.push(stratum);
    if (!sameStratum || !row.sameAsPrevious(at.psu)) {
      const psuLabel = row.text(at.psu);
      if (psuLabel === '') throw this.error(line, 'psu', 'đơn vị mẫu cấp 1 (PSU) trống', 'empty PSU');
      // PSU labels are nested within strata (svydesign(nest = TRUE)).
      this.last.psu = codeOf(this.psus, `${stratum}\u0000${psuLabel}`);
    }
    this.psu.push(this.last.psu);
    if (this.hasFpc && (!sameStratum || !row.sameAsPrevious(at.fpc_psu))) this.addFpc(line, stratum, row.text(at.fpc_psu));

    const weightText = row.text(at.weight);
    const weight = Number(weightText);
    if (weightText === '' || !Number.isFinite(weight) || weight <= 0) {
      throw this.error(line, 'weight', `trọng số không hợp lệ "${weightText}"`, `invalid weight "${weightText}"`);
    }
    this.weight.push(weight);
    this.sex.push(this.level(row, at.sex, 'sex', SEX_LEVELS));
    this.ageGroup.push(this.level(row, at.age_group, 'age_group', AGE_GROUP_LEVELS));

    const { min, max } = this.options.definition.scale;
    for (const statement of this.statements) {
      const digit = row.digit(statement.at);
      if (digit >= 0 && digit >= min && digit <= max) {
        statement.values.push(digit);
        continue;
      }
      const text = row.text(statement.at);
      if (text === '' || text === 'NA') {
        statement.values.push(MISSING_ANSWER);
        continue;
      }
      const value = Number(text);
      if (!Number.isInteger(value) || value < min || value > max) {
        throw this.error(
          line,
          statement.name,
          `câu trả lời "${text}" ngoài thang ${min}–${max}`,
          `answer "${text}" is outside the scale ${min}–${max}`,
        );
      }
      statement.values.push(value);
    }
    for (const extra of this.extras) {
      const text = row.text(extra.at);
      extra.codes.push(text === '' ? -1 : codeOf(extra.levels, text));
    }
  }

  finish(): SurveyColumns {
    if (this.ids.size === 0) {
      throw new InputError({ file: this.options.file }, 'tệp không có người trả lời nào', 'the file has no respondent');
    }
    const provinceLevels = [...this.provinces.keys()].sort();
    const provinceRemap = remapTo(this.provinces, provinceLevels);
    const provinceCodes = this.province.finish().map((c) => provinceRemap[c]);
    const psu = this.psu.finish();
    const stratum = this.stratum.finish();
    const fpcPsu = this.hasFpc ? this.checkedFpc(stratum, psu) : null;
    const categorical: Record<string, CategoricalColumn> = {
      sex: { codes: this.sex.finish(), levels: [...SEX_LEVELS] },
      age_group: { codes: this.ageGroup.finish(), levels: [...AGE_GROUP_LEVELS] },
    };
    for (const extra of this.extras) {
      const levels = [...extra.levels.keys()].sort();
      const remap = remapTo(extra.levels, levels);
      categorical[extra.name] = { codes: extra.codes.finish().map((c) => (c < 0 ? -1 : remap[c])), levels };
    }
    return {
      rowCount: this.ids.size,
      stratum,
      strata: [...this.strata.keys()],
      psu,
      psuCount: this.psus.size,
      psuLabels: [...this.psus.keys()].map((key) => key.slice(key.indexOf('\u0000') + 1)),
      fpcPsu,
      weight: this.weight.finish(),
      province: { codes: provinceCodes, levels: provinceLevels },
      categorical,
      answers: Object.fromEntries(this.statements.map((s) => [s.name, s.values.finish()])),
    };
  }

  private addFpc(line: number, stratum: number, text: string): void {
    const value = Number(text);
    if (text === '' || !Number.isInteger(value) || value <= 0) {
      throw this.error(line, 'fpc_psu', `số PSU của khung mẫu không hợp lệ "${text}"`, `invalid frame PSU count "${text}"`);
    }
    const known = this.fpcOfStratum[stratum];
    if (known !== undefined && known !== value) {
      throw this.error(
        line,
        'fpc_psu',
        `fpc_psu ${value} khác giá trị ${known} đã gặp trong cùng tầng`,
        `fpc_psu ${value} differs from ${known} seen earlier in the same stratum`,
      );
    }
    this.fpcOfStratum[stratum] = value;
  }

  private checkedFpc(stratum: Int32Array, psu: Int32Array): Float64Array {
    const sampled = new Map<number, Set<number>>();
    for (let i = 0; i < stratum.length; i++) {
      const set = sampled.get(stratum[i]) ?? new Set<number>();
      set.add(psu[i]);
      sampled.set(stratum[i], set);
    }
    const labels = [...this.strata.keys()];
    for (const [h, set] of sampled) {
      if (set.size > this.fpcOfStratum[h]) {
        throw new InputError(
          { file: this.options.file, column: 'fpc_psu' },
          `tầng ${labels[h]} có ${set.size} PSU trong mẫu nhưng fpc_psu chỉ là ${this.fpcOfStratum[h]}`,
          `stratum ${labels[h]} has ${set.size} sampled PSUs but fpc_psu is only ${this.fpcOfStratum[h]}`,
        );
      }
    }
    return Float64Array.from(this.fpcOfStratum);
  }

  private level(row: CsvRowView, field: number, column: string, levels: readonly string[]): number {
    const code = row.levelOf(field, levels);
    if (code < 0) {
      const text = row.text(field);
      throw this.error(
        row.line,
        column,
        `giá trị "${text}" không thuộc {${levels.join(', ')}}`,
        `value "${text}" is not one of {${levels.join(', ')}}`,
      );
    }
    return code;
  }

  private error(line: number, column: string | undefined, vi: string, en: string): InputError {
    return new InputError({ file: this.options.file, line, column }, vi, en);
  }
}

/** Builds the columns from all records at once (the first is the header). */
export function parseMicrodata(records: readonly CsvRecord[], options: MicrodataOptions): SurveyColumns {
  if (records.length === 0) throw new InputError({ file: options.file }, 'tệp trống', 'the file is empty');
  const builder = new MicrodataBuilder(records[0], options);
  for (let k = 1; k < records.length; k++) builder.add(records[k]);
  return builder.finish();
}

function codeOf(codes: Map<string, number>, label: string): number {
  let code = codes.get(label);
  if (code === undefined) {
    code = codes.size;
    codes.set(label, code);
  }
  return code;
}

function remapTo(codes: Map<string, number>, sortedLevels: string[]): Int32Array {
  const remap = new Int32Array(codes.size);
  sortedLevels.forEach((level, k) => (remap[codes.get(level)!] = k));
  return remap;
}
