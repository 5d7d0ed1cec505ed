import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { createServicePointWave } from '../../support/kiosks';
import { anonymous, loginAs, type Agent } from '../../support/users';
import { createWave } from '../../support/waves';

describe.each(testDatabases)('who sees a wave before it opens, on $name', (target) => {
  let app: TestApp;
  let citizen: Agent;

  beforeAll(async () => {
    app = await startTestApp(target);
    citizen = anonymous(app.url);
  });
  afterAll(() => app.close());

  const wavePages = (wave: string) => [`/api/waves/${wave}/questionnaire`, `/api/waves/${wave}/communes?province=01`, `/api/waves/${wave}/service-points`];

  it('when a wave is a draft, then to anyone not signed in its questionnaire, communes and service points are the 404 of a wave that does not exist, and no list names it', async () => {
    const draft = (await createServicePointWave(app.db, { status: 'draft', titleVi: 'Đợt nháp chưa công bố' })).id;
    for (const path of [...wavePages(draft), ...wavePages('khong-co-dot-nay')]) {
      const res = await citizen.get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.json()).toMatchObject({ type: 'urn:sipas:problem:not_found', title: expect.stringMatching(/^Không có đợt khảo sát "/) });
    }
    const listed = await (await citizen.get('/api/waves')).json();
    expect(listed.waves.map((w: { id: string }) => w.id)).not.toContain(draft);
  });

  it('when an official is signed in, then the draft questionnaire and its places are there for the admin pages, whatever the role', async () => {
    const draft = (await createServicePointWave(app.db, { status: 'draft' })).id;
    for (const role of ['national_admin', 'analyst', 'province_official'] as const) {
      const official = await loginAs(app.url, app.db, { role });
      for (const path of wavePages(draft)) expect([role, path, (await official.get(path)).status]).toEqual([role, path, 200]);
      const { wave, questionnaire } = await (await official.get(`/api/waves/${draft}/questionnaire`)).json();
      expect(wave).toMatchObject({ id: draft, status: 'draft' });
      expect(questionnaire.pages.length).toBeGreaterThan(0);
    }
  });

  it('when a wave is open or closed, then its questionnaire is public', async () => {
    for (const status of ['open', 'closed'] as const) {
      const wave = (await createWave(app.db, { status })).id;
      const res = await citizen.get(`/api/waves/${wave}/questionnaire`);
      expect([status, res.status]).toEqual([status, 200]);
      expect((await res.json()).wave).toMatchObject({ id: wave, status });
    }
  });

  it('when a draft is opened, then the same address serves its questionnaire to citizens at once', async () => {
    const admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    const draft = (await createWave(app.db, { status: 'draft' })).id;
    expect((await citizen.get(`/api/waves/${draft}/questionnaire`)).status).toBe(404);
    expect((await admin.patch(`/api/waves/${draft}`, { status: 'open' })).status).toBe(200);
    expect((await citizen.get(`/api/waves/${draft}/questionnaire`)).status).toBe(200);
  });
});
