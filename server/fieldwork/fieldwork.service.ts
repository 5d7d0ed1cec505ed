import type { Kysely } from 'kysely';
import type { AuthUser } from '../auth/auth-user';
import { visibleProvinces } from '../auth/province-scope';
import type { Database, ResponseChannel } from '../db/database';
import { listProvinces } from '../geography/geography.repository';
import { invitationCountsByCommune } from '../invitations/invitations.repository';
import { paperCounts } from '../paper/paper-verify.service';
import { statementNames } from '../surveys/index-definition';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requireWave } from '../waves/require-wave';
import { exclusionReasons, listResponseSignals, listTargets, type ResponseSignalRow } from './fieldwork.repository';
import { reviewQuality, type QualityFlag } from './quality-flags';
import type { QualityPolicy } from './quality-policy';
import type * as Wire from '../../contracts/fieldwork';

/** The report as built here, with Dates; `res.json` sends them as the strings of `contracts/fieldwork`. */
export type Progress = Wire.Progress<Date>;
export type UnitProgress = Wire.UnitProgress<Date>;
export type ProvinceProgress = Wire.ProvinceProgress<Date>;
export type FlaggedResponse = Wire.FlaggedResponse<Date>;
export type FieldworkReport = Wire.FieldworkReport<Date>;

const CHANNELS: ResponseChannel[] = ['web', 'phone', 'kiosk', 'paper'];
const FLAGS: QualityFlag[] = ['speeder', 'straight_lining', 'device_burst'];
/** One collator for every sort: `localeCompare(…, 'vi')` builds one per call (seconds over a wave's 4,000 communes). */
const VIETNAMESE = new Intl.Collator('vi');
/** The flagged list shows at most this many responses, newest first; the counts cover them all. */
export const FLAGGED_LIST_LIMIT = 500;


function emptyProgress(target: number | null): Progress {
  return {
    received: 0, complete: 0, excluded: 0, notSampled: 0, target, lastReceivedAt: null,
    channels: { web: 0, phone: 0, kiosk: 0, paper: 0 }, flags: { speeder: 0, straight_lining: 0, device_burst: 0 }, refusedCodes: 0,
  };
}

function add(p: Progress, r: ResponseSignalRow, flags: readonly QualityFlag[]): void {
  p.received++;
  if (r.status === 'complete') p.complete++;
  else p.excluded++;
  if (!r.sampled) p.notSampled++;
  if (!p.lastReceivedAt || r.received_at > p.lastReceivedAt) p.lastReceivedAt = r.received_at;
  p.channels[r.channel]++;
  for (const f of flags) p.flags[f]++;
}

function addInto(total: Progress, part: Progress): void {
  total.received += part.received;
  total.complete += part.complete;
  total.excluded += part.excluded;
  total.notSampled += part.notSampled;
  if (part.target !== null) total.target = (total.target ?? 0) + part.target;
  if (part.lastReceivedAt && (!total.lastReceivedAt || part.lastReceivedAt > total.lastReceivedAt)) total.lastReceivedAt = part.lastReceivedAt;
  for (const c of CHANNELS) total.channels[c] += part.channels[c];
  for (const f of FLAGS) total.flags[f] += part.flags[f];
  total.refusedCodes += part.refusedCodes;
}

/**
 * The fieldwork monitor of a wave: per province and per commune (or service point) the responses received
 * against the plan's target, the share complete, the last arrival, the channel mix and the quality flags,
 * and the flagged responses themselves. Flags are judged over the whole wave (the median duration is the
 * wave's); province officials see their own provinces only.
 */
export async function fieldworkReport(
  deps: { db: Kysely<Database>; questionnaires: QuestionnaireCache }, waveId: string, user: AuthUser, policy: QualityPolicy,
): Promise<FieldworkReport> {
  const wave = await requireWave(deps.db, waveId);
  const { plan } = await deps.questionnaires.get(wave.survey_version_id);
  const household = wave.design !== 'service_point';
  const [signals, targets, invitations, provinceNames, points, paper] = await Promise.all([
    listResponseSignals(deps.db, wave.id, statementNames(plan.indexDefinition)),
    household ? listTargets(deps.db, wave.id) : Promise.resolve([]),
    household ? invitationCountsByCommune(deps.db, wave.id) : Promise.resolve(new Map<string, { refused: number }>()),
    listProvinces(deps.db, wave.geography_code),
    household ? Promise.resolve([]) : deps.db.selectFrom('service_points').select(['code', 'name_vi']).execute(),
    household ? paperCounts(deps, wave.id, user) : Promise.resolve([]),
  ]);
  const review = reviewQuality(signals.map((s) => ({
    id: s.id, durationMs: s.duration_ms, deviceId: s.device_id, answeredAt: s.answered_at,
    ratingCount: s.rating_count, distinctRatings: s.distinct_ratings,
  })), policy);

  const visible = visibleProvinces(user, wave.geography_code);
  const shown = (code: string) => visible === 'all' || visible.includes(code);
  const provinceName = new Map(provinceNames.map((p) => [p.code, p.nameVi]));
  const unitName = new Map<string, string>([
    ...targets.map((t) => [t.commune_code, t.name_vi] as const),
    ...points.map((p) => [p.code, p.name_vi] as const),
  ]);
  const provinces = new Map<string, ProvinceProgress>();
  const provinceOf = (code: string) => {
    let p = provinces.get(code);
    if (!p) provinces.set(code, (p = { code, nameVi: provinceName.get(code) ?? code, units: [], ...emptyProgress(null) }));
    return p;
  };
  const units = new Map<string, UnitProgress>();
  const unitOf = (province: string, code: string, target: number | null) => {
    const key = `${province}|${code}`;
    let u = units.get(key);
    if (!u) {
      u = { code, province, nameVi: unitName.get(code) ?? (code === '' ? '—' : code), ...emptyProgress(target) };
      u.refusedCodes = invitations.get(code)?.refused ?? 0;
      units.set(key, u);
      provinceOf(province).units.push(u);
    }
    return u;
  };
  for (const t of targets) if (shown(t.province_code)) unitOf(t.province_code, t.commune_code, t.target);
  const flagged: FlaggedResponse[] = [];
  for (const r of signals) {
    if (!shown(r.province_code)) continue;
    const flags = review.flags.get(r.id) ?? [];
    add(unitOf(r.province_code, r.unit ?? '', null), r, flags);
    if (flags.length) {
      flagged.push({
        id: r.id, province: r.province_code, unit: r.unit, channel: r.channel, receivedAt: r.received_at,
        durationMs: r.duration_ms, status: r.status, exclusionReason: r.exclusion_reason, flags,
      });
    }
  }
  const totals = emptyProgress(null);
  for (const p of provinces.values()) {
    p.units.sort((a, b) => VIETNAMESE.compare(a.nameVi, b.nameVi));
    for (const u of p.units) addInto(p, u);
    addInto(totals, p);
  }
  flagged.reverse();
  const listed = flagged.slice(0, FLAGGED_LIST_LIMIT);
  const reasons = await exclusionReasons(deps.db, listed.filter((f) => f.status === 'excluded').map((f) => f.id));
  for (const f of listed) f.exclusionReason = reasons.get(f.id) ?? null;
  return {
    wave: { id: wave.id, titleVi: wave.title_vi, titleEn: wave.title_en, design: wave.design, status: wave.status, geography: wave.geography_code },
    unitKind: household ? 'commune' : 'service_point',
    policy,
    medianDurationMs: review.medianDurationMs,
    totals,
    provinces: [...provinces.values()].sort((a, b) => a.code.localeCompare(b.code)),
    flagged: listed,
    flaggedCount: flagged.length,
    paper,
  };
}
