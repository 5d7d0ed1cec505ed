import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { hashPassword } from '../auth/password';
import { findUserByUsername, insertUser } from '../auth/users.repository';
import type { Database } from '../db/database';
import { runEstimation } from '../estimation-runs/runs.service';
import { DEMO_GEOGRAPHIES } from '../geography/commune-geography';
import { upsertCommunes } from '../geography/geography.repository';
import { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { seedSurveys } from '../surveys/surveys.seed';
import { findWave, insertWave } from '../waves/waves.repository';
import { insertDemoSamplePlan } from './demo-sample-plan';
import { generateSyntheticWave, type SyntheticProvince } from './synthetic-wave';

export const DEMO_ANALYST = 'demo-analyst';

export interface DemoWaveSpec { id: string; year: number; geography: 'vn-63' | 'vn-34'; shift: number; seed: number }

/** A 2023 wave on the 63 provinces and a 2025 wave on the 34 units, the later one a little more satisfied. */
export const DEMO_WAVES: readonly DemoWaveSpec[] = [
  { id: 'demo-2023', year: 2023, geography: 'vn-63', shift: 0, seed: 2023 },
  { id: 'demo-2025', year: 2025, geography: 'vn-34', shift: 0.15, seed: 2025 },
];

export interface DemoOptions {
  /** Respondents per wave. @default 40000 */
  respondents?: number;
  onProgress?: (step: string, fraction: number) => void;
}

export interface DemoResult {
  waves: { id: string; created: boolean; responses: number; runIds: string[] }[];
  /** Set only when this call created the analyst account; the password is shown once and never stored. */
  analyst: { username: string; password: string } | null;
}

/**
 * Population of each unit: the 34 units carry the reorganisation's figures; an old province gets a share
 * of its successor's, split by a fixed pseudo-random factor (the data are synthetic either way).
 */
async function populations(db: Kysely<Database>, geography: 'vn-63' | 'vn-34'): Promise<SyntheticProvince[]> {
  const current = await db.selectFrom('provinces').select(['code', 'population', 'is_city'])
    .where('geography_code', '=', 'vn-34').execute();
  const populationOf = new Map(current.map((p) => [p.code, Number(p.population ?? 1_000_000)]));
  if (geography === 'vn-34') return current.map((p) => ({ code: p.code, population: populationOf.get(p.code)!, isCity: p.is_city }));
  const old = await db.selectFrom('provinces').select(['code', 'successor_code', 'is_city'])
    .where('geography_code', '=', 'vn-63').orderBy('code').execute();
  const factor = (code: string) => 0.6 + ((Number(code) * 37) % 80) / 100;
  const shareTotal = new Map<string, number>();
  for (const p of old) shareTotal.set(p.successor_code!, (shareTotal.get(p.successor_code!) ?? 0) + factor(p.code));
  return old.map((p) => ({
    code: p.code,
    population: Math.round((populationOf.get(p.successor_code!)! * factor(p.code)) / shareTotal.get(p.successor_code!)!),
    isCity: p.is_city,
  }));
}

const INSERT_CHUNK = 5000;

/**
 * The demo's own geography version for `geography` (issue #14): the real provinces copied, so the synthetic
 * communes never enter the version a real wave uses. Idempotent.
 */
async function ensureDemoGeography(db: Kysely<Database> | Transaction<Database>, geography: 'vn-63' | 'vn-34'): Promise<string> {
  const demo = DEMO_GEOGRAPHIES[geography];
  await db.insertInto('geography_versions').values({ code: demo.code, name_vi: demo.nameVi, name_en: demo.nameEn, effective_from: null })
    .onConflict((oc) => oc.column('code').doNothing()).execute();
  await db.insertInto('provinces').columns(['geography_code', 'code', 'name_vi', 'name_en', 'region_vi', 'is_city', 'successor_code', 'population'])
    .expression((eb) => eb.selectFrom('provinces')
      .select((s) => [s.val(demo.code).as('geography_code'), 'code', 'name_vi', 'name_en', 'region_vi', 'is_city', 'successor_code', 'population'])
      .where('geography_code', '=', geography))
    .onConflict((oc) => oc.columns(['geography_code', 'code']).doNothing()).execute();
  return demo.code;
}

/**
 * Stores one synthetic wave — its responses, margins and sample plan — without estimating it. The benches
 * use it to set up a wave of a given size; createDemo adds the runs and the analyst.
 */
export async function createDemoWave(db: Kysely<Database>, spec: DemoWaveSpec, respondents: number, progress?: DemoOptions['onProgress']): Promise<number> {
  const versions = await seedSurveys(db);
  return createWave(db, spec, versions.get('sipas-2023')!, respondents, progress);
}

async function createWave(db: Kysely<Database>, spec: DemoWaveSpec, versionId: number, respondents: number, progress: DemoOptions['onProgress']) {
  const wave = generateSyntheticWave({ provinces: await populations(db, spec.geography), year: spec.year, respondents, seed: spec.seed, shift: spec.shift });
  await db.transaction().execute(async (trx) => {
    await insertWave(trx, {
      id: spec.id, surveyVersionId: versionId, year: spec.year, geographyCode: spec.geography,
      titleVi: `SIPAS ${spec.year} — dữ liệu mô phỏng`, titleEn: `SIPAS ${spec.year} — synthetic data`,
      design: 'household', status: 'closed', isSynthetic: true,
    });
    await upsertCommunes(trx, await ensureDemoGeography(trx, spec.geography), wave.communes);
    // One statement per chunk of a few thousand rows, passed as one JSON parameter (issue #17): a row of
    // VALUES per response cost ~15 bound parameters each and most of the demo's time on PGlite.
    for (let i = 0; i < wave.responses.length; i += INSERT_CHUNK) {
      const rows = wave.responses.slice(i, i + INSERT_CHUNK).map((r) => ({
        id: r.id, province_code: r.provinceCode, commune_code: r.communeCode, stratum: r.stratum, psu: r.psu,
        answers: r.answers, started_at: r.startedAt.toISOString(), submitted_at: r.submittedAt.toISOString(),
        duration_ms: r.submittedAt.getTime() - r.startedAt.getTime(), base_weight: r.baseWeight,
      }));
      await sql`insert into responses (id, wave_id, survey_version_id, province_code, commune_code, stratum, psu, channel,
          device_id, answers, content_hash, started_at, submitted_at, duration_ms, base_weight)
        select r.id, ${spec.id}, ${versionId}::integer, r.province_code, r.commune_code, r.stratum, r.psu, 'paper', null, r.answers,
          'synthetic:' || r.id, r.started_at, r.submitted_at, r.duration_ms, r.base_weight
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, province_code text, commune_code text,
          stratum text, psu text, answers jsonb, started_at timestamptz, submitted_at timestamptz, duration_ms integer,
          base_weight double precision)`.execute(trx);
      progress?.(`${spec.id}: phiếu trả lời/responses`, Math.min(1, (i + INSERT_CHUNK) / wave.responses.length));
    }
    await trx.insertInto('wave_margins').values(wave.margins.map((m) => ({
      wave_id: spec.id, variable: m.variable, province_code: m.province, level: m.level, total: m.total,
    }))).execute();
    await insertDemoSamplePlan(trx, spec.id, spec.seed, wave.frame);
  });
  return wave.responses.length;
}

/**
 * Creates the synthetic demonstration waves with a stored estimation run each (and the 2023 wave also on
 * the 34 units), plus an analyst account. Waves that already exist are left as they are.
 */
export async function createDemo(db: Kysely<Database>, options: DemoOptions = {}): Promise<DemoResult> {
  const versions = await seedSurveys(db);
  const questionnaires = new QuestionnaireCache(db);
  const result: DemoResult = { waves: [], analyst: null };
  for (const spec of DEMO_WAVES) {
    if (await findWave(db, spec.id)) {
      result.waves.push({ id: spec.id, created: false, responses: 0, runIds: [] });
      continue;
    }
    const responses = await createWave(db, spec, versions.get('sipas-2023')!, options.respondents ?? 40_000, options.onProgress);
    const runIds: string[] = [];
    for (const geography of spec.geography === 'vn-63' ? ['vn-63', 'vn-34'] as const : ['vn-34'] as const) {
      options.onProgress?.(`${spec.id}: ước lượng/estimating ${geography}`, 0);
      const { run } = await runEstimation({ db, questionnaires }, { waveId: spec.id, geography, startedBy: null });
      runIds.push(run.id);
      options.onProgress?.(`${spec.id}: ước lượng/estimating ${geography}`, 1);
    }
    result.waves.push({ id: spec.id, created: true, responses, runIds });
  }
  if (!(await findUserByUsername(db, DEMO_ANALYST))) {
    const password = randomBytes(12).toString('base64url');
    await insertUser(db, {
      username: DEMO_ANALYST, displayName: 'Chuyên viên phân tích (mô phỏng)', role: 'analyst', scope: null,
      passwordHash: await hashPassword(password),
    });
    result.analyst = { username: DEMO_ANALYST, password };
  }
  return result;
}
