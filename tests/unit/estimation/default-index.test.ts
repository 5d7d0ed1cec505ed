import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import type { IndexDefinition } from '../../../server/surveys/index-definition';
import { parseIndexDefinition } from '../../../server/surveys/index-definition.schema';

/** The parts of an index block that change what is estimated (labels do not). */
const structure = (def: IndexDefinition) => ({
  scale: def.scale,
  satisfiedMin: def.satisfiedMin,
  overall: def.overall,
  elements: def.elements.map(({ id, group, items }) => ({ id, group, items })),
  composites: def.composites.map(({ id, parts }) => ({ id, parts })),
});

test('the engine’s default index block is the one the SIPAS 2023 questionnaire declares', () => {
  const questionnaire = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'surveys', 'sipas-2023.json'), 'utf8'));
  expect(structure(DEFAULT_INDEX_DEFINITION)).toEqual(structure(parseIndexDefinition(questionnaire)));
});
