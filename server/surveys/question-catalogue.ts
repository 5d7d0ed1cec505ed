import type { ChoiceValue, ItemJson, Localizable, Questionnaire, QuestionnaireElement } from './questionnaire.schema';

/** Text in both languages; English falls back to Vietnamese when the questionnaire has none. */
export interface BilingualText { vi: string; en: string }

export interface LabelledValue { value: ChoiceValue; label: BilingualText }

/**
 * What a question asks and what its answers mean, in questionnaire order: the codebook, the report and the
 * dashboard read labels from here rather than from the validation plan, which keeps only values.
 */
export interface CatalogueQuestion {
  name: string;
  /** SurveyJS type: `rating`, `radiogroup`, `dropdown`, `checkbox`, `boolean`, `text`, `comment`, `matrix`. */
  type: string;
  title: BilingualText;
  /** Section (page) title, e.g. "B. Nhận thức". */
  section: BilingualText;
  /** Choices, rating values, or a matrix's columns; booleans get `true`/`false`. Empty for free text. */
  values: LabelledValue[];
  /** A matrix's rows. */
  rows: LabelledValue[];
}

/** A questionnaire string (plain, or `{ default, vi, en }`) in both languages; `fallback` when absent. */
export function bilingualText(value: Localizable | undefined, fallback: string): BilingualText {
  if (value === undefined) return { vi: fallback, en: fallback };
  if (typeof value === 'string') return { vi: value, en: value };
  const vi = value.default ?? value.vi ?? fallback;
  return { vi, en: value.en ?? vi };
}

function labelled(items: readonly ItemJson[] | undefined): LabelledValue[] {
  return (items ?? []).map((item) => (typeof item === 'object'
    ? { value: item.value, label: bilingualText(item.text as Localizable | undefined, String(item.value)) }
    : { value: item, label: { vi: String(item), en: String(item) } }));
}

function valuesOf(element: QuestionnaireElement): LabelledValue[] {
  switch (element.type) {
    case 'rating':
      return element.rateValues?.length
        ? labelled(element.rateValues as ItemJson[])
        : range(element.rateMin ?? 1, element.rateMax ?? 5, element.rateStep ?? 1);
    case 'radiogroup':
    case 'dropdown':
    case 'checkbox':
      return labelled(element.choices as ItemJson[] | undefined);
    case 'boolean':
      return [
        { value: 1, label: bilingualText(element.labelTrue as Localizable | undefined, 'Có / Yes') },
        { value: 0, label: bilingualText(element.labelFalse as Localizable | undefined, 'Không / No') },
      ];
    case 'matrix':
      return labelled(element.columns);
    default:
      return [];
  }
}

function range(min: number, max: number, step: number): LabelledValue[] {
  const values: LabelledValue[] = [];
  for (let v = min; v <= max + 1e-9; v += step) values.push({ value: v, label: { vi: String(v), en: String(v) } });
  return values;
}

/** Every answerable question of a (valid) questionnaire, in the order respondents see them. */
export function questionCatalogue(definition: unknown): CatalogueQuestion[] {
  const questionnaire = definition as Questionnaire;
  const out: CatalogueQuestion[] = [];
  const walk = (elements: readonly QuestionnaireElement[], section: BilingualText) => {
    for (const element of elements) {
      if (element.type === 'html') continue;
      if (element.type === 'panel') {
        walk(element.elements, section);
        continue;
      }
      out.push({
        name: element.name,
        type: element.type,
        title: bilingualText(element.title, element.name),
        section,
        values: valuesOf(element),
        rows: element.type === 'matrix' ? labelled(element.rows) : [],
      });
    }
  };
  questionnaire.pages.forEach((page, k) => walk(page.elements, bilingualText(page.title, page.name ?? `page ${k + 1}`)));
  return out;
}
