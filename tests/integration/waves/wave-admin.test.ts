import { seedSurveys } from '../../../server/surveys/surveys.seed';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { responseBody } from '../../support/sipas-answers';
import { anonymous, loginAs, type LoggedInAgent } from '../../support/users';
import { createCommunes } from '../../support/waves';

let counter = 0;

describe.each(testDatabases)('wave management on $name', (target) => {
  let app: TestApp;
  let admin: LoggedInAgent;
  let version: number;
  const newWave = (overrides: Record<string, unknown> = {}) => ({
    id: `sipas-test-${(counter += 1)}`, surveyVersion: version, year: 2026, geography: 'vn-63',
    titleVi: 'Khảo sát SIPAS 2026', titleEn: 'SIPAS survey 2026', design: 'household', ...overrides,
  });
  const auditOf = (target: string) => app.db.selectFrom('audit_log').selectAll()
    .where('target', '=', target).orderBy('id').execute();
  const publicWaveIds = async () => (await (await anonymous(app.url).get('/api/waves')).json()).waves.map((w: { id: string }) => w.id);

  beforeAll(async () => {
    app = await startTestApp(target);
    await createCommunes(app.db);
    version = (await seedSurveys(app.db)).get('sipas-2023')!;
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
  });
  afterAll(() => app.close());

  it('when an administrator creates a wave from a published questionnaire version, then it starts as a draft citizens cannot see, and the creation is audited', async () => {
    const body = newWave();
    const res = await admin.post('/api/waves', body);
    expect(res.status).toBe(201);
    expect((await res.json()).wave).toMatchObject({ id: body.id, status: 'draft', geography: 'vn-63', questionnaireVersion: version, year: 2026 });
    expect(await publicWaveIds()).not.toContain(body.id);
    expect(await auditOf(`wave:${body.id}`)).toEqual([expect.objectContaining({
      action: 'wave_created', actor_id: admin.user.id,
      details: { surveyVersion: version, year: 2026, geography: 'vn-63', design: 'household' },
    })]);
  });

  it('when an administrator opens the wave, then citizens see it and can answer, and the status change is audited from draft to open', async () => {
    const body = newWave();
    await admin.post('/api/waves', body);
    const res = await admin.patch(`/api/waves/${body.id}`, { status: 'open' });
    expect(res.status).toBe(200);
    expect((await res.json()).wave.status).toBe('open');
    expect(await publicWaveIds()).toContain(body.id);
    expect((await anonymous(app.url).post(`/api/waves/${body.id}/responses`, responseBody())).status).toBe(201);
    const [, changed] = await auditOf(`wave:${body.id}`);
    expect(changed).toMatchObject({ action: 'wave_updated', actor_id: admin.user.id, details: { status: { from: 'draft', to: 'open' } } });
  });

  it('when the wave is closed, then responses are refused, and a wave that has responses cannot go back to draft', async () => {
    const body = newWave();
    await admin.post('/api/waves', body);
    await admin.patch(`/api/waves/${body.id}`, { status: 'open' });
    await anonymous(app.url).post(`/api/waves/${body.id}/responses`, responseBody());
    expect((await admin.patch(`/api/waves/${body.id}`, { status: 'closed' })).status).toBe(200);
    expect((await anonymous(app.url).post(`/api/waves/${body.id}/responses`, responseBody())).status).toBe(409);
    const back = await admin.patch(`/api/waves/${body.id}`, { status: 'draft' });
    expect(back.status).toBe(409);
    expect((await back.json()).errors[0]).toMatchObject({ field: 'status', rule: 'has_responses' });
  });

  it('when an administrator renames a wave, then the titles change and the audit shows before and after', async () => {
    const body = newWave();
    await admin.post('/api/waves', body);
    const res = await admin.patch(`/api/waves/${body.id}`, { titleVi: 'Khảo sát SIPAS 2026 (đợt 2)' });
    expect((await res.json()).wave.titleVi).toBe('Khảo sát SIPAS 2026 (đợt 2)');
    const [, changed] = await auditOf(`wave:${body.id}`);
    expect(changed.details).toEqual({ titleVi: { from: 'Khảo sát SIPAS 2026', to: 'Khảo sát SIPAS 2026 (đợt 2)' } });
  });

  it.each([
    ['a questionnaire version that was never published', { surveyVersion: 999 }, 422, 'surveyVersion', 'not_a_choice'],
    ['an id with capitals and spaces', { id: 'SIPAS 2026' }, 422, 'id', 'format'],
    ['an unknown geography', { geography: 'vn-64' }, 422, 'geography', 'not_a_choice'],
    ['an unknown design', { design: 'quota' }, 422, 'design', 'not_a_choice'],
    ['a year out of range', { year: 1999 }, 422, 'year', 'too_short'],
    ['a status given at creation', { status: 'open' }, 422, 'status', 'unknown_field'],
  ])('when the new wave has %s, then it is refused with %s naming the field', async (_name, overrides, status, field, rule) => {
    const res = await admin.post('/api/waves', newWave(overrides));
    expect(res.status).toBe(status);
    expect((await res.json()).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });

  it('when a wave id is already taken, then creating it again is refused with 409', async () => {
    const body = newWave();
    expect((await admin.post('/api/waves', body)).status).toBe(201);
    expect((await admin.post('/api/waves', body)).status).toBe(409);
  });

  it('when the wave does not exist or the status is unknown, then 404 and 422 come back', async () => {
    expect((await admin.patch('/api/waves/no-such-wave', { status: 'open' })).status).toBe(404);
    const body = newWave();
    await admin.post('/api/waves', body);
    expect((await admin.patch(`/api/waves/${body.id}`, { status: 'archived' })).status).toBe(422);
  });
});
