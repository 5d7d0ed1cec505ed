import express, { type Request } from 'express';
import type { Kysely } from 'kysely';
import { assertProvinceAccess, visibleProvinces } from '../../../server/auth/province-scope';
import { authSession, currentUser, requireUser } from '../../../server/auth/session.middleware';
import type { Database } from '../../../server/db/database';
import { problemHandler } from '../../../server/errors/problem.middleware';
import { seedSurveys } from '../../../server/surveys/surveys.seed';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { listen, type TestServer } from '../../support/http';
import { silentLogger } from '../../support/logger';
import { anonymous, createUser, loginAs, type Agent } from '../../support/users';
import { createWave } from '../../support/waves';

type Who = 'anonymous' | 'national_admin' | 'analyst' | 'official of 01' | 'official of 02';
const EVERYONE: Who[] = ['anonymous', 'national_admin', 'analyst', 'official of 01', 'official of 02'];

interface Probe {
  route: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** The path (and body) to send; built per call so creations do not collide. */
  request: (ids: Ids) => { path: string; body?: unknown };
  /** Status each kind of caller gets; the server under test is `app` unless `probe` is set. */
  expect: Record<Who, number>;
  probe?: boolean;
}

interface Ids { user: number; wave: string; version: number; n: number }

const ONLY_ADMIN = (ok: number): Record<Who, number> =>
  ({ anonymous: 401, national_admin: ok, analyst: 403, 'official of 01': 403, 'official of 02': 403 });
const ANY_SIGNED_IN: Record<Who, number> =
  { anonymous: 401, national_admin: 200, analyst: 200, 'official of 01': 200, 'official of 02': 200 };

const PROBES: Probe[] = [
  { route: 'GET /api/auth/session', method: 'GET', request: () => ({ path: '/api/auth/session' }), expect: ANY_SIGNED_IN },
  { route: 'GET /api/users', method: 'GET', request: () => ({ path: '/api/users' }), expect: ONLY_ADMIN(200) },
  {
    route: 'POST /api/users', method: 'POST', expect: ONLY_ADMIN(201),
    request: ({ n }) => ({ path: '/api/users', body: { username: `probe-${n}`, displayName: 'Thử', role: 'analyst', password: 'một mật khẩu dài đủ' } }),
  },
  {
    route: 'PATCH /api/users/:id', method: 'PATCH', expect: ONLY_ADMIN(200),
    request: ({ user, n }) => ({ path: `/api/users/${user}`, body: { displayName: `Đổi tên ${n}` } }),
  },
  { route: 'GET /api/audit', method: 'GET', request: () => ({ path: '/api/audit?limit=5' }), expect: ONLY_ADMIN(200) },
  {
    route: 'POST /api/waves', method: 'POST', expect: ONLY_ADMIN(201),
    request: ({ version, n }) => ({
      path: '/api/waves',
      body: { id: `probe-wave-${n}`, surveyVersion: version, year: 2026, geography: 'vn-34', titleVi: 'Đợt thử', titleEn: 'Probe wave', design: 'household' },
    }),
  },
  {
    route: 'PATCH /api/waves/:id', method: 'PATCH', expect: ONLY_ADMIN(200),
    request: ({ wave, n }) => ({ path: `/api/waves/${wave}`, body: { titleVi: `Đợt thử ${n}` } }),
  },
  {
    route: 'province detail vn-63/01', method: 'GET', probe: true, request: () => ({ path: '/probe/vn-63/01' }),
    expect: { anonymous: 401, national_admin: 200, analyst: 200, 'official of 01': 200, 'official of 02': 403 },
  },
  {
    route: 'province detail vn-63/02', method: 'GET', probe: true, request: () => ({ path: '/probe/vn-63/02' }),
    expect: { anonymous: 401, national_admin: 200, analyst: 200, 'official of 01': 403, 'official of 02': 200 },
  },
  {
    // Hà Nội kept its borders, so the 34-unit Hà Nội is exactly the official's province.
    route: 'province detail vn-34/01', method: 'GET', probe: true, request: () => ({ path: '/probe/vn-34/01' }),
    expect: { anonymous: 401, national_admin: 200, analyst: 200, 'official of 01': 200, 'official of 02': 403 },
  },
  {
    // Hà Giang (02) merged into Tuyên Quang (08): the merged unit holds another province's respondents.
    route: 'province detail vn-34/08', method: 'GET', probe: true, request: () => ({ path: '/probe/vn-34/08' }),
    expect: { anonymous: 401, national_admin: 200, analyst: 200, 'official of 01': 403, 'official of 02': 403 },
  },
];

const CASES = PROBES.flatMap((p) => EVERYONE.map((who) => {
  const status = p.expect[who];
  return { ...p, who, status, outcome: status >= 400 ? `it is refused with ${status}` : `it is allowed (${status})` };
}));

/**
 * A stand-in for the province routes other features will add (results, fieldwork, microdata): it
 * uses the shared session middleware and `assertProvinceAccess` exactly as they will.
 */
function provinceProbeApp(db: Kysely<Database>) {
  const app = express();
  app.use(authSession(db));
  app.get('/probe/:geography/:province', requireUser(), (req: Request<{ geography: string; province: string }>, res) => {
    const user = currentUser(req);
    assertProvinceAccess(user, req.params.geography, req.params.province);
    res.json({ ok: true, visible: visibleProvinces(user, req.params.geography) });
  });
  app.use(problemHandler(silentLogger));
  return app;
}

describe.each(testDatabases)('who may do what on $name', (target) => {
  let app: TestApp;
  let probeServer: TestServer;
  let agents: Record<Who, Agent>;
  let ids: Omit<Ids, 'n'>;
  let n = 0;

  beforeAll(async () => {
    app = await startTestApp(target);
    probeServer = await listen(provinceProbeApp(app.db));
    const [admin, analyst, official01, official02] = await Promise.all([
      loginAs(app.url, app.db, { role: 'national_admin' }),
      loginAs(app.url, app.db, { role: 'analyst' }),
      loginAs(app.url, app.db, { role: 'province_official', province: '01', geography: 'vn-63' }),
      loginAs(app.url, app.db, { role: 'province_official', province: '02', geography: 'vn-63' }),
    ]);
    agents = { anonymous: anonymous(app.url), national_admin: admin, analyst, 'official of 01': official01, 'official of 02': official02 };
    const versions = await seedSurveys(app.db);
    ids = {
      user: (await createUser(app.db, { role: 'analyst' })).user.id,
      wave: (await createWave(app.db, { status: 'draft' })).id,
      version: versions.get('sipas-2023')!,
    };
  });
  afterAll(async () => {
    await probeServer.close();
    await app.close();
  });

  it.each(CASES)('when $who calls $route, then $outcome', async (c) => {
    n += 1;
    const { path, body } = c.request({ ...ids, n });
    const agent = agents[c.who];
    const res = await agent.request(c.method, c.probe ? `${probeServer.url}${path}` : path, body);
    expect(res.status).toBe(c.status);
    if (c.status >= 400) {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = await res.json();
      expect(problem).toMatchObject({ status: c.status, type: c.status === 401 ? 'urn:sipas:problem:unauthorized' : 'urn:sipas:problem:forbidden' });
      expect(problem.title).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđẹẻẽéèêếềểễệịỉĩíìọỏõóòôốồổỗộơớờởỡợụủũúùưứừửữựỵỷỹýỳ]/i);
    }
  });

  it('when an analyst asks for the user list, then it is refused with 403 and nothing about accounts comes back', async () => {
    const res = await agents.analyst.get('/api/users');
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).not.toContain('username');
  });

  it('when a province official tries to create an account for themself, then it is refused and no account appears', async () => {
    const res = await agents['official of 01'].post('/api/users', {
      username: 'tu-cap-quyen', displayName: 'Tự cấp quyền', role: 'national_admin', password: 'một mật khẩu dài đủ',
    });
    expect(res.status).toBe(403);
    expect(await app.db.selectFrom('users').select('id').where('username', '=', 'tu-cap-quyen').execute()).toEqual([]);
  });

  it('when a vn-34 official of Tuyên Quang (08) looks at a vn-63 wave, then they see Hà Giang (02) and Tuyên Quang (08), which merged into their unit, and nothing else', async () => {
    const official = await loginAs(app.url, app.db, { role: 'province_official', province: '08', geography: 'vn-34' });
    const probe = (p: string) => official.get(`${probeServer.url}/probe/${p}`);
    const statuses = await Promise.all(['vn-63/02', 'vn-63/08', 'vn-63/04', 'vn-34/08', 'vn-34/04', 'vn-99/08']
      .map(async (p) => [p, (await probe(p)).status]));
    expect(Object.fromEntries(statuses)).toEqual({
      'vn-63/02': 200, 'vn-63/08': 200, 'vn-63/04': 403, 'vn-34/08': 200, 'vn-34/04': 403, 'vn-99/08': 403,
    });
    expect((await (await probe('vn-63/02')).json()).visible).toEqual(['02', '08']);
  });

  it('when any route answers, then no password hash or password ever appears in it', async () => {
    const admin = agents.national_admin;
    const password = 'một mật khẩu khác rất dài';
    const created = await admin.post('/api/users', { username: `hash-check-${Date.now()}`, displayName: 'Kiểm tra', role: 'analyst', password });
    const { user } = await created.clone().json();
    const responses = [
      created,
      await admin.patch(`/api/users/${user.id}`, { password: `${password} mới` }),
      await admin.get('/api/users'),
      await admin.get('/api/audit?limit=500'),
      await admin.get('/api/auth/session'),
      await anonymous(app.url).post('/api/auth/login', { username: user.username, password: `${password} mới` }),
    ];
    for (const res of responses) {
      expect(res.ok).toBe(true);
      const text = await res.text();
      expect(text).not.toMatch(/\$scrypt\$|password_?hash|passwordHash/i);
      expect(text).not.toContain(password);
    }
  });
});
