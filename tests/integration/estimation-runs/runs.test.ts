import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../server/db/database';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { loginAs, type LoggedInAgent } from '../../support/users';
import { createWave } from '../../support/waves';
import { disagreements } from '../../unit/estimation/compare-to-r';
import { readFixtureTable } from '../../unit/estimation/fixtures';

const FIXTURE = 'sipas-2024-small';
const STATEMENTS = ['overall', 'q_access_1', 'q_access_2', 'q_access_3', 'q_access_4', 'q_procedure_1', 'q_procedure_2',
  'q_procedure_3', 'q_procedure_4', 'q_staff_1', 'q_staff_2', 'q_staff_3', 'q_staff_4', 'q_staff_5', 'q_result_1',
  'q_result_2', 'q_result_3', 'q_feedback_1', 'q_feedback_2', 'q_feedback_3'];
const FIGURES = ['sum_w', 'p_unweighted', 'p', 'se', 'ci_xlogit_lo', 'ci_xlogit_hi', 'ci_kg_lo', 'ci_kg_hi', 'deff', 'kish_deff', 'kish_neff'];

/** A stable UUID from a fixture respondent id. */
function uuidOf(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Stores the R fixture's respondents as responses of a wave, with its design and margins. */
async function loadFixtureIntoWave(db: Kysely<Database>, waveId: string, versionId: number) {
  const micro = readFixtureTable(FIXTURE, 'microdata.csv');
  const rows = micro.map((r) => ({
    id: uuidOf(r.respondent_id), wave_id: waveId, survey_version_id: versionId, province_code: r.province_code,
    commune_code: r.psu, stratum: r.stratum, psu: r.psu, channel: 'paper' as const, device_id: null,
    answers: JSON.stringify({
      sex: r.sex, age_group: r.age_group,
      ...Object.fromEntries(STATEMENTS.filter((s) => r[s] !== '').map((s) => [s, Number(r[s])])),
    }),
    content_hash: r.respondent_id, base_weight: Number(r.weight),
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('responses').values(rows.slice(i, i + 1000)).execute();
  const margins = readFixtureTable(FIXTURE, 'margins.csv').map((m) => ({
    wave_id: waveId, variable: m.margin as 'sex' | 'age_group', province_code: m.province_code, level: m.level, total: Number(m.total),
  }));
  await db.insertInto('wave_margins').values(margins).execute();
  return micro.length;
}

describe.each(testDatabases)('estimation runs on stored responses on $name', (target) => {
  let app: TestApp;
  let wave: string;
  let analyst: LoggedInAgent;
  let respondents: number;

  beforeAll(async () => {
    app = await startTestApp(target);
    const created = await createWave(app.db, { year: 2024, status: 'closed' });
    wave = created.id;
    respondents = await loadFixtureIntoWave(app.db, wave, created.survey_version_id);
    analyst = await loginAs(app.url, app.db, { role: 'analyst' });
  });
  afterAll(() => app?.close());

  it('when an analyst starts a run without choosing the variance, then it stores JKn design_jkn and raked_jkn rows that reproduce R’s replicate figures', async () => {
    const res = await analyst.post(`/api/waves/${wave}/runs`, {});
    expect(res.status).toBe(201);
    const { run } = await res.json();
    expect(run.schemes).toEqual(['design_jkn', 'raked_jkn']);
    expect(run.parameters).toMatchObject({ variance: 'jkn' });
    const stored = await (await analyst.get(`/api/runs/${run.id}`)).json();
    const byKey = new Map(stored.results.map((r: Record<string, unknown>) => [`${r.scheme} ${r.domain_type} ${r.domain} ${r.indicator}`, r]));
    const reference = readFixtureTable(FIXTURE, 'reference-jkn.csv').filter((r) => r.domain_type !== 'sex');
    expect(reference.length).toBe(2 * 6 * 64);
    const problems = reference.flatMap((r) => {
      const label = `${r.scheme} ${r.domain_type} ${r.domain} ${r.indicator}`;
      return disagreements(label, r, byKey.get(label) as Record<string, unknown> | undefined, ['n', 'df', 'p', 'se', 'ci_xlogit_lo', 'ci_xlogit_hi']);
    });
    expect(problems).toEqual([]);
  });

  it('when an analyst asks for both variances, then the run stores the linearised schemes and the JKn ones beside them, with the same points', async () => {
    const res = await analyst.post(`/api/waves/${wave}/runs`, { variance: 'both' });
    expect(res.status).toBe(201);
    const { run } = await res.json();
    expect(run.schemes).toEqual(['design', 'raked', 'design_jkn', 'raked_jkn']);
    const { results } = await (await analyst.get(`/api/runs/${run.id}`)).json() as { results: { scheme: string; domain_type: string; domain: string; indicator: string; p: number | null; se: number | null }[] };
    const of = (scheme: string) => new Map(results.filter((r) => r.scheme === scheme).map((r) => [`${r.domain_type} ${r.domain} ${r.indicator}`, r]));
    const [raked, jkn] = [of('raked'), of('raked_jkn')];
    expect(jkn.size).toBe(raked.size);
    for (const [key, row] of raked) expect(jkn.get(key)!.p).toBe(row.p);
    // The national raked JKn standard errors are larger than the linearised ones (issue #19), not equal.
    expect(jkn.get('national NATIONAL overall')!.se).toBeGreaterThan(raked.get('national NATIONAL overall')!.se!);
  });

  it('when an analyst asks for linearised variance, then the stored design and raked results reproduce R survey on every national and province row', async () => {
    const res = await analyst.post(`/api/waves/${wave}/runs`, { variance: 'linearisation' });
    expect(res.status).toBe(201);
    const { run } = await res.json();
    expect(run).toMatchObject({
      wave, geography: 'vn-63', schemes: ['design', 'raked'], respondentCount: respondents, status: 'succeeded',
      inputFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), marginsFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      codeVersion: expect.stringMatching(/^\d+\.\d+\.\d+\+engine\.[0-9a-f]{12}$/),
    });

    const stored = await (await analyst.get(`/api/runs/${run.id}`)).json();
    const byKey = new Map(stored.results.map((r: Record<string, unknown>) => [`${r.scheme} ${r.domain_type} ${r.domain} ${r.indicator}`, r]));
    const reference = readFixtureTable(FIXTURE, 'reference-estimates.csv').filter((r) => r.scheme === 'design' || r.scheme === 'raked');
    expect(reference.length).toBe(780);
    const problems = reference.flatMap((r) => {
      const label = `${r.scheme} ${r.domain_type} ${r.domain} ${r.indicator}`;
      const row = byKey.get(label) as Record<string, unknown> | undefined;
      const exact = row && ['n', 'n_psu', 'df'].filter((c) => Number(r[c]) !== row[c]).map((c) => `${label} ${c}`);
      // R has no interval for the mean of provinces, nor Korn–Graubard's where the design effect is undefined
      // (p̂ ∈ {0, 1} or zero variance): the engine's rules for those are tested in tests/unit/estimation.
      const figures = FIGURES.filter(
        (c) =>
          !(r.domain_type === 'national_mean_of_provinces' && c.startsWith('ci_xlogit')) &&
          !(c.startsWith('ci_kg') && r[c] === '' && row && row.ci_kg_lo !== null),
      );
      return [...(exact ?? []), ...disagreements(label, r, row, figures)];
    });
    expect(problems).toEqual([]);
    expect(byKey.has('design sex F overall')).toBe(true);
    expect(byKey.has('raked region Đồng bằng sông Hồng service')).toBe(true);
  });

  it('when the same wave is run again on the same inputs, then the fingerprints are equal', async () => {
    const a = await (await analyst.post(`/api/waves/${wave}/runs`, { schemes: ['design'] })).json();
    const b = await (await analyst.post(`/api/waves/${wave}/runs`, { schemes: ['design'] })).json();
    expect(a.run.inputFingerprint).toBe(b.run.inputFingerprint);
    expect(a.run.id).not.toBe(b.run.id);
    const list = await (await analyst.get(`/api/waves/${wave}/runs`)).json();
    expect(list.runs.length).toBeGreaterThanOrEqual(3);
  });

  it('when a 63-province wave is run on the 34 units, then there are 34 province rows and the national figure is unchanged', async () => {
    const old = await (await analyst.post(`/api/waves/${wave}/runs`, { schemes: ['design'] })).json();
    const res = await analyst.post(`/api/waves/${wave}/runs`, { schemes: ['design'], geography: 'vn-34' });
    expect(res.status).toBe(201);
    const merged = await (await analyst.get(`/api/runs/${(await res.json()).run.id}`)).json();
    const previous = await (await analyst.get(`/api/runs/${old.run.id}`)).json();
    const provinceDomains = new Set(merged.results.filter((r: { domain_type: string }) => r.domain_type === 'province').map((r: { domain: string }) => r.domain));
    expect(provinceDomains.size).toBe(34);
    const national = (rows: Array<Record<string, unknown>>) => rows.find((r) => r.domain_type === 'national' && r.indicator === 'overall');
    expect(national(merged.results)).toEqual(national(previous.results));
  });

  it('when a province official reads a run, then only their own province rows come back with the national ones', async () => {
    const { run } = await (await analyst.post(`/api/waves/${wave}/runs`, { schemes: ['design'] })).json();
    const official = await loginAs(app.url, app.db, { role: 'province_official', province: '22', geography: 'vn-63' });
    const res = await official.get(`/api/runs/${run.id}`);
    expect(res.status).toBe(200);
    const { results } = await res.json();
    const provinces = new Set(results.filter((r: { domain_type: string }) => r.domain_type === 'province').map((r: { domain: string }) => r.domain));
    expect([...provinces]).toEqual(['22']);
    expect(results.some((r: { domain_type: string }) => r.domain_type === 'national')).toBe(true);
    expect((await official.post(`/api/waves/${wave}/runs`, {})).status).toBe(403);
  });

  it('when a request names an unknown scheme, then it is refused naming the field and no run is stored', async () => {
    const before = (await (await analyst.get(`/api/waves/${wave}/runs`)).json()).runs.length;
    const res = await analyst.post(`/api/waves/${wave}/runs`, { schemes: ['magic'] });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0]).toMatchObject({ field: 'schemes.0', rule: 'not_a_choice' });
    expect((await (await analyst.get(`/api/waves/${wave}/runs`)).json()).runs.length).toBe(before);
  });
});
