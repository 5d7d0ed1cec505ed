import { Serializer } from 'survey-core';

/**
 * Teaches survey-core the SIPAS-specific top-level property `sipasIndex` (the machine-readable index block,
 * see `server/surveys/index-definition.ts`). Without it `new Model(json)` reports
 * "Unknown property in class 'survey': 'sipasIndex'" in `jsonErrors`. The property is hidden from
 * Survey Creator and kept as-is by `toJSON()`. Call once before building a Model; calling again is harmless.
 */
export function registerSipasSurveyProperties(): void {
  if (Serializer.findProperty('survey', 'sipasIndex')) return;
  Serializer.addProperty('survey', { name: 'sipasIndex', visible: false });
}
