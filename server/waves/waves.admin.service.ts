import type { Kysely } from 'kysely';
import { changedFields, recordAudit, type AuditActor } from '../audit/audit.repository';
import type { Database, WaveDesign } from '../db/database';
import { createAudited } from '../audit/create-audited';
import { ConflictError, ValidationError } from '../errors/app-error';
import { countResponses } from '../responses/responses.repository';
import { findSurveyVersion } from '../surveys/surveys.repository';
import { requireWave } from './require-wave';
import { findWave, insertWave, updateWave, type Wave, type WaveChanges } from './waves.repository';

export interface WaveInput {
  id: string;
  surveyVersion: number;
  year: number;
  geography: 'vn-63' | 'vn-34';
  titleVi: string;
  titleEn: string;
  design: WaveDesign;
}

function waveExists(id: string): ConflictError {
  return new ConflictError(`Đã có đợt khảo sát "${id}"`, `Wave "${id}" already exists`, [{
    field: 'id', rule: 'unique', message: 'Mã đợt khảo sát đã được dùng', messageEn: 'The wave id is taken',
  }]);
}

/** A new wave, in draft, of a published questionnaire version (which never changes afterwards). */
export async function createWave(db: Kysely<Database>, input: WaveInput, actor: AuditActor): Promise<Wave> {
  if (!(await findSurveyVersion(db, input.surveyVersion))) {
    throw new ValidationError([{
      field: 'surveyVersion', rule: 'not_a_choice',
      message: `Không có phiên bản bảng hỏi số ${input.surveyVersion}`, messageEn: `No questionnaire version ${input.surveyVersion}`,
    }]);
  }
  return createAudited(db, {
    exists: () => findWave(db, input.id),
    insert: (trx) => insertWave(trx, {
      id: input.id, surveyVersionId: input.surveyVersion, year: input.year, geographyCode: input.geography,
      titleVi: input.titleVi, titleEn: input.titleEn, design: input.design, status: 'draft',
    }),
    audit: (wave) => ({
      ...actor, action: 'wave_created', target: `wave:${wave.id}`,
      details: { surveyVersion: wave.survey_version_id, year: wave.year, geography: wave.geography_code, design: wave.design },
    }),
    taken: () => waveExists(input.id),
  });
}

/**
 * Opens, closes or renames a wave. Waves move freely between open and closed (fieldwork may be
 * extended), but one that has received responses cannot go back to draft.
 */
export async function changeWave(db: Kysely<Database>, id: string, changes: WaveChanges, actor: AuditActor): Promise<Wave> {
  const current = await requireWave(db, id);
  if (changes.status === 'draft' && current.status !== 'draft' && (await countResponses(db, id)) > 0) {
    throw new ConflictError('Đợt khảo sát đã có phiếu trả lời nên không thể trở lại trạng thái nháp',
      'The wave has responses, so it cannot go back to draft', [{
        field: 'status', rule: 'has_responses', message: 'Đợt khảo sát đã có phiếu trả lời', messageEn: 'The wave has responses',
      }]);
  }
  return db.transaction().execute(async (trx) => {
    const wave = (await updateWave(trx, id, changes))!;
    const details = changedFields(current, wave, { status: 'status', titleVi: 'title_vi', titleEn: 'title_en' });
    await recordAudit(trx, { ...actor, action: 'wave_updated', target: `wave:${id}`, details });
    return wave;
  });
}
