import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { createServicePoint, createServicePointWave, enrolKiosk, kioskBody, postAsKiosk } from '../../support/kiosks';
import { anonymous, loginAs, type Agent, type LoggedInAgent } from '../../support/users';
import { createWave } from '../../support/waves';

type Who = 'anonymous' | 'national_admin' | 'analyst' | 'official of 01' | 'official of 02';
const EVERYONE: Who[] = ['anonymous', 'national_admin', 'analyst', 'official of 01', 'official of 02'];
/** Service points in Hà Nội (01): administrators and Hà Nội's own officials manage them. */
const MANAGERS_OF_01: Record<Who, number> = { anonymous: 401, national_admin: 201, analyst: 403, 'official of 01': 201, 'official of 02': 403 };

describe.each(testDatabases)('enrolling and revoking kiosks on $name', (target) => {
  let app: TestApp;
  let agents: Record<Who, Agent>;
  let admin: LoggedInAgent;
  let pointIn01: string;
  let n = 0;

  beforeAll(async () => {
    app = await startTestApp(target);
    const [a, analyst, official01, official02] = await Promise.all([
      loginAs(app.url, app.db, { role: 'national_admin' }),
      loginAs(app.url, app.db, { role: 'analyst' }),
      loginAs(app.url, app.db, { role: 'province_official', province: '01', geography: 'vn-34' }),
      loginAs(app.url, app.db, { role: 'province_official', province: '02', geography: 'vn-63' }),
    ]);
    admin = a;
    agents = { anonymous: anonymous(app.url), national_admin: admin, analyst, 'official of 01': official01, 'official of 02': official02 };
    pointIn01 = (await createServicePoint(app.db)).code;
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(EVERYONE)('when %s registers a service point in Hà Nội, then the status is as the province scope says', async (who) => {
    n += 1;
    const res = await agents[who].post('/api/service-points', { code: `hn-mot-cua-${n}`, nameVi: 'Bộ phận một cửa phường Ba Đình', geography: 'vn-34', province: '01' });
    expect(res.status).toBe(MANAGERS_OF_01[who]);
    if (res.status === 201) expect((await res.json()).servicePoint).toMatchObject({ code: `HN-MOT-CUA-${n}`, province: '01', active: true });
    else expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each(EVERYONE)('when %s enrols a kiosk at a Hà Nội service point, then the status is as the province scope says', async (who) => {
    const res = await agents[who].post('/api/kiosk-devices', { servicePoint: pointIn01, label: `Ki-ốt của ${who}` });
    expect(res.status).toBe(MANAGERS_OF_01[who]);
    if (res.status !== 201) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('when an official enrols without the CSRF token, then it is refused and no device exists', async () => {
    const before = await app.db.selectFrom('kiosk_devices').select('id').execute();
    const res = await agents['official of 01'].post('/api/kiosk-devices', { servicePoint: pointIn01, label: 'Ki-ốt' }, { csrf: false });
    expect(res.status).toBe(403);
    expect((await res.json()).type).toBe('urn:sipas:problem:csrf');
    expect(await app.db.selectFrom('kiosk_devices').select('id').execute()).toHaveLength(before.length);
  });

  it('when a kiosk is enrolled, then its token is stored only as a sha256 hash, neither in the table nor in the audit log', async () => {
    const { device, token } = await enrolKiosk(admin, pointIn01, { label: 'Ki-ốt sảnh' });
    expect(token).toMatch(/^sipk_[A-Za-z0-9_-]{43}$/);
    const row = await app.db.selectFrom('kiosk_devices').selectAll().where('id', '=', device.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const everything = await sql<{ dump: string }>`select (select json_agg(k)::text from kiosk_devices k) || (select json_agg(a)::text from audit_log a) as dump`.execute(app.db);
    expect(everything.rows[0].dump).not.toContain(token);
    const audit = await app.db.selectFrom('audit_log').selectAll().where('target', '=', `kiosk:${device.id}`).execute();
    expect(audit).toMatchObject([{ action: 'kiosk_enrolled', actor_id: admin.user.id, details: { servicePoint: pointIn01, label: 'Ki-ốt sảnh' } }]);
    const listed = await (await admin.get(`/api/kiosk-devices?servicePoint=${pointIn01}`)).json();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toContain(row.token_hash);
  });

  it('when officials list kiosks, then a province official sees only those of their own province', async () => {
    const pointIn08 = (await createServicePoint(app.db, { province: '08' })).code;
    await enrolKiosk(admin, pointIn08, { label: 'Ki-ốt Tuyên Quang' });
    const mine = await (await agents['official of 01'].get('/api/kiosk-devices')).json();
    expect(mine.devices.length).toBeGreaterThan(0);
    expect(mine.devices.every((d: { servicePoint: { province: string } }) => d.servicePoint.province === '01')).toBe(true);
    // Hà Giang (02, vn-63) merged into Tuyên Quang (08): its official does not see the merged unit's kiosks.
    const other = await (await agents['official of 02'].get('/api/kiosk-devices')).json();
    expect(other.devices).toEqual([]);
    const all = await (await admin.get('/api/kiosk-devices')).json();
    expect(all.devices.map((d: { servicePoint: { code: string } }) => d.servicePoint.code)).toEqual(expect.arrayContaining([pointIn01, pointIn08]));
    expect((await agents.analyst.get('/api/kiosk-devices')).status).toBe(403);
  });

  it('when an official of another province revokes a kiosk, then it is refused and the kiosk still sends', async () => {
    const wave = (await createServicePointWave(app.db)).id;
    const { device, token } = await enrolKiosk(admin, pointIn01);
    expect((await agents['official of 02'].post(`/api/kiosk-devices/${device.id}/revoke`)).status).toBe(403);
    expect((await postAsKiosk(app.url, wave, token, kioskBody(pointIn01))).status).toBe(201);
  });

  it('when a kiosk is revoked, then its next response is refused with a problem+json and nothing is stored', async () => {
    const wave = (await createServicePointWave(app.db)).id;
    const { device, token } = await enrolKiosk(agents['official of 01'], pointIn01);
    expect((await postAsKiosk(app.url, wave, token, kioskBody(pointIn01))).status).toBe(201);

    const revoked = await agents['official of 01'].post(`/api/kiosk-devices/${device.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).device).toMatchObject({ id: device.id, status: 'revoked', revokedAt: expect.any(String) });

    const body = kioskBody(pointIn01);
    const res = await postAsKiosk(app.url, wave, token, body);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ type: 'urn:sipas:problem:kiosk_revoked', status: 403, title: 'Ki-ốt này đã bị thu hồi và không được gửi phiếu nữa' });
    expect(await app.db.selectFrom('responses').select('id').where('id', '=', body.id as string).execute()).toEqual([]);
    const own = await fetch(`${app.url}/api/kiosk/device`, { headers: { Authorization: `Bearer ${token}` } });
    expect(own.status).toBe(403);
    const audit = await app.db.selectFrom('audit_log').select('action').where('target', '=', `kiosk:${device.id}`).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['kiosk_enrolled', 'kiosk_revoked']);
    const listed = async (revoked: boolean) => (await (await agents['official of 01'].get(`/api/kiosk-devices?revoked=${revoked}`)).json())
      .devices.map((d: { id: string; status: string }) => `${d.id} ${d.status}`);
    expect(await listed(true)).toContain(`${device.id} revoked`);
    expect((await listed(false)).some((d: string) => d.startsWith(device.id))).toBe(false);
  });

  it('when a kiosk is enrolled for a wave, then the wave must be a kiosk questionnaire of the point\'s geography', async () => {
    const household = (await createWave(app.db)).id;
    const otherGeography = (await createServicePointWave(app.db, { geographyCode: 'vn-63' })).id;
    const good = (await createServicePointWave(app.db)).id;
    const refusal = async (wave: string) => (await (await admin.post('/api/kiosk-devices', { servicePoint: pointIn01, wave, label: 'Ki-ốt' })).json()).errors?.[0]?.rule;
    expect(await refusal(household)).toBe('kiosk_questionnaire');
    expect(await refusal(otherGeography)).toBe('kiosk_geography');
    expect(await refusal('no-such-wave')).toBe('not_a_choice');
    expect((await enrolKiosk(admin, pointIn01, { wave: good })).device).toMatchObject({ status: 'active' });
  });

  it('when a service point is deactivated, then its kiosks are refused and no new one can be enrolled there', async () => {
    const wave = (await createServicePointWave(app.db)).id;
    const point = (await createServicePoint(app.db)).code;
    const { token } = await enrolKiosk(admin, point);
    const res = await agents['official of 01'].patch(`/api/service-points/${point}`, { active: false });
    expect(res.status).toBe(200);
    expect((await postAsKiosk(app.url, wave, token, kioskBody(point))).status).toBe(403);
    expect((await admin.post('/api/kiosk-devices', { servicePoint: point, label: 'Ki-ốt' })).status).toBe(409);
  });
});
