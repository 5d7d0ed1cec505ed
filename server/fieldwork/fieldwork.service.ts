import type { Kysely } from 'kysely';
import type { AuthUser } from '../auth/auth-user';
import { visibleProvinces } from '../auth/province-scope';
import type { Database, ResponseChannel } from '../db/database';
import { listProvinces } from '../geography/geography.repository';
import { paperCounts } from '../paper/paper-verify.service';
import { statementNames } from '../surveys/index-definition';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requireWave } from '../waves/require-wave';
import {
  countFlagged, deviceSignals, exclusionReasons, listTargets, medianDuration, newestFlagged, prepareSignals, refusalsByCommune, unitCounts,
  type FlagRules,
} from './fieldwork.repository';
import { burstMembers, type QualityFlag } from './quality-flags';
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
 * wave's, a device's burst counts all its responses); province officials see their own provinces only.
 *
 * Counted in the database (response_monitor, migration 0015, grouped by commune) so that a wave of 40,000
 * responses never crosses to the application: only the responses of devices that sent `burstSize` or more
 * are read, for the burst rule, and the newest flagged ones for the list.
 */
export async function fieldworkReport(
  deps: { db: Kysely<Database>; questionnaires: QuestionnaireCache }, waveId: string, user: AuthUser, policy: QualityPolicy,
): Promise<FieldworkReport> {
  const { db } = deps;
  const wave = await requireWave(db, waveId);
  const { plan } = await deps.questionnaires.get(wave.survey_version_id);
  const household = wave.design !== 'service_point';
  const visible = visibleProvinces(user, wave.geography_code);
  const shown = (code: string) => visible === 'all' || visible.includes(code);
  await prepareSignals(db, wave.id, statementNames(plan.indexDefinition));
  const medianDurationMs = await medianDuration(db, wave.id);
  const rules: FlagRules = {
    speederUnderMs: medianDurationMs === null ? null : policy.speederShare * medianDurationMs,
    straightLineMinItems: policy.straightLineMinItems,
  };
  const [counts, devices, flaggedByRules, targets, refusals, provinceNames, points, paper] = await Promise.all([
    unitCounts(db, wave.id, visible, rules),
    deviceSignals(db, wave.id, policy.burstSize, rules),
    countFlagged(db, wave.id, visible, rules),
    household ? listTargets(db, wave.id) : Promise.resolve([]),
    household ? refusalsByCommune(db, wave.id) : Promise.resolve(new Map<string, number>()),
    listProvinces(db, wave.geography_code),
    household ? Promise.resolve([]) : db.selectFrom('service_points').select(['code', 'name_vi']).execute(),
    household ? paperCounts(deps, wave.id, user) : Promise.resolve([]),
  ]);
  const bursts = burstMembers(devices.map((d) => ({ id: d.id, deviceId: d.device_id, answeredAt: d.answered_at })), policy);

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
      u.refusedCodes = refusals.get(code) ?? 0;
      units.set(key, u);
      provinceOf(province).units.push(u);
    }
    return u;
  };
  for (const t of targets) if (shown(t.province_code)) unitOf(t.province_code, t.commune_code, t.target);
  for (const c of counts) {
    const u = unitOf(c.province_code, c.unit ?? '', null);
    u.received += c.received;
    u.complete += c.complete;
    u.excluded += c.received - c.complete;
    u.notSampled += c.not_sampled;
    if (c.last_ms !== null) {
      const last = new Date(Number(c.last_ms));
      if (!u.lastReceivedAt || last > u.lastReceivedAt) u.lastReceivedAt = last;
    }
    for (const ch of CHANNELS) u.channels[ch] += c[ch];
    u.flags.speeder += c.speeder;
    u.flags.straight_lining += c.straight_lining;
  }
  let flaggedCount = flaggedByRules;
  const burstIds: string[] = [];
  for (const d of devices) {
    if (!bursts.has(d.id) || !shown(d.province_code)) continue;
    burstIds.push(d.id);
    unitOf(d.province_code, d.unit ?? '', null).flags.device_burst++;
    if (!d.speeder && !d.straight_lining) flaggedCount++;
  }
  const totals = emptyProgress(null);
  for (const p of provinces.values()) {
    p.units.sort((a, b) => VIETNAMESE.compare(a.nameVi, b.nameVi));
    for (const u of p.units) addInto(p, u);
    addInto(totals, p);
  }
  const newest = await newestFlagged(db, wave.id, visible, rules, burstIds, FLAGGED_LIST_LIMIT);
  const listed: FlaggedResponse[] = newest.map((r) => ({
    id: r.id, province: r.province_code, unit: r.unit, channel: r.channel, receivedAt: r.received_at,
    durationMs: r.duration_ms, status: r.status, exclusionReason: null,
    flags: FLAGS.filter((f) => (f === 'speeder' ? r.speeder : f === 'straight_lining' ? r.straight_lining : bursts.has(r.id))),
  }));
  const reasons = await exclusionReasons(db, listed.filter((f) => f.status === 'excluded').map((f) => f.id));
  for (const f of listed) f.exclusionReason = reasons.get(f.id) ?? null;
  return {
    wave: { id: wave.id, titleVi: wave.title_vi, titleEn: wave.title_en, design: wave.design, status: wave.status, geography: wave.geography_code },
    unitKind: household ? 'commune' : 'service_point',
    policy,
    medianDurationMs,
    totals,
    provinces: [...provinces.values()].sort((a, b) => a.code.localeCompare(b.code)),
    flagged: listed,
    flaggedCount,
    paper,
  };
}
