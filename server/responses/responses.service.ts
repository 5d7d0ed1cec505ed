import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { AppError, ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../errors/app-error';
import type { GeographyCache } from '../geography/geography.cache';
import { canonicalJson, sha256 } from '../surveys/fingerprint';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { validateAnswers } from '../surveys/validation-plan';
import { findWave, type Wave } from '../waves/waves.repository';
import { parseEnvelope, type ResponseEnvelope } from './response-envelope';
import { insertResponseOnce, type StoredResponse } from './responses.repository';

export interface IngestionDeps {
  db: Kysely<Database>;
  questionnaires: QuestionnaireCache;
  geography: GeographyCache;
}

export interface SubmitResult { created: boolean; response: StoredResponse }

async function openWave(db: Kysely<Database>, waveId: string): Promise<Wave> {
  const wave = await findWave(db, waveId);
  if (!wave) throw new NotFoundError(`Không có đợt khảo sát "${waveId}"`, `No survey wave "${waveId}"`);
  if (wave.status !== 'open') {
    throw new AppError(409, 'wave_not_open', 'Đợt khảo sát này hiện không nhận phiếu trả lời',
      'This survey wave is not accepting responses', [{
        field: 'wave', rule: 'wave_open',
        message: `Đợt khảo sát đang ở trạng thái "${wave.status}"`, messageEn: `The wave is "${wave.status}"`,
      }]);
  }
  return wave;
}

/** Where the response sits in the design: household waves use province × commune, service points their point. */
function designPosition(wave: Wave, answers: Record<string, unknown>) {
  const province = String(answers.province);
  const commune = typeof answers.commune === 'string' ? answers.commune : null;
  const psu = wave.design === 'service_point' && typeof answers.service_point === 'string' ? answers.service_point : commune;
  return { province, commune, stratum: province, psu };
}

function contentHash(waveId: string, e: ResponseEnvelope): string {
  return sha256(canonicalJson({
    waveId, channel: e.channel, answers: e.answers, startedAt: e.startedAt ?? null,
    submittedAt: e.submittedAt ?? null, deviceId: e.deviceId ?? null,
  }));
}

/**
 * Checks a submission strictly against the wave's own questionnaire and geography, then stores it
 * exactly once: the client's UUID is the idempotency key. Nothing is stored when anything is wrong.
 */
export async function submitResponse(deps: IngestionDeps, waveId: string, body: unknown): Promise<SubmitResult> {
  const wave = await openWave(deps.db, waveId);
  const { envelope, issues } = parseEnvelope(body);
  if (!envelope) throw new ValidationError(issues);

  const [questionnaire, geography] = await Promise.all([
    deps.questionnaires.get(wave.survey_version_id),
    deps.geography.get(wave.geography_code),
  ]);
  const province = typeof envelope.answers.province === 'string' ? envelope.answers.province : undefined;
  const communes = province ? geography.communesByProvince.get(province) : undefined;
  const answerIssues: FieldIssue[] = validateAnswers(questionnaire.plan, envelope.answers, {
    externalChoices: { province: geography.provinces, commune: communes ?? new Set<string>() },
  })
    // A province with no communes registered yet cannot be asked for one.
    .filter((i) => !(i.field === 'commune' && i.rule === 'required' && !communes?.size))
    .map((i) => ({ ...i, field: `answers.${i.field}` }));
  if (envelope.questionnaireVersion !== undefined && envelope.questionnaireVersion !== wave.survey_version_id) {
    answerIssues.push({
      field: 'questionnaireVersion', rule: 'current_version',
      message: 'Phiếu đã được cập nhật, vui lòng tải lại trang', messageEn: 'The questionnaire changed; reload the page',
    });
  }
  if (answerIssues.length) throw new ValidationError(answerIssues);

  const position = designPosition(wave, envelope.answers);
  const hash = contentHash(wave.id, envelope);
  const duration = envelope.startedAt && envelope.submittedAt
    ? Date.parse(envelope.submittedAt) - Date.parse(envelope.startedAt) : null;
  const { row, inserted } = await insertResponseOnce(deps.db, {
    id: envelope.id,
    waveId: wave.id,
    surveyVersionId: wave.survey_version_id,
    provinceCode: position.province,
    communeCode: position.commune,
    stratum: position.stratum,
    psu: position.psu,
    channel: envelope.channel,
    deviceId: envelope.deviceId ?? null,
    answers: envelope.answers,
    contentHash: hash,
    startedAt: envelope.startedAt ?? null,
    submittedAt: envelope.submittedAt ?? null,
    durationMs: duration,
    baseWeight: null,
  });
  if (!inserted && (row.content_hash !== hash || row.wave_id !== wave.id)) {
    throw new ConflictError(
      'Mã phiếu này đã được dùng cho một phiếu trả lời khác',
      'This response id was already used for different content',
      [{ field: 'id', rule: 'idempotency_conflict', message: 'Mã phiếu đã tồn tại với nội dung khác', messageEn: 'Same id, different content' }],
    );
  }
  return { created: inserted, response: row };
}
