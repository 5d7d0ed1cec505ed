import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { SyntheticFrameUnit } from './synthetic-wave';

const CHUNK = 500;

/**
 * Stores a synthetic wave's "PPS communes" plan: its whole frame (province × urban/rural strata), the
 * communes drawn with their π and targets, as drawn by the generator with the wave's seed. The allocation
 * is proportional to each stratum, so the plan has no single number of communes per stratum or respondents
 * per commune (both null). No invitations: the demo's respondents answered on paper.
 */
export async function insertDemoSamplePlan(trx: Transaction<Database>, waveId: string, seed: number, frame: readonly SyntheticFrameUnit[]): Promise<void> {
  const checksum = createHash('sha256').update(JSON.stringify(frame)).digest('hex');
  await trx.insertInto('sample_plans').values({
    wave_id: waveId, frame_checksum: checksum, frame_uploaded_by: null, stratification: 'province_urban_rural',
    communes_per_stratum: null, respondents_per_commune: null, seed, drawn_at: new Date(), drawn_by: null,
  }).execute();
  for (let i = 0; i < frame.length; i += CHUNK) {
    await trx.insertInto('sample_frame_units').values(frame.slice(i, i + CHUNK).map((u, j) => ({
      wave_id: waveId, commune_code: u.code, province_code: u.provinceCode, name_vi: u.nameVi, urban_rural: u.urbanRural,
      adult_population: u.adults, frame_line: i + j + 1, stratum: u.stratum, inclusion_probability: u.pi,
      certainty: u.pi === 1, selected: u.selected, target: u.target,
    }))).execute();
  }
}
