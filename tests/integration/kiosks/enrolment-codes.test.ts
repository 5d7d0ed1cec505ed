import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { createServicePoint, createServicePointWave, kioskBody, postAsKiosk } from '../../support/kiosks';
import { anonymous, loginAs, type LoggedInAgent } from '../../support/users';
import { createWave } from '../../support/waves';

interface Issued { enrolment: { code: string; expiresAt: string; url: string; wave: string | null }; qrSvg: string }

describe.each(testDatabases)('enrolling a kiosk with a one-time code shown on the official\'s screen, on $name', (target) => {
  let app: TestApp;
  let admin: LoggedInAgent;
  let official02: LoggedInAgent;
  let point: string;
  let wave: string;

  beforeAll(async () => {
    app = await startTestApp(target);
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    official02 = await loginAs(app.url, app.db, { role: 'province_official', province: '02', geography: 'vn-63' });
    point = (await createServicePoint(app.db)).code;
    wave = (await createServicePointWave(app.db)).id;
  });
  afterAll(async () => {
    await app.close();
  });

  const issue = async (label = 'Ki-ốt sảnh') => {
    const res = await admin.post('/api/kiosk-enrolments', { servicePoint: point, wave, label });
    expect(res.status).toBe(201);
    return await res.json() as Issued;
  };
  const redeem = (code: string) => anonymous(app.url).post('/api/kiosk/enrol', { code });

  it('when an official asks for a code, then it is short, expires within 15 minutes, comes with a QR of the kiosk address, and only its hash is stored', async () => {
    const { enrolment, qrSvg } = await issue();
    expect(enrolment.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const ttl = new Date(enrolment.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect(enrolment.url).toBe(`${app.url}/kiosk/${wave}#enrol=${enrolment.code}`);
    expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const dump = await sql<{ dump: string }>`select (select json_agg(c)::text from kiosk_enrolment_codes c) || (select json_agg(a)::text from audit_log a) as dump`.execute(app.db);
    expect(dump.rows[0].dump).not.toContain(enrolment.code);
    expect(dump.rows[0].dump).not.toContain(enrolment.code.replace('-', ''));
  });

  it('when the kiosk types the code (in lower case, without the dash), then it gets a token that sends responses, and the same code never works twice', async () => {
    const { enrolment } = await issue('Ki-ốt tầng 2');
    const first = await redeem(enrolment.code.replace('-', '').toLowerCase());
    expect(first.status).toBe(201);
    const { device, token } = await first.json();
    expect(device).toMatchObject({ label: 'Ki-ốt tầng 2', wave, status: 'active', servicePoint: { code: point } });
    expect((await postAsKiosk(app.url, wave, token, kioskBody(point))).status).toBe(201);
    const again = await redeem(enrolment.code);
    expect(again.status).toBe(400);
    expect((await again.json()).type).toBe('urn:sipas:problem:kiosk_enrolment_code');
    const audit = await app.db.selectFrom('audit_log').selectAll().where('target', '=', `kiosk:${device.id}`).execute();
    expect(audit).toMatchObject([{ action: 'kiosk_enrolled', actor_id: admin.user.id, details: { servicePoint: point, by: 'enrolment_code' } }]);
  });

  it('when a code has expired, then it enrols nothing', async () => {
    const { enrolment } = await issue();
    await app.db.updateTable('kiosk_enrolment_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('used_at', 'is', null).execute();
    const before = (await app.db.selectFrom('kiosk_devices').select('id').execute()).length;
    expect((await redeem(enrolment.code)).status).toBe(400);
    expect(await app.db.selectFrom('kiosk_devices').select('id').execute()).toHaveLength(before);
  });

  it('when an official of another province asks for a code at a Hà Nội point, then it is refused', async () => {
    const res = await official02.post('/api/kiosk-enrolments', { servicePoint: point, wave, label: 'Ki-ốt' });
    expect(res.status).toBe(403);
  });

  it('when a kiosk reports its queue and version, then the officials\' list shows them with its last contact', async () => {
    const { enrolment } = await issue('Ki-ốt báo cáo');
    const { device, token } = await (await redeem(enrolment.code)).json();
    const res = await fetch(`${app.url}/api/kiosk/status`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ waiting: 3, version: '0.1.0 (abc123)' }),
    });
    expect(res.status).toBe(204);
    const { devices } = await (await admin.get(`/api/kiosk-devices?servicePoint=${point}`)).json();
    const listed = devices.find((d: { id: string }) => d.id === device.id);
    expect(listed).toMatchObject({ waitingAnswers: 3, appVersion: '0.1.0 (abc123)' });
    expect(listed.lastSeenAt).not.toBeNull();
    expect(listed.reportedAt).not.toBeNull();
  });

  it('when the open waves are listed, then only the service-point questionnaire\'s are marked as kiosk waves', async () => {
    const household = await createWave(app.db, {});
    const { waves } = await (await anonymous(app.url).get('/api/waves')).json();
    const flags = Object.fromEntries(waves.map((w: { id: string; kiosk: boolean }) => [w.id, w.kiosk]));
    expect(flags[wave]).toBe(true);
    expect(flags[household.id]).toBe(false);
  });
});
