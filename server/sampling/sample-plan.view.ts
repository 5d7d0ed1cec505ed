import type { Kysely } from 'kysely';
import type { AuthUser } from '../auth/auth-user';
import { visibleProvinces } from '../auth/province-scope';
import type { Database } from '../db/database';
import { listProvinces } from '../geography/geography.repository';
import { countUsedInvitations, invitationCountsByCommune } from '../invitations/invitations.repository';
import { householdDesignWeight } from './design-weight';
import { householdWave } from './sample-plans.service';
import { findPlan, listFrameUnits } from './sample-plans.repository';
import type { StratumSummary } from '../../contracts/sample-plan';
export type { StratumSummary } from '../../contracts/sample-plan';

/**
 * What the sample page shows: the frame, the draw (options, seed, per-stratum counts) and every selected
 * commune with its π, target, design weight and invitations. Province officials see their provinces only.
 */
export async function describePlan(db: Kysely<Database>, waveId: string, user: AuthUser) {
  const wave = await householdWave(db, waveId);
  const plan = await findPlan(db, wave.id);
  const visible = visibleProvinces(user, wave.geography_code);
  const waveInfo = { id: wave.id, titleVi: wave.title_vi, titleEn: wave.title_en, geography: wave.geography_code, status: wave.status };
  if (!plan) return { wave: waveInfo, plan: null, strata: [], communes: [] };

  const [units, invitations, used, provinceNames] = await Promise.all([
    listFrameUnits(db, wave.id, visible === 'all' ? {} : { provinces: visible }),
    invitationCountsByCommune(db, wave.id),
    countUsedInvitations(db, wave.id),
    listProvinces(db, wave.geography_code),
  ]);
  const provinceName = new Map(provinceNames.map((p) => [p.code, p.nameVi]));
  const strata = new Map<string, StratumSummary>();
  for (const u of units) {
    const key = u.stratum ?? u.province_code;
    let s = strata.get(key);
    if (!s) strata.set(key, (s = { stratum: key, province: u.province_code, units: 0, population: 0, selected: 0, certainty: 0, sumProbabilities: 0, target: 0 }));
    s.units++;
    s.population += u.adult_population;
    s.sumProbabilities += u.inclusion_probability ?? 0;
    if (u.selected) {
      s.selected++;
      s.target += u.target ?? 0;
      if (u.certainty) s.certainty++;
    }
  }
  const communes = units.filter((u) => u.selected).map((u) => ({
    code: u.commune_code,
    nameVi: u.name_vi,
    province: u.province_code,
    provinceNameVi: provinceName.get(u.province_code) ?? u.province_code,
    stratum: u.stratum,
    urbanRural: u.urban_rural,
    adultPopulation: u.adult_population,
    probability: u.inclusion_probability,
    certainty: u.certainty,
    target: u.target,
    designWeight: householdDesignWeight({ probability: u.inclusion_probability!, population: u.adult_population, target: u.target! }),
    invitations: invitations.get(u.commune_code) ?? { issued: 0, used: 0, lastIssuedAt: null, refused: 0 },
  }));
  return {
    wave: waveInfo,
    plan: {
      frameChecksum: plan.frame_checksum,
      frameUploadedAt: plan.frame_uploaded_at,
      frameUnits: units.length,
      framePopulation: units.reduce((n, u) => n + u.adult_population, 0),
      stratification: plan.stratification,
      communesPerStratum: plan.communes_per_stratum,
      respondentsPerCommune: plan.respondents_per_commune,
      seed: plan.seed === null ? null : Number(plan.seed),
      drawnAt: plan.drawn_at,
      usedInvitations: used,
      /** Once a code is used, the frame and the draw are frozen: the stored weights came from them. */
      frozen: used > 0,
    },
    strata: [...strata.values()].sort((a, b) => a.stratum.localeCompare(b.stratum)),
    communes,
  };
}

