import { communeGeography } from '../geography/commune-geography';
import { createHash, randomInt } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { Database, SampleFrameUnitsTable, Stratification } from '../db/database';
import { ValidationError } from '../errors/app-error';
import type { GeographyCache } from '../geography/geography.cache';
import { listCommunes, listProvinces, upsertCommunes } from '../geography/geography.repository';
import { countUsedInvitations } from '../invitations/invitations.repository';
import { requireWave } from '../waves/require-wave';
import type { Wave } from '../waves/waves.repository';
import { communeTarget } from './design-weight';
import { parseFrameCsv } from './frame-csv';
import { fieldworkStarted, noFrame, notHouseholdWave } from './sample-plan.errors';
import { findPlan, listFrameUnits, replaceFrame, saveDraw, type SamplePlan } from './sample-plans.repository';
import { seededRandom } from './seeded-random';
import { stratumOf } from './stratum';
import { drawSystematicPps } from './systematic-pps';

export interface SamplingDeps { db: Kysely<Database>; geography: GeographyCache }

export interface DrawOptions {
  stratification: Stratification;
  communesPerStratum: number;
  respondentsPerCommune: number;
  /** 0 to 2³²−1. @default a random seed, recorded with the plan */
  seed?: number;
}

export async function householdWave(db: Kysely<Database>, waveId: string): Promise<Wave> {
  const wave = await requireWave(db, waveId);
  if (wave.design !== 'household') throw notHouseholdWave(wave.design);
  return wave;
}

async function assertNotInField(db: Kysely<Database>, waveId: string): Promise<void> {
  if ((await countUsedInvitations(db, waveId)) > 0) throw fieldworkStarted();
}

async function frameContext(db: Kysely<Database>, geography: string) {
  const [provinces, communes] = await Promise.all([
    listProvinces(db, geography),
    listCommunes(db, geography),
  ]);
  const provinceSet = new Set(provinces.map((p) => p.code));
  const communeProvince = new Map(communes.map((c) => [c.code, c.provinceCode]));
  return { isProvince: (code: string) => provinceSet.has(code), provinceOfKnownCommune: (code: string) => communeProvince.get(code) };
}

/**
 * Replaces a household wave's sampling frame with an uploaded CSV, checked whole first: nothing is stored
 * when any row is bad. An earlier draw and its invitations go with the old frame; once any invitation has
 * been used the frame is frozen.
 */
export async function uploadFrame(deps: SamplingDeps, waveId: string, csv: string, actor: AuditActor): Promise<SamplePlan> {
  const wave = await householdWave(deps.db, waveId);
  await assertNotInField(deps.db, wave.id);
  const { units, issues } = parseFrameCsv(csv, await frameContext(deps.db, communeGeography(wave)));
  if (issues.length) throw new ValidationError(issues, 'Khung mẫu có dòng không hợp lệ; chưa có gì được lưu', 'The frame has invalid rows; nothing was stored');
  const checksum = createHash('sha256').update(csv).digest('hex');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await replaceFrame(trx, wave.id, checksum, actor.actorId, units.map((u) => ({
      wave_id: wave.id, commune_code: u.communeCode, province_code: u.provinceCode, name_vi: u.nameVi,
      urban_rural: u.urbanRural, adult_population: u.adultPopulation, frame_line: u.line,
    })));
    await recordAudit(trx, { ...actor, action: 'sample_frame_uploaded', target: `wave:${wave.id}`, details: { units: units.length, checksum } });
    return plan;
  });
}

/**
 * Draws the sample: in each stratum, `communesPerStratum` communes by systematic PPS on adult population
 * (certainty units first), from a generator seeded with the plan's seed and the stratum's label, so the
 * same seed redraws the same sample and one stratum's draw does not depend on the others. Every unit's π
 * is stored; selected communes get their target and join the wave geography's commune list.
 */
export async function drawSample(deps: SamplingDeps, waveId: string, options: DrawOptions, actor: AuditActor): Promise<SamplePlan> {
  const wave = await householdWave(deps.db, waveId);
  if (!(await findPlan(deps.db, wave.id))) throw noFrame();
  await assertNotInField(deps.db, wave.id);
  const seed = options.seed ?? randomInt(0, 2 ** 32);
  const frame = await listFrameUnits(deps.db, wave.id);

  const strata = new Map<string, typeof frame>();
  for (const unit of frame) {
    const stratum = stratumOf(options.stratification, unit.province_code, unit.urban_rural);
    const members = strata.get(stratum);
    if (members) members.push(unit);
    else strata.set(stratum, [unit]);
  }
  const drawn: Insertable<SampleFrameUnitsTable>[] = [];
  for (const [stratum, units] of strata) {
    const selections = drawSystematicPps(
      units.map((u) => ({ id: u.commune_code, size: u.adult_population })),
      options.communesPerStratum,
      seededRandom(`${seed}:${stratum}`),
    );
    units.forEach((u, k) => {
      const s = selections[k];
      drawn.push({
        ...u, stratum, inclusion_probability: s.probability, certainty: s.certainty, selected: s.selected,
        target: s.selected ? communeTarget(options.respondentsPerCommune, u.adult_population) : null,
      });
    });
  }
  drawn.sort((a, b) => a.frame_line - b.frame_line);
  const selected = drawn.filter((u) => u.selected);

  const plan = await deps.db.transaction().execute(async (trx) => {
    const stored = await saveDraw(trx, wave.id, { ...options, seed, drawnBy: actor.actorId }, drawn);
    await upsertCommunes(trx, communeGeography(wave), selected.map((u) => ({
      code: u.commune_code, provinceCode: u.province_code, nameVi: u.name_vi, urbanRural: u.urban_rural,
    })));
    await recordAudit(trx, {
      ...actor, action: 'sample_drawn', target: `wave:${wave.id}`,
      details: { seed, stratification: options.stratification, communesPerStratum: options.communesPerStratum,
        respondentsPerCommune: options.respondentsPerCommune, strata: strata.size, selected: selected.length },
    });
    return stored;
  });
  deps.geography.invalidate(communeGeography(wave));
  return plan;
}
