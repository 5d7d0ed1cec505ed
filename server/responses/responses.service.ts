import { communeGeography } from '../geography/commune-geography';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { AppError, ConflictError, ValidationError, type FieldIssue } from '../errors/app-error';
import type { GeographyCache } from '../geography/geography.cache';
import { answersAtInvitation, claimInvitation, insertResponseWithInvitation, type InvitationClaim } from '../invitations/invitation-use';
import { refuseKioskDeviceId } from '../kiosks/kiosk-device-id';
import { kioskNotEnrolled, kioskWrongWave, waveNotForKiosks } from '../kiosks/kiosk.errors';
import { asksForServicePoint, SERVICE_POINT_QUESTION } from '../service-points/service-point-question';
import { findServicePoint } from '../service-points/service-points.repository';
import { canonicalJson, sha256 } from '../surveys/fingerprint';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { validateAnswers, type ValidationPlan } from '../surveys/validation-plan';
import { waveNotFound } from '../waves/require-wave';
import type { WaveCache } from '../waves/wave.cache';
import type { Wave } from '../waves/waves.repository';
import { parseEnvelope, type ResponseEnvelope } from './response-envelope';
import type { ResponseWriter } from './response-writer';
import type { NewResponse, StoredResponse } from './responses.repository';

export interface IngestionDeps {
  db: Kysely<Database>;
  questionnaires: QuestionnaireCache;
  geography: GeographyCache;
  waves: WaveCache;
  /** Group commit of the responses this process accepts (response-writer.ts). */
  writer: ResponseWriter;
}

export interface SubmitResult { created: boolean; response: StoredResponse }

/** How the paper channel (paper/) submits a form read from its scans. */
export interface SubmitOptions {
  /** The invitation the form was printed for, known by its code's hash rather than a typed code. */
  invitation?: (waveId: string, responseId: string) => Promise<InvitationClaim>;
  /** A question left unanswered on paper (a clerk settled it as "no answer") is not refused as required. */
  unansweredAllowed?: boolean;
}

/** Where a service-point response was given: its point is its PSU, the point's province its stratum. */
export interface PointPosition { code: string; geography: string; province: string; commune: string | null }

/** The enrolled kiosk a response comes from, once its token has been checked (kiosks/device-auth.middleware.ts). */
export interface DeviceContext {
  id: string;
  /** The only wave it may send to; null for any open wave of a kiosk questionnaire. */
  waveId: string | null;
  servicePoint: PointPosition;
}

async function openWave(waves: WaveCache, waveId: string): Promise<Wave> {
  const wave = await waves.get(waveId);
  if (!wave) throw waveNotFound(waveId);
  if (wave.status !== 'open') {
    throw new AppError(409, 'wave_not_open', 'Đợt khảo sát này hiện không nhận phiếu trả lời',
      'This survey wave is not accepting responses', [{
        field: 'wave', rule: 'wave_open',
        message: `Đợt khảo sát đang ở trạng thái "${wave.status}"`, messageEn: `The wave is "${wave.status}"`,
      }]);
  }
  return wave;
}

/**
 * Where the response sits in the design: an invitation's commune in its stratum, a service point when it
 * names one, else province × commune.
 */
function designPosition(point: PointPosition | null, answers: Record<string, unknown>, invitation: InvitationClaim | null) {
  if (invitation) return { province: invitation.province, commune: invitation.commune, stratum: invitation.stratum, psu: invitation.commune };
  if (point) return { province: point.province, commune: point.commune, stratum: point.province, psu: point.code };
  const province = String(answers.province);
  const commune = typeof answers.commune === 'string' ? answers.commune : null;
  return { province, commune, stratum: province, psu: commune };
}

/**
 * The service point a response was given at: the kiosk's own, or the active point of the wave's geography
 * that a phone respondent chose. Null when the questionnaire asks for none (or the answer names no such
 * point, which validation then reports).
 */
async function servicePointOf(
  db: Kysely<Database>, wave: Wave, plan: ValidationPlan, answers: Record<string, unknown>, device?: DeviceContext,
): Promise<PointPosition | null> {
  if (device) {
    if (!asksForServicePoint(plan)) throw waveNotForKiosks('questionnaire');
    if (device.servicePoint.geography !== wave.geography_code) throw waveNotForKiosks('geography');
    return device.servicePoint;
  }
  const code = answers[SERVICE_POINT_QUESTION];
  if (!asksForServicePoint(plan) || typeof code !== 'string') return null;
  const point = await findServicePoint(db, code);
  if (!point?.active || point.province_geography !== wave.geography_code) return null;
  return { code: point.code, geography: point.province_geography, province: point.province_code, commune: point.commune_code };
}

/** A kiosk's response is always on the kiosk channel and names the device; nobody else may claim either. */
function envelopeFrom(body: unknown, device?: DeviceContext): ResponseEnvelope {
  const { envelope, issues } = parseEnvelope(body);
  if (!envelope) throw new ValidationError(issues);
  if (device) return { ...envelope, channel: 'kiosk', deviceId: device.id };
  if (envelope.channel === 'kiosk') throw kioskNotEnrolled();
  return envelope;
}

function contentHash(waveId: string, e: ResponseEnvelope, invitation: InvitationClaim | null): string {
  return sha256(canonicalJson({
    waveId, channel: e.channel, answers: e.answers, startedAt: e.startedAt ?? null,
    submittedAt: e.submittedAt ?? null, deviceId: e.deviceId ?? null,
    // Only with a code, so responses stored before codes existed keep their hashes.
    ...(invitation ? { invitation: invitation.codeHash } : {}),
  }));
}

/** The column is a 32-bit integer: a duration beyond 24 days (a device clock gone wrong) is not a duration. */
const MAX_DURATION_MS = 2 ** 31 - 1;

function durationOf(e: ResponseEnvelope): number | null {
  if (!e.startedAt || !e.submittedAt) return null;
  const ms = Date.parse(e.submittedAt) - Date.parse(e.startedAt);
  return ms >= 0 && ms <= MAX_DURATION_MS ? ms : null;
}

/**
 * Whether a response belongs to the wave's sample (METHOD.md §7): in a household wave only one that claimed
 * an invitation code of its sample plan (or a paper form entered against one); in service-point and open
 * waves every valid response.
 */
export function belongsToSample(wave: Pick<Wave, 'design'>, invitation: InvitationClaim | null): boolean {
  return wave.design !== 'household' || invitation !== null;
}

/** Inserts once; with an invitation, the code is marked used in the same transaction. */
function store(deps: IngestionDeps, response: NewResponse, invitation: InvitationClaim | null) {
  return invitation ? insertResponseWithInvitation(deps.db, response, invitation) : deps.writer.write(response);
}

/**
 * Checks a submission strictly against the wave's own questionnaire and geography, then stores it
 * exactly once: the client's UUID is the idempotency key. Nothing is stored when anything is wrong.
 * A kiosk's submission (`device`) goes on the kiosk channel, at the kiosk's service point.
 */
export async function submitResponse(
  deps: IngestionDeps, waveId: string, body: unknown, device?: DeviceContext, options: SubmitOptions = {},
): Promise<SubmitResult> {
  const wave = await openWave(deps.waves, waveId);
  if (device?.waveId && device.waveId !== wave.id) throw kioskWrongWave();
  const submitted = envelopeFrom(body, device);
  if (!device) await refuseKioskDeviceId(deps.db, submitted.deviceId);
  const invitation = options.invitation ? await options.invitation(wave.id, submitted.id)
    : submitted.invitationCode ? await claimInvitation(deps.db, wave.id, submitted.invitationCode, submitted.id) : null;
  const envelope = invitation ? { ...submitted, answers: answersAtInvitation(submitted.answers, invitation) } : submitted;

  const [questionnaire, geography] = await Promise.all([
    deps.questionnaires.get(wave.survey_version_id),
    deps.geography.get(communeGeography(wave)),
  ]);
  const point = await servicePointOf(deps.db, wave, questionnaire.plan, envelope.answers, device);
  const province = typeof envelope.answers.province === 'string' ? envelope.answers.province : undefined;
  const communes = province ? geography.communesByProvince.get(province) : undefined;
  const answerIssues: FieldIssue[] = validateAnswers(questionnaire.plan, envelope.answers, {
    externalChoices: {
      province: geography.provinces,
      commune: communes ?? new Set<string>(),
      [SERVICE_POINT_QUESTION]: new Set(point ? [point.code] : []),
    },
  })
    // A province with no communes registered yet cannot be asked for one.
    .filter((i) => !(i.field === 'commune' && i.rule === 'required' && !communes?.size))
    .filter((i) => !(options.unansweredAllowed && i.rule === 'required'))
    .map((i) => ({ ...i, field: `answers.${i.field}` }));
  if (envelope.questionnaireVersion !== undefined && envelope.questionnaireVersion !== wave.survey_version_id) {
    answerIssues.push({
      field: 'questionnaireVersion', rule: 'current_version',
      message: 'Phiếu đã được cập nhật, vui lòng tải lại trang', messageEn: 'The questionnaire changed; reload the page',
    });
  }
  if (answerIssues.length) throw new ValidationError(answerIssues);

  const position = designPosition(point, envelope.answers, invitation);
  const hash = contentHash(wave.id, envelope, invitation);
  const duration = durationOf(envelope);
  const { row, inserted } = await store(deps, {
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
    baseWeight: invitation?.baseWeight ?? null,
    sampled: belongsToSample(wave, invitation),
  }, invitation);
  if (!inserted && (row.content_hash !== hash || row.wave_id !== wave.id)) {
    throw new ConflictError(
      'Mã phiếu này đã được dùng cho một phiếu trả lời khác',
      'This response id was already used for different content',
      [{ field: 'id', rule: 'idempotency_conflict', message: 'Mã phiếu đã tồn tại với nội dung khác', messageEn: 'Same id, different content' }],
    );
  }
  return { created: inserted, response: row };
}
