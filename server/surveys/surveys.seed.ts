import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { questionnaireFingerprint } from './fingerprint';
import { publishSurveyVersion } from './surveys.repository';
import { ROOT } from '../paths';

export const SURVEYS_DIR = path.join(ROOT, 'surveys');

type Localised = string | { default?: string; vi?: string; en?: string };

function text(value: Localised | undefined, lang: 'vi' | 'en', fallback: string): string {
  if (typeof value === 'string') return value;
  if (!value) return fallback;
  return (lang === 'en' ? value.en : value.default ?? value.vi) ?? fallback;
}

/**
 * Publishes every `surveys/<id>.json` as a version of survey `<id>` when its content is new.
 * Waves keep pointing at the version they were created with.
 */
export async function seedSurveys(db: Kysely<Database>, dir = SURVEYS_DIR): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const definition = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { title?: Localised };
    const id = path.basename(file, '.json');
    const versionId = await publishSurveyVersion(db, {
      id,
      titleVi: text(definition.title, 'vi', id),
      titleEn: text(definition.title, 'en', id),
    }, definition, questionnaireFingerprint(definition));
    versions.set(id, versionId);
  }
  return versions;
}
