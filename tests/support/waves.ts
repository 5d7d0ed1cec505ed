import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/database';
import { upsertCommunes } from '../../server/geography/geography.repository';
import { seedSurveys } from '../../server/surveys/surveys.seed';
import { insertWave, type NewWave } from '../../server/waves/waves.repository';

let counter = 0;

/** A wave of the national questionnaire; open, on the 63 provinces unless overridden. */
export async function createWave(db: Kysely<Database>, overrides: Partial<NewWave> = {}) {
  const versions = await seedSurveys(db);
  counter += 1;
  return insertWave(db, {
    id: `test-wave-${counter}-${Date.now().toString(36)}`,
    surveyVersionId: versions.get('sipas-2023')!,
    year: 2023,
    geographyCode: 'vn-63',
    titleVi: 'Đợt thử nghiệm',
    titleEn: 'Test wave',
    design: 'household',
    status: 'open',
    ...overrides,
  });
}

/** Two communes of Hà Nội (01) in the given geography. */
export async function createCommunes(db: Kysely<Database>, geographyCode = 'vn-63') {
  await upsertCommunes(db, geographyCode, [
    { code: '00001', provinceCode: '01', nameVi: 'Phường Phúc Xá', urbanRural: 'urban' },
    { code: '00004', provinceCode: '01', nameVi: 'Phường Trúc Bạch', urbanRural: 'urban' },
    { code: '00070', provinceCode: '02', nameVi: 'Xã Thanh Thủy', urbanRural: 'rural' },
  ]);
}
