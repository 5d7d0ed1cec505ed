import { createDemo, DEMO_ANALYST } from '../../../server/demo/demo.service';
import type { DatabaseHandle } from '../../../server/db/connect';
import { verifyPassword } from '../../../server/auth/password';
import { serveApp } from '../../support/app';
import { createMigratedDatabase, testDatabases } from '../../support/databases';
import { responseBody, sipasAnswers } from '../../support/sipas-answers';
import { createWave } from '../../support/waves';

describe.each(testDatabases)('the synthetic demo on $name', (target) => {
  let database: DatabaseHandle;
  beforeAll(async () => { database = await createMigratedDatabase(target); });
  afterAll(async () => { await database.close(); });

  it('when created, then two synthetic waves exist with stored runs on their geographies and an analyst whose password works', async () => {
    const result = await createDemo(database.db, { respondents: 6000 });
    const { db } = database;
    const waves = await db.selectFrom('waves').selectAll().where('is_synthetic', '=', true).orderBy('id').execute();
    expect(waves.map((w) => [w.id, w.geography_code, w.year])).toEqual([['demo-2023', 'vn-63', 2023], ['demo-2025', 'vn-34', 2025]]);
    const runs = await db.selectFrom('estimation_runs').select(['wave_id', 'geography_code', 'status', 'schemes']).orderBy('wave_id').orderBy('geography_code').execute();
    expect(runs).toEqual([
      { wave_id: 'demo-2023', geography_code: 'vn-34', status: 'succeeded', schemes: ['design_jkn', 'raked_jkn'] },
      { wave_id: 'demo-2023', geography_code: 'vn-63', status: 'succeeded', schemes: ['design_jkn', 'raked_jkn'] },
      { wave_id: 'demo-2025', geography_code: 'vn-34', status: 'succeeded', schemes: ['design_jkn', 'raked_jkn'] },
    ]);
    const provinceRows = await db.selectFrom('estimation_results').innerJoin('estimation_runs', 'estimation_runs.id', 'estimation_results.run_id')
      .select(['estimation_runs.wave_id', 'estimation_runs.geography_code', 'domain'])
      .where('domain_type', '=', 'province').where('indicator', '=', 'sipas').where('scheme', '=', 'raked_jkn').execute();
    const count = (wave: string, geo: string) => new Set(provinceRows.filter((r) => r.wave_id === wave && r.geography_code === geo).map((r) => r.domain)).size;
    expect([count('demo-2023', 'vn-63'), count('demo-2023', 'vn-34'), count('demo-2025', 'vn-34')]).toEqual([63, 34, 34]);

    expect(result.analyst?.username).toBe(DEMO_ANALYST);
    const user = await db.selectFrom('users').select('password_hash').where('username', '=', DEMO_ANALYST).executeTakeFirstOrThrow();
    expect(await verifyPassword(result.analyst!.password, user.password_hash)).toBe(true);
  });

  it('when created, then each wave\'s "PPS communes" plan holds its frame and exactly the communes its respondents come from, with their π', async () => {
    const { db } = database;
    for (const wave of ['demo-2023', 'demo-2025']) {
      const plan = await db.selectFrom('sample_plans').selectAll().where('wave_id', '=', wave).executeTakeFirstOrThrow();
      expect(plan).toMatchObject({ stratification: 'province_urban_rural', communes_per_stratum: null });
      expect(plan.drawn_at).not.toBeNull();
      const units = await db.selectFrom('sample_frame_units').selectAll().where('wave_id', '=', wave).execute();
      const selected = units.filter((u) => u.selected);
      expect(units.length).toBeGreaterThan(selected.length);
      const psus = await db.selectFrom('responses').select(['commune_code', 'stratum']).distinct().where('wave_id', '=', wave).execute();
      expect(selected.map((u) => u.commune_code).sort()).toEqual(psus.map((r) => r.commune_code).sort());
      const stratumOf = new Map(psus.map((r) => [r.commune_code, r.stratum]));
      for (const u of selected) {
        expect(u.stratum).toBe(stratumOf.get(u.commune_code));
        expect(u.inclusion_probability).toBeGreaterThan(0);
        expect(u.inclusion_probability).toBeLessThanOrEqual(1);
        expect(u.target).toBeGreaterThan(0);
      }
    }
  });

  it('when created, then its synthetic communes live in the demo\'s own geography versions: the real ones hold none, a real wave on vn-34 offers and accepts none, the demo waves still offer theirs', async () => {
    const { db } = database;
    const demoCommunes = await db.selectFrom('responses').select(['wave_id', 'province_code', 'commune_code']).distinct()
      .where('wave_id', 'in', ['demo-2023', 'demo-2025']).execute();
    const codes = [...new Set(demoCommunes.map((r) => r.commune_code!))];
    expect(codes.length).toBeGreaterThan(100);
    const stored = await db.selectFrom('communes').select(['geography_code', 'code']).where('code', 'in', codes).execute();
    expect(stored.filter((c) => c.geography_code === 'vn-63' || c.geography_code === 'vn-34')).toEqual([]);
    expect(new Set(stored.map((c) => c.geography_code))).toEqual(new Set(['demo-63', 'demo-34']));
    const demoProvinces = await db.selectFrom('provinces').select((eb) => ['geography_code', eb.fn.countAll<string>().as('n')])
      .where('geography_code', 'in', ['demo-63', 'demo-34']).groupBy('geography_code').orderBy('geography_code').execute();
    expect(demoProvinces.map((p) => [p.geography_code, Number(p.n)])).toEqual([['demo-34', 34], ['demo-63', 63]]);

    const real = await createWave(db, { geographyCode: 'vn-34', year: 2026, design: 'open', status: 'open' });
    const server = await serveApp(db);
    try {
      const offered = await (await fetch(`${server.url}/api/waves/${real.id}/communes`)).json();
      expect(offered.communes).toEqual([]);
      const demo34 = demoCommunes.find((r) => r.wave_id === 'demo-2025')!;
      const ofProvince = await (await fetch(`${server.url}/api/waves/${real.id}/communes?province=${demo34.province_code}`)).json();
      expect(ofProvince.communes).toEqual([]);
      const refused = await fetch(`${server.url}/api/waves/${real.id}/responses`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(responseBody(sipasAnswers({ province: demo34.province_code!, commune: demo34.commune_code! }))),
      });
      expect(refused.status).toBe(422);
      expect(JSON.stringify(await refused.json())).toContain('answers.commune');
      const demoOffered = await (await fetch(`${server.url}/api/waves/demo-2025/communes?province=${demo34.province_code}`)).json();
      expect(demoOffered.communes.map((c: { code: string }) => c.code)).toContain(demo34.commune_code);
    } finally {
      await server.close();
    }
  });

  it('when run again, then nothing is duplicated and no password is shown again', async () => {
    const before = await database.db.selectFrom('responses').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const again = await createDemo(database.db, { respondents: 6000 });
    const after = await database.db.selectFrom('responses').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(again.analyst).toBeNull();
    expect(again.waves.map((w) => [w.id, w.created])).toEqual([['demo-2023', false], ['demo-2025', false]]);
  });
});
