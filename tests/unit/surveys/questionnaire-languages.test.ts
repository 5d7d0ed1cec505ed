import { Serializer } from 'survey-core';
import { registerSipasSurveyProperties } from '../../../surveys/survey-core-properties';
import { questionnaireFiles, loadQuestionnaire, type Json } from './factories';

registerSipasSurveyProperties();

interface Found {
  path: string;
  value: unknown;
}

/**
 * Walks a questionnaire with survey-core's own metadata, so every property survey-core treats as
 * localisable is found, whatever the element type: titles, descriptions, placeholders, choice and rate
 * labels, matrix rows and columns, completedHtml, …
 */
function localisableStrings(node: Json, className: string, path: string, out: Found[]): Found[] {
  for (const [key, value] of Object.entries(node)) {
    const property = Serializer.findProperty(className, key);
    if (!property) continue;
    if (property.isLocalizable) {
      out.push({ path: `${path}.${key}`, value });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const childClass = (item as Json)?.type as string | undefined ?? property.className;
        if (item && typeof item === 'object' && childClass) localisableStrings(item as Json, childClass, `${path}.${key}.${i}`, out);
      });
    }
  }
  return out;
}

/** Places where survey-core would show a raw name or value when no text is given. */
function missingTexts(node: Json, path: string, out: string[]): string[] {
  for (const [key, value] of Object.entries(node)) {
    if (!Array.isArray(value)) continue;
    value.forEach((item, i) => {
      const here = `${path}.${key}.${i}`;
      if (['choices', 'rateValues', 'rows', 'columns'].includes(key) && (typeof item !== 'object' || !(item as Json).text)) out.push(here);
      if (item && typeof item === 'object') {
        const element = item as Json;
        if (key === 'elements' && !['panel', 'html'].includes(element.type as string) && !element.title) out.push(`${here} (title)`);
        missingTexts(element, here, out);
      }
    });
  }
  return out;
}

const VIETNAMESE_LETTERS = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

describe.each(questionnaireFiles())('questionnaire %s', (file) => {
  const json = loadQuestionnaire(file);
  const strings = localisableStrings(json, 'survey', '$', []);

  it('has localisable strings to check', () => {
    expect(strings.length).toBeGreaterThan(10);
  });

  it('gives every localisable string a Vietnamese default and an English translation, nothing else', () => {
    const incomplete = strings.filter(({ value }) => {
      if (!value || typeof value !== 'object') return true;
      const texts = value as Record<string, unknown>;
      const keys = Object.keys(texts).sort().join(',');
      return keys !== 'default,en' || !String(texts.default).trim() || !String(texts.en).trim();
    });
    expect(incomplete).toEqual([]);
  });

  it('writes Vietnamese with its diacritics and keeps them out of the English', () => {
    const texts = strings.map(({ path, value }) => ({ path, ...(value as { default: string; en: string }) }));
    const plainVietnamese = texts.filter((t) => t.default.trim().includes(' ') && !VIETNAMESE_LETTERS.test(t.default));
    const vietnameseInEnglish = texts.filter((t) => VIETNAMESE_LETTERS.test(t.en));
    expect(plainVietnamese).toEqual([]);
    expect(vietnameseInEnglish).toEqual([]);
  });

  it('gives every question a title and every choice, rate value, row and column a text', () => {
    expect(missingTexts(json, '$', [])).toEqual([]);
  });

  it('labels its index elements and composites in both languages', () => {
    const block = json.sipasIndex as { elements: { label: Json }[]; composites: { label: Json }[] };
    for (const { label } of [...block.elements, ...block.composites]) {
      expect(label).toEqual({ vi: expect.stringMatching(VIETNAMESE_LETTERS), en: expect.stringMatching(/\w/) });
    }
  });

  it('is declared Vietnamese at the survey level', () => {
    expect(json.locale).toBe('vi');
  });
});
