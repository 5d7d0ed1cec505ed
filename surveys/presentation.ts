/**
 * How the platform presents a SurveyJS questionnaire to citizens, without changing what it asks or the
 * values it stores: the JSON is rewritten before survey-core sees it.
 *
 * - Every required question gets an error message that names it ("Vui lòng chọn giới tính"), as the
 *   GOV.UK error pattern asks, in both languages.
 * - On the citizen's own device, 1–5 ratings become vertical radio choices (words and faces, full width
 *   on a phone): the values stay 1–5, so the response is the same as from a kiosk's rating buttons.
 * - survey-core's dot progress bar is off: the page shows a text step ("Phần 2/6 · …") instead.
 */

type Json = Record<string, unknown>;
type Localized = string | { default?: string; en?: string; [locale: string]: string | undefined };

export interface Presentation {
  json: Json;
  /** Names of the ratings shown as vertical choices. */
  ratings: Set<string>;
}

const textOf = (value: unknown, locale: 'default' | 'en'): string => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const localized = value as Record<string, string | undefined>;
    return localized[locale] ?? localized.default ?? '';
  }
  return '';
};

/** Lower-cases the first letter of a title placed inside a sentence, unless it starts an acronym. */
function inSentence(title: string): string {
  const [first, second] = [...title];
  if (!first || (second && second === second.toUpperCase() && second !== second.toLowerCase())) return title;
  return first.toLocaleLowerCase('vi') + title.slice(first.length);
}

const stripEnd = (title: string) => title.trim().replace(/[.:]$/, '');

/** The message shown when a required question is left unanswered, naming it. */
export function requiredMessage(type: string, title: Localized): { default: string; en: string } {
  const vi = stripEnd(textOf(title, 'default'));
  const en = stripEnd(textOf(title, 'en'));
  const isQuestion = vi.endsWith('?');
  switch (type) {
    case 'rating':
      return { default: `Vui lòng chọn mức độ cho ý “${vi}”`, en: `Please choose a level for “${en}”` };
    case 'boolean':
      return { default: `Vui lòng chọn Có hoặc Không cho ý “${vi}”`, en: `Please choose Yes or No for “${en}”` };
    case 'text':
    case 'comment':
      return { default: `Vui lòng nhập ${inSentence(vi)}`, en: `Please enter ${inSentence(en)}` };
    default:
      return isQuestion
        ? { default: `Vui lòng trả lời câu hỏi “${vi}”`, en: `Please answer “${en}”` }
        : { default: `Vui lòng chọn ${inSentence(vi)}`, en: `Please choose ${inSentence(en)}` };
  }
}

function present(element: Json, ratingsAsChoices: boolean, ratings: Set<string>): Json {
  const out: Json = { ...element };
  if (Array.isArray(element.elements)) out.elements = element.elements.map((e: Json) => present(e, ratingsAsChoices, ratings));
  if (element.isRequired && !element.requiredErrorText && element.type !== 'panel') {
    out.requiredErrorText = requiredMessage(String(element.type), (element.title ?? element.name) as Localized);
  }
  if (ratingsAsChoices && element.type === 'rating' && Array.isArray(element.rateValues)) {
    ratings.add(String(element.name));
    out.type = 'radiogroup';
    out.choices = element.rateValues;
    out.colCount = 1;
    delete out.rateValues;
    delete out.displayMode;
    delete out.rateType;
  }
  return out;
}

export function presentQuestionnaire(json: Json, options: { ratingsAsChoices: boolean }): Presentation {
  const ratings = new Set<string>();
  const pages = Array.isArray(json.pages) ? json.pages.map((p: Json) => present(p, options.ratingsAsChoices, ratings)) : json.pages;
  return { json: { ...json, pages, showProgressBar: false }, ratings };
}

/** "Phần B. Hiểu biết và nhận định…" → "Hiểu biết và nhận định…": the step line numbers the part itself. */
export function stepTitle(pageTitle: string): string {
  return pageTitle.replace(/^\s*(Phần|Part)\s+[A-Z0-9]+[.:]\s*/u, '');
}
