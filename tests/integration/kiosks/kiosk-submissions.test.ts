import { serveApp, startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import {
  createHanoiCommunes, createServicePoint, createServicePointWave, enrolKiosk, kioskAnswers, kioskBody, postAsKiosk,
} from '../../support/kiosks';
import { loginAs, type LoggedInAgent } from '../../support/users';
import { createWave } from '../../support/waves';

/** Small enough to reach in a test: three responses at once, then one a minute. */
const POLICY = { burst: 3, refillPerMinute: 1, deviceCacheMs: 300, touchMs: 60_000, flagEveryMs: 60_000 };

describe.each(testDatabases)('responses from kiosks on $name', (target) => {
  let app: TestApp;
  let admin: LoggedInAgent;
  let wave: string;
  let point: string;

  const stored = (id: string) => app.db.selectFrom('responses').selectAll().where('id', '=', id).execute();

  beforeAll(async () => {
    app = await startTestApp(target, { kioskPolicy: POLICY });
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    await createHanoiCommunes(app.db);
    wave = (await createServicePointWave(app.db)).id;
    point = (await createServicePoint(app.db, { nameVi: 'Bộ phận một cửa phường Ba Đình', commune: '00004' })).code;
  });
  afterAll(async () => {
    await app.close();
  });

  it('when a kiosk sends a response, then it is stored on the kiosk channel with its device and its service point as PSU', async () => {
    const { device, token } = await enrolKiosk(admin, point);
    const body = kioskBody(point, { channel: 'web', deviceId: 'claimed-by-client' });
    const res = await postAsKiosk(app.url, wave, token, body);
    expect(res.status).toBe(201);
    const [row] = await stored(body.id as string);
    expect(row).toMatchObject({
      channel: 'kiosk', device_id: device.id, psu: point, stratum: '01', province_code: '01', commune_code: '00004', duration_ms: 70_000,
    });
    const seen = await app.db.selectFrom('kiosk_devices').select('last_seen_at').where('id', '=', device.id).executeTakeFirstOrThrow();
    expect(seen.last_seen_at).toBeInstanceOf(Date);
  });

  it('when a kiosk retries the same response, one after another and all at once, then it is stored once', async () => {
    const { token } = await enrolKiosk(admin, point);
    const body = kioskBody(point);
    const first = await postAsKiosk(app.url, wave, token, body);
    const again = await Promise.all([1, 2].map(() => postAsKiosk(app.url, wave, token, body)));
    expect([first.status, ...again.map((r) => r.status)]).toEqual([201, 200, 200]);
    expect(await again[0].json()).toMatchObject({ duplicate: true, response: { id: body.id, channel: 'kiosk' } });
    expect(await stored(body.id as string)).toHaveLength(1);
  });

  it('when another kiosk sends a response with the same id, then it is refused as a conflict and the first stays', async () => {
    const first = await enrolKiosk(admin, point, { label: 'Ki-ốt 1' });
    const second = await enrolKiosk(admin, point, { label: 'Ki-ốt 2' });
    const body = kioskBody(point);
    expect((await postAsKiosk(app.url, wave, first.token, body)).status).toBe(201);
    const res = await postAsKiosk(app.url, wave, second.token, body);
    expect(res.status).toBe(409);
    expect((await res.json()).errors[0]).toMatchObject({ rule: 'idempotency_conflict' });
    expect((await stored(body.id as string))[0].device_id).toBe(first.device.id);
  });

  it('when two kiosks behind one address send quickly, then each is limited on its own with a 429 problem and the flood is flagged', async () => {
    const a = await enrolKiosk(admin, point, { label: 'Ki-ốt A' });
    const b = await enrolKiosk(admin, point, { label: 'Ki-ốt B' });
    const statusesA = [];
    for (let i = 0; i < 5; i++) statusesA.push((await postAsKiosk(app.url, wave, a.token, kioskBody(point))).status);
    expect(statusesA).toEqual([201, 201, 201, 429, 429]);

    const refused = await postAsKiosk(app.url, wave, a.token, kioskBody(point));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).type).toBe('urn:sipas:problem:kiosk_rate_limited');

    const statusesB = [];
    for (let i = 0; i < 3; i++) statusesB.push((await postAsKiosk(app.url, wave, b.token, kioskBody(point))).status);
    expect(statusesB).toEqual([201, 201, 201]);

    const flags = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'kiosk_rate_limited').execute();
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ target: `kiosk:${a.device.id}`, details: { servicePoint: point, label: 'Ki-ốt A' } });
  });

  it('when a kiosk is revoked through another server of the platform, then this one refuses it within the device cache time', async () => {
    const other = await serveApp(app.db, { kioskPolicy: POLICY });
    try {
      const { device, token } = await enrolKiosk(admin, point);
      expect((await postAsKiosk(app.url, wave, token, kioskBody(point))).status).toBe(201);
      // The administrator's session lives in the shared database, so it works on both servers.
      expect((await admin.post(`${other.url}/api/kiosk-devices/${device.id}/revoke`)).status).toBe(200);
      expect((await postAsKiosk(other.url, wave, token, kioskBody(point))).status).toBe(403);
      await new Promise((r) => setTimeout(r, POLICY.deviceCacheMs + 50));
      expect((await postAsKiosk(app.url, wave, token, kioskBody(point))).status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('when a device token is unknown or malformed, then the response is refused with 401 and says the kiosk is not enrolled', async () => {
    for (const header of ['Bearer sipk_' + 'x'.repeat(43), 'Bearer nonsense', 'Basic dXNlcjpwYXNz']) {
      const body = kioskBody(point);
      const res = await fetch(`${app.url}/api/waves/${wave}/responses`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: header }, body: JSON.stringify(body),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ type: 'urn:sipas:problem:kiosk_not_enrolled', title: 'Thiết bị này chưa được đăng ký làm ki-ốt khảo sát' });
      expect(await stored(body.id as string)).toEqual([]);
    }
  });

  it('when a response claims the kiosk channel without a device token, then it is refused with 401', async () => {
    const res = await postAsKiosk(app.url, wave, null, kioskBody(point));
    expect(res.status).toBe(401);
    expect((await res.json()).type).toBe('urn:sipas:problem:kiosk_not_enrolled');
  });

  it('when a kiosk enrolled for one wave sends to another, then it is refused', async () => {
    const { token } = await enrolKiosk(admin, point, { wave });
    const otherWave = (await createServicePointWave(app.db)).id;
    const res = await postAsKiosk(app.url, otherWave, token, kioskBody(point));
    expect(res.status).toBe(403);
    expect((await res.json()).type).toBe('urn:sipas:problem:kiosk_wrong_wave');
  });

  it('when a kiosk sends to a household wave, then it is refused: the questionnaire does not ask for a service point', async () => {
    const { token } = await enrolKiosk(admin, point);
    const household = (await createWave(app.db, { geographyCode: 'vn-34' })).id;
    const res = await postAsKiosk(app.url, household, token, kioskBody(point));
    expect(res.status).toBe(409);
    expect((await res.json()).errors[0].rule).toBe('kiosk_questionnaire');
  });

  it('when a kiosk names another service point than its own, then the answer is refused', async () => {
    const { token } = await enrolKiosk(admin, point);
    const elsewhere = (await createServicePoint(app.db)).code;
    const res = await postAsKiosk(app.url, wave, token, kioskBody(point, { answers: kioskAnswers(elsewhere) }));
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0]).toMatchObject({ field: 'answers.service_point', rule: 'not_a_choice' });
  });

  it('when a citizen answers the kiosk questionnaire on a phone, then the chosen active point is the PSU, and an unknown one is refused', async () => {
    const body = kioskBody(point, { channel: 'phone' });
    expect((await postAsKiosk(app.url, wave, null, body)).status).toBe(201);
    expect((await stored(body.id as string))[0]).toMatchObject({ channel: 'phone', device_id: null, psu: point, province_code: '01' });

    const unknown = await postAsKiosk(app.url, wave, null, kioskBody(point, { channel: 'phone', answers: kioskAnswers('NO-SUCH-POINT') }));
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors[0]).toMatchObject({ field: 'answers.service_point', rule: 'not_a_choice' });

    const listed = await (await fetch(`${app.url}/api/waves/${wave}/service-points`)).json();
    expect(listed.servicePoints).toContainEqual({ code: point, nameVi: 'Bộ phận một cửa phường Ba Đình', province: '01' });
  });

  it('when a kiosk asks who it is, then it learns its service point; without a token it is told it is not enrolled', async () => {
    const { device, token } = await enrolKiosk(admin, point, { wave, label: 'Ki-ốt tầng 1' });
    const res = await fetch(`${app.url}/api/kiosk/device`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      device: { id: device.id, label: 'Ki-ốt tầng 1', wave },
      servicePoint: { code: point, nameVi: 'Bộ phận một cửa phường Ba Đình', geography: 'vn-34', province: '01' },
    });
    expect((await fetch(`${app.url}/api/kiosk/device`)).status).toBe(401);
  });
});
