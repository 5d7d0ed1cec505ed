import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { countWaves, insertWave } from './waves.repository';

/**
 * A brand-new installation gets one open wave of the national questionnaire on the current 34 units,
 * so the citizen page works at once. Nothing happens once any wave exists. It has no sample plan, so it is
 * declared `open` (self-selected): every valid response counts, and every figure of it says it is not
 * from a probability sample (METHOD.md §7).
 */
export async function seedFirstWave(db: Kysely<Database>, surveyVersions: Map<string, number>, year: number): Promise<void> {
  const sipas = surveyVersions.get('sipas-2023');
  if (!sipas || (await countWaves(db)) > 0) return;
  await insertWave(db, {
    id: `sipas-${year}`,
    surveyVersionId: sipas,
    year,
    geographyCode: 'vn-34',
    titleVi: `Khảo sát SIPAS ${year}`,
    titleEn: `SIPAS survey ${year}`,
    design: 'open',
    status: 'open',
  });
}
