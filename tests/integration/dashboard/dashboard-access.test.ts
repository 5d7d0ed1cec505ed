import { createDemo } from '../../../server/demo/demo.service';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { anonymous, loginAs, type Agent } from '../../support/users';

type Who = 'anonymous' | 'national_admin' | 'analyst' | 'official of 01 (vn-63)' | 'official of 02 (vn-63)' | 'official of 08 (vn-34)';
const EVERYONE: Who[] = ['anonymous', 'national_admin', 'analyst', 'official of 01 (vn-63)', 'official of 02 (vn-63)', 'official of 08 (vn-34)'];

const ANY_SIGNED_IN: Record<Who, number> = {
  anonymous: 401, national_admin: 200, analyst: 200,
  'official of 01 (vn-63)': 200, 'official of 02 (vn-63)': 200, 'official of 08 (vn-34)': 200,
};
const only = (allowed: Who[]): Record<Who, number> =>
  Object.fromEntries(EVERYONE.map((w) => [w, w === 'anonymous' ? 401 : allowed.includes(w) ? 200 : 403])) as Record<Who, number>;
const NATIONAL: Who[] = ['national_admin', 'analyst'];

/**
 * Every dashboard route × every kind of caller. Hà Nội (01) kept its borders, so its vn-63 official also
 * sees the 34-unit Hà Nội; Hà Giang (02) merged into Tuyên Quang (08), so its official sees neither 08 nor
 * anything of the 2025 wave in detail, while the vn-34 official of 08 sees 08 and the old 02 and 08.
 */
const PROBES: { route: string; path: string; expect: Record<Who, number> }[] = [
  { route: 'GET /api/dashboard/waves', path: '/api/dashboard/waves', expect: ANY_SIGNED_IN },
  { route: 'GET overview 2023', path: '/api/dashboard/waves/demo-2023/overview', expect: ANY_SIGNED_IN },
  { route: 'GET overview 2023 on vn-34', path: '/api/dashboard/waves/demo-2023/overview?geography=vn-34', expect: ANY_SIGNED_IN },
  { route: 'GET rankings 2025', path: '/api/dashboard/waves/demo-2025/rankings?indicator=service', expect: ANY_SIGNED_IN },
  { route: 'GET province 2023 vn-63/01', path: '/api/dashboard/waves/demo-2023/provinces/01', expect: only([...NATIONAL, 'official of 01 (vn-63)']) },
  { route: 'GET province 2023 vn-63/02', path: '/api/dashboard/waves/demo-2023/provinces/02', expect: only([...NATIONAL, 'official of 02 (vn-63)', 'official of 08 (vn-34)']) },
  { route: 'GET province 2023 vn-34/08', path: '/api/dashboard/waves/demo-2023/provinces/08?geography=vn-34', expect: only([...NATIONAL, 'official of 08 (vn-34)']) },
  { route: 'GET province 2025 vn-34/01', path: '/api/dashboard/waves/demo-2025/provinces/01', expect: only([...NATIONAL, 'official of 01 (vn-63)']) },
  { route: 'GET province 2025 vn-34/08', path: '/api/dashboard/waves/demo-2025/provinces/08', expect: only([...NATIONAL, 'official of 08 (vn-34)']) },
  { route: 'GET province 2025 vn-34/79', path: '/api/dashboard/waves/demo-2025/provinces/79', expect: only(NATIONAL) },
  { route: 'GET perceptions 2025 national', path: '/api/dashboard/waves/demo-2025/perceptions', expect: ANY_SIGNED_IN },
  { route: 'GET perceptions 2023 vn-63/01', path: '/api/dashboard/waves/demo-2023/perceptions?province=01', expect: only([...NATIONAL, 'official of 01 (vn-63)']) },
  { route: 'GET perceptions 2025 vn-34/08', path: '/api/dashboard/waves/demo-2025/perceptions?province=08', expect: only([...NATIONAL, 'official of 08 (vn-34)']) },
  { route: 'GET /api/dashboard/units', path: '/api/dashboard/units?geography=vn-34', expect: ANY_SIGNED_IN },
  { route: 'GET /api/dashboard/survey-versions', path: '/api/dashboard/survey-versions', expect: only(['national_admin']) },
];

const CASES = PROBES.flatMap((p) => EVERYONE.map((who) => ({
  ...p, who, status: p.expect[who], outcome: p.expect[who] >= 400 ? `it is refused with ${p.expect[who]}` : 'it is allowed',
})));

describe.each(testDatabases)('who may read the officials\' dashboard on $name', (target) => {
  let app: TestApp;
  const agents = {} as Record<Who, Agent>;

  beforeAll(async () => {
    app = await startTestApp(target);
    await createDemo(app.db, { respondents: 3000 });
    agents.anonymous = anonymous(app.url);
    agents.national_admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    agents.analyst = await loginAs(app.url, app.db, { role: 'analyst' });
    agents['official of 01 (vn-63)'] = await loginAs(app.url, app.db, { role: 'province_official', geography: 'vn-63', province: '01' });
    agents['official of 02 (vn-63)'] = await loginAs(app.url, app.db, { role: 'province_official', geography: 'vn-63', province: '02' });
    agents['official of 08 (vn-34)'] = await loginAs(app.url, app.db, { role: 'province_official', geography: 'vn-34', province: '08' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it.each(CASES)('when $who calls $route, then $outcome', async ({ who, path, status }) => {
    const res = await agents[who].get(path);
    expect(res.status).toBe(status);
    if (status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('when a province official is refused another province, then the problem says so in Vietnamese and English', async () => {
    const res = await agents['official of 01 (vn-63)'].get('/api/dashboard/waves/demo-2023/provinces/02');
    expect(await res.json()).toMatchObject({
      status: 403, type: 'urn:sipas:problem:forbidden',
      title: 'Bạn chỉ được xem dữ liệu chi tiết của tỉnh, thành phố mình phụ trách',
      title_en: 'You may only see detailed data of the province you are responsible for',
    });
  });

  it('when a province official reads the rankings, then every unit is listed as for an analyst, and their own units are named to highlight', async () => {
    const mine = await (await agents['official of 08 (vn-34)'].get('/api/dashboard/waves/demo-2023/rankings')).json();
    const all = await (await agents.analyst.get('/api/dashboard/waves/demo-2023/rankings')).json();
    expect(mine).toMatchObject({ restricted: true, total: 63, mine: ['02', '08'] });
    expect(all).toMatchObject({ restricted: false, mine: [] });
    expect(mine.provinces).toHaveLength(63);
    expect(mine.provinces).toEqual(all.provinces);
    const merged = await (await agents['official of 02 (vn-63)'].get('/api/dashboard/waves/demo-2025/rankings')).json();
    expect(merged).toMatchObject({ restricted: true, total: 34, mine: [] });
    expect(merged.provinces).toHaveLength(34);
  });

  it('when the CSRF token is missing, then starting a run from the dashboard is refused and nothing is stored', async () => {
    const before = await app.db.selectFrom('estimation_runs').select('id').execute();
    const res = await agents.analyst.post('/api/waves/demo-2025/runs', { geography: 'vn-34' }, { csrf: false });
    expect(res.status).toBe(403);
    expect((await res.json()).type).toBe('urn:sipas:problem:csrf');
    const wrong = await agents.analyst.post('/api/waves/demo-2025/runs', { geography: 'vn-34' }, { csrf: 'not-the-token' });
    expect(wrong.status).toBe(403);
    expect(await app.db.selectFrom('estimation_runs').select('id').execute()).toHaveLength(before.length);
  });

  it('when the query is malformed, then it is refused with 422 naming the field, and unknown waves and units with 404', async () => {
    const analyst = agents.analyst;
    const bad = await analyst.get('/api/dashboard/waves/demo-2023/overview?geography=vn-99');
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('geography');
    expect((await analyst.get('/api/dashboard/waves/demo-2025/overview?geography=vn-63')).status).toBe(422);
    expect((await analyst.get('/api/dashboard/waves/demo-2023/rankings?indicator=elem_nothing')).status).toBe(422);
    expect((await analyst.get('/api/dashboard/waves/no-such-wave/overview')).status).toBe(404);
    expect((await analyst.get('/api/dashboard/waves/demo-2025/provinces/02')).status).toBe(404);
    expect((await analyst.get('/api/dashboard/waves/demo-2025/provinces/x1')).status).toBe(422);
  });
});
