import type { ChoiceValue } from '../surveys/questionnaire.schema';
import type { BilingualText, CatalogueQuestion } from '../surveys/question-catalogue';

/** Longest variable name Stata accepts; longer names are cut and made unique. */
const MAX_NAME = 32;

export type VariableKind = 'identifier' | 'design' | 'weight' | 'rating' | 'categorical' | 'binary' | 'integer';

/** One column of the microdata file. */
export interface CodebookVariable {
  name: string;
  kind: VariableKind;
  /** Where the value comes from: an answer (`harassment`, `priorities.information`) or the design. */
  source: string;
  section: BilingualText | null;
  label: BilingualText;
  values: { value: ChoiceValue; label: BilingualText }[];
  /** What an empty cell means. */
  missing: BilingualText;
  /** Turns a response's answers into the cell's value (null = empty). */
  read?: (answers: Record<string, unknown>) => string | number | null;
}

/** A question deliberately left out of the file, and why. */
export interface ExcludedQuestion { name: string; label: BilingualText; reason: BilingualText }

const NOT_ASKED: BilingualText = {
  vi: 'Không trả lời, hoặc câu hỏi không áp dụng với người trả lời',
  en: 'Not answered, or the question did not apply to the respondent',
};

const FREE_TEXT: BilingualText = {
  vi: 'Câu trả lời tự do (chữ) chưa được rà soát để loại thông tin cá nhân nên không được xuất. Chưa có quy trình rà soát.',
  en: 'Free-text answer: left out because free text has not been reviewed for personal information (there is no review process yet).',
};

/** Design and identification columns, in the order of the microdata CSV (METHOD.md §6). */
export function designVariables(hasFinalWeight: boolean): CodebookVariable[] {
  const v = (name: string, kind: VariableKind, vi: string, en: string): CodebookVariable =>
    ({ name, kind, source: 'design', section: null, label: { vi, en }, values: [], missing: { vi: '', en: '' } });
  return [
    v('respondent_id', 'integer', 'Số thứ tự người trả lời trong tệp này (1..n, bốc thăm lại mỗi lần xuất; không nối được với phiếu gốc hay với lần xuất khác)',
      'Respondent number within this file (1..n, drawn afresh for each export; links to no stored response and to no other export)'),
    v('year', 'integer', 'Năm của đợt khảo sát', 'Year of the survey wave'),
    v('province_code', 'identifier', 'Mã tỉnh (mã GSO, theo đơn vị hành chính của đợt)', "Province code (GSO code, in the wave's geography)"),
    v('stratum', 'design', 'Tầng chọn mẫu', 'Sampling stratum'),
    v('psu', 'design', 'Đơn vị mẫu cấp 1 (PSU: xã/phường hoặc điểm phục vụ; id:<số> khi phiếu là PSU của chính nó); lồng trong tầng',
      'Primary sampling unit (commune or service point; id:<number> where a response is its own PSU), nested in strata'),
    v('weight', 'weight', 'Trọng số thiết kế (1 khi phiếu không có trọng số)', 'Design (base) weight (1 where the response has none)'),
    v('sex', 'categorical', 'Giới tính', 'Sex'),
    v('age_group', 'categorical', 'Nhóm tuổi', 'Age group'),
    ...(hasFinalWeight ? [{
      ...v('weight_final', 'weight', 'Trọng số cuối cùng (đã hiệu chỉnh raking theo tỉnh × giới tính và tỉnh × nhóm tuổi)', 'Final weight (raked to province × sex and province × age group)'),
      missing: { vi: 'Không hiệu chỉnh được (thiếu tổng biên)', en: 'Could not be raked (no margins)' },
    }] : []),
  ];
}

function stataName(name: string, taken: Set<string>): string {
  let candidate = name.slice(0, MAX_NAME);
  for (let k = 2; taken.has(candidate); k++) candidate = `${name.slice(0, MAX_NAME - String(k).length - 1)}_${k}`;
  taken.add(candidate);
  return candidate;
}

const asCode = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? value : null);

/**
 * The answer columns: ratings as numbers, single choices as their codes, yes/no as 1/0, each choice of a
 * multiple choice as 1/0, each row of a matrix as the chosen column's code. Free text is left out.
 */
export function answerVariables(catalogue: readonly CatalogueQuestion[], skip: ReadonlySet<string>, taken: Set<string>): { variables: CodebookVariable[]; excluded: ExcludedQuestion[] } {
  const variables: CodebookVariable[] = [];
  const excluded: ExcludedQuestion[] = [];
  for (const q of catalogue) {
    if (skip.has(q.name)) continue;
    const base = { section: q.section, missing: NOT_ASKED };
    switch (q.type) {
      case 'text':
      case 'comment':
        excluded.push({ name: q.name, label: q.title, reason: FREE_TEXT });
        break;
      case 'rating':
        variables.push({ ...base, name: stataName(q.name, taken), kind: 'rating', source: q.name, label: q.title, values: q.values, read: (a) => asCode(a[q.name]) });
        break;
      case 'radiogroup':
      case 'dropdown':
        variables.push({ ...base, name: stataName(q.name, taken), kind: 'categorical', source: q.name, label: q.title, values: q.values, read: (a) => asCode(a[q.name]) });
        break;
      case 'boolean':
        variables.push({
          ...base, name: stataName(q.name, taken), kind: 'binary', source: q.name, label: q.title, values: q.values,
          read: (a) => (a[q.name] === true ? 1 : a[q.name] === false ? 0 : null),
        });
        break;
      case 'checkbox':
        for (const choice of q.values) {
          variables.push({
            ...base, name: stataName(`${q.name}_${choice.value}`, taken), kind: 'binary', source: `${q.name}.${choice.value}`,
            label: { vi: `${q.title.vi} — ${choice.label.vi}`, en: `${q.title.en} — ${choice.label.en}` },
            values: [{ value: 1, label: { vi: 'Có chọn', en: 'Selected' } }, { value: 0, label: { vi: 'Không chọn', en: 'Not selected' } }],
            read: (a) => (Array.isArray(a[q.name]) ? ((a[q.name] as unknown[]).includes(choice.value) ? 1 : 0) : null),
          });
        }
        break;
      case 'matrix':
        for (const row of q.rows) {
          variables.push({
            ...base, name: stataName(`${q.name}_${row.value}`, taken), kind: 'categorical', source: `${q.name}.${row.value}`,
            label: { vi: `${q.title.vi} — ${row.label.vi}`, en: `${q.title.en} — ${row.label.en}` }, values: q.values,
            read: (a) => asCode((a[q.name] as Record<string, unknown> | undefined)?.[String(row.value)]),
          });
        }
        break;
    }
  }
  return { variables, excluded };
}

/** The codebook as a table people read (a CSV that spreadsheets open with Vietnamese intact). */
export function codebookTable(variables: readonly CodebookVariable[], excluded: readonly ExcludedQuestion[]): string[][] {
  const rows: string[][] = [['biến / variable', 'loại / kind', 'câu hỏi (tiếng Việt)', 'question (English)', 'giá trị (tiếng Việt)', 'values (English)', 'ô trống / empty cell']];
  for (const v of variables) {
    rows.push([
      v.name, v.kind, v.label.vi, v.label.en,
      v.values.map((x) => `${x.value} = ${x.label.vi}`).join('; '),
      v.values.map((x) => `${x.value} = ${x.label.en}`).join('; '),
      v.missing.vi,
    ]);
  }
  for (const e of excluded) rows.push([e.name, 'không xuất / not exported', e.label.vi, e.label.en, e.reason.vi, e.reason.en, '']);
  return rows;
}
