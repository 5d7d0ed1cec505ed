/**
 * Issue #13's attacks, repeated as an attacker would run them, one `describe` per attack. Each must find
 * nothing. Attacks on behaviour that is still being built elsewhere are `it.todo`, with the exact scenario.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { sql } from 'kysely';
import { strFromU8, unzipSync } from 'fflate';
import { loadConfig } from '../../../server/config';
import { openDatabase } from '../../../server/db/connect';
import { recordAudit } from '../../../server/audit/audit.repository';
import { insertRun } from '../../../server/estimation-runs/runs.repository';
import type { EstimateRow } from '../../../server/estimation/types';
import { newInvitationCode } from '../../../server/invitations/invitation-code';
import { serveApp, startTestApp, type TestApp } from '../../support/app';
import type { TestServer } from '../../support/http';
import { testDatabases } from '../../support/databases';
import { constructedRun } from '../../support/constructed-run';
import { attack, type PublicFigureRow } from '../../support/disclosure-adversary';
import { databaseState, DeepJson, jsonText, percentEncode, problemOf, sendJson } from '../../support/hostile';
import { createServicePoint, createServicePointWave, enrolKiosk, kioskBody, postAsKiosk } from '../../support/kiosks';
import { addressAgent, postFrom } from '../../support/from-address';
import { POLICY_STATEMENTS, responseBody, sipasAnswers } from '../../support/sipas-answers';
import { postCsv, SMALL_FRAME } from '../../support/uploads';
import { INVITATION_LOOKUP_POLICY } from '../../../server/invitations/invitation-lookup';
import { AUTH_POLICY } from '../../../server/auth/auth.policy';
import { anonymous, createUser, loginAs, TEST_PASSWORD, type Agent, type LoggedInAgent } from '../../support/users';
import { createCommunes, createWave } from '../../support/waves';

/** A request with headers fetch will not forge (Host). */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A TCP server that accepts every connection and never answers. */
async function silentTcpServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = net.createServer((socket) => { sockets.add(socket); socket.on('error', () => undefined); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://sipas@127.0.0.1:${port}/sipas`,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

describe.each(testDatabases)('an attacker repeats issue #13 on $name', (target) => {
  let app: TestApp;
  let admin: LoggedInAgent;
  let attacker: Agent;
  let wave: string;

  beforeAll(async () => {
    app = await startTestApp(target);
    await createCommunes(app.db);
    wave = (await createWave(app.db)).id;
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    attacker = anonymous(app.url);
  });
  afterAll(() => app.close());

  /** Runs `attack`, then checks that it stored, changed and deleted nothing. */
  async function leavesNoTrace(attack: () => Promise<void>): Promise<void> {
    const before = await databaseState(app.db);
    await attack();
    expect(await databaseState(app.db)).toEqual(before);
  }

  /** The answer is a problem+json with this status, naming this field with this rule. */
  async function expectRefusal(res: Response, status: number, field: string, rule: string): Promise<void> {
    const problem = await problemOf(res);
    expect({ status: problem.status, issue: problem.errors?.[0] && { field: problem.errors[0].field, rule: problem.errors[0].rule } })
      .toEqual({ status, issue: { field, rule } });
  }

  describe('attack: a household flood from one address', () => {
    const FLOOD = 1_500;
    let household: string;
    let officialRun: { id: string; inputFingerprint: string; respondentCount: number };
    let officialFigures: Map<string, number | null>;
    let accepted = 0;

    /** Every stored figure of a run, by scheme, domain and indicator. */
    async function figuresOf(runId: string): Promise<Map<string, number | null>> {
      const { results } = await (await admin.get(`/api/runs/${runId}`)).json();
      return new Map(results.map((r: { scheme: string; domain_type: string; domain: string; indicator: string; p: number | null }) => [`${r.scheme} ${r.domain_type} ${r.domain} ${r.indicator}`, r.p]));
    }

    /** Answers that leave the place to the invitation code. */
    function invitedAnswers(overall: number): Record<string, unknown> {
      const answers = sipasAnswers({}, { overall });
      delete answers.province;
      delete answers.commune;
      return answers;
    }

    beforeAll(async () => {
      // A household wave with a drawn sample, and six citizens who answered with their invitation codes.
      household = (await createWave(app.db)).id;
      expect((await postCsv(admin, `/api/waves/${household}/sample/frame`, SMALL_FRAME)).status).toBe(201);
      const drawn = await admin.post(`/api/waves/${household}/sample/draw`, { stratification: 'province', communesPerStratum: 1, respondentsPerCommune: 3, seed: 1313 });
      expect(drawn.status).toBe(201);
      const overall = [5, 4, 4, 2, 5, 3];
      let k = 0;
      for (const commune of (await drawn.json()).communes as { code: string }[]) {
        const issued = await admin.post(`/api/waves/${household}/sample/communes/${commune.code}/invitations`, undefined, { headers: { Accept: 'application/json' } });
        for (const { code } of (await issued.json()).invitations as { code: string }[]) {
          expect((await attacker.post(`/api/waves/${household}/responses`, responseBody(invitedAnswers(overall[k++]), { invitationCode: code }))).status).toBe(201);
        }
      }
      const started = await admin.post(`/api/waves/${household}/runs`, {});
      expect(started.status).toBe(201);
      officialRun = (await started.json()).run;
      expect(officialRun.respondentCount).toBe(6);
      officialFigures = await figuresOf(officialRun.id);
    });

    it('when 1,500 anonymous responses are posted to a household wave from one address in 9 s, then the address is held to its rate limit with 429 and Retry-After, and the official figures of the next run do not move', async () => {
      const agent = addressAgent('127.0.0.2', 25);
      const began = Date.now();
      const flood = await Promise.all(Array.from({ length: FLOOD }, () => postFrom('127.0.0.2', `${app.url}/api/waves/${household}/responses`,
        responseBody(sipasAnswers({}, { overall: 1, ...Object.fromEntries(POLICY_STATEMENTS.map((q) => [q, 1])) })), agent)));
      const minutes = (Date.now() - began) / 60_000;
      agent.destroy();
      accepted = flood.filter((r) => r.status === 201).length;
      const refused = flood.filter((r) => r.status === 429);
      expect(accepted + refused.length).toBe(FLOOD);
      // The default bucket: 120 at once, then 30 a minute.
      expect(accepted).toBeGreaterThanOrEqual(120);
      expect(accepted).toBeLessThanOrEqual(120 + Math.ceil(minutes * 30) + 1);
      for (const r of refused) {
        expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(JSON.parse(refused[0].body)).toMatchObject({ status: 429, title: expect.stringContaining('địa chỉ mạng'), title_en: expect.stringContaining('network address') });
      // Another address is not held back by this one (and calling itself a paper form brings no code either).
      expect((await attacker.post(`/api/waves/${household}/responses`, responseBody(sipasAnswers({}, { overall: 1 }), { channel: 'paper' }))).status).toBe(201);

      const again = await admin.post(`/api/waves/${household}/runs`, {});
      expect(again.status).toBe(201);
      const run = (await again.json()).run;
      expect({ respondents: run.respondentCount, input: run.inputFingerprint }).toEqual({ respondents: 6, input: officialRun.inputFingerprint });
      expect(await figuresOf(run.id)).toEqual(officialFigures);
      officialRun = run;
    });

    it('when responses come through the open link of a household wave, then they are kept, marked as not sampled and shown in the fieldwork monitor, and enter no ranking, report or open data', async () => {
      const stored = await app.db.selectFrom('responses').select(['sampled', (eb) => eb.fn.countAll<string>().as('n')])
        .where('wave_id', '=', household).groupBy('sampled').orderBy('sampled').execute();
      const notSampled = accepted + 1;
      expect(stored.map((r) => [r.sampled, Number(r.n)])).toEqual([[false, notSampled], [true, 6]]);
      const monitor = await (await admin.get(`/api/waves/${household}/fieldwork`)).json();
      expect(monitor.totals).toMatchObject({ received: notSampled + 6, notSampled });

      // Estimated only on request, apart, and labelled.
      const requested = await admin.post(`/api/waves/${household}/runs`, { notSampled: true });
      expect(requested.status).toBe(201);
      const separate = (await requested.json()).run;
      expect(separate).toMatchObject({ notSampled: true, nonProbability: true, respondentCount: notSampled });
      expect((await figuresOf(separate.id)).get('design national NATIONAL overall')).toBe(0);

      // The newest run, but never ranked, reported, published or put in open data.
      const rankings = await (await admin.get(`/api/dashboard/waves/${household}/rankings?indicator=overall`)).json();
      expect(rankings.run).toMatchObject({ id: officialRun.id, respondentCount: 6 });
      for (const res of [await admin.get(`/api/runs/${separate.id}/report.pdf`), await admin.put(`/api/runs/${separate.id}/publication`), await admin.get(`/api/runs/${separate.id}/publication/preview`)]) {
        await expectRefusal(res, 409, 'run', 'not_sampled');
      }
      await expect(app.db.updateTable('estimation_runs').set({ published_at: new Date() }).where('id', '=', separate.id).execute()).rejects.toThrow();
      expect((await admin.put(`/api/runs/${officialRun.id}/publication`)).status).toBe(200);
      const open = (await (await attacker.get('/api/open/runs')).json()).runs.filter((r: { wave: string }) => r.wave === household);
      expect(open.map((r: { id: string; respondentCount: number }) => [r.id, r.respondentCount])).toEqual([[officialRun.id, 6]]);
      expect((await attacker.get(`/api/open/runs/${separate.id}`)).status).toBe(404);
    });

    it('when a wave is declared open (self-selected), then every screen, export and report of it says its figures are not from a probability sample', async () => {
      const open = (await createWave(app.db, { design: 'open' })).id;
      for (const overall of [5, 4, 2, 4]) {
        expect((await attacker.post(`/api/waves/${open}/responses`, responseBody(sipasAnswers({}, { overall })))).status).toBe(201);
      }
      expect((await admin.post(`/api/waves/${open}/runs`, { notSampled: true })).status).toBe(422);
      const started = await admin.post(`/api/waves/${open}/runs`, {});
      expect(started.status).toBe(201);
      const run = (await started.json()).run;
      expect(run).toMatchObject({ respondentCount: 4, notSampled: false, nonProbability: true });

      const overview = await (await admin.get(`/api/dashboard/waves/${open}/overview`)).json();
      expect(overview.wave).toMatchObject({ design: 'open', probabilitySample: false });
      const csv = await admin.get(`/api/runs/${run.id}/estimates.csv`);
      expect([csv.status, csv.headers.get('x-sipas-sample'), csv.headers.get('content-disposition')])
        .toEqual([200, 'Mau phi xac suat (non-probability)', expect.stringContaining('-phi-xac-suat')]);
      const xlsx = await admin.get(`/api/runs/${run.id}/estimates.xlsx`);
      const sheets = Object.values(unzipSync(new Uint8Array(await xlsx.arrayBuffer()))).map((f) => strFromU8(f)).join('\n');
      expect(sheets).toContain('Mẫu phi xác suất');
      const zip = await admin.get(`/api/runs/${run.id}/microdata.zip`);
      expect(zip.headers.get('x-sipas-sample')).toBe('Mau phi xac suat (non-probability)');
      const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
      expect(strFromU8(files['README.txt'])).toMatch(/^MẪU PHI XÁC SUẤT/);
      expect(JSON.parse(strFromU8(files['codebook.json'])).sample).toMatchObject({ probability: false });
      const report = await admin.get(`/api/runs/${run.id}/report.pdf`);
      expect([report.status, report.headers.get('x-sipas-sample')]).toEqual([200, 'Mau phi xac suat (non-probability)']);

      expect((await admin.put(`/api/runs/${run.id}/publication`)).status).toBe(200);
      const published = await (await attacker.get(`/api/open/runs/${run.id}`)).json();
      expect(published.run).toMatchObject({ design: 'open', probabilitySample: false, sampleNotice: { vi: expect.stringContaining('phi xác suất'), en: expect.stringContaining('not from a probability sample') } });
      const listed = (await (await attacker.get('/api/open/runs')).json()).runs.find((r: { id: string }) => r.id === run.id);
      expect(listed).toMatchObject({ probabilitySample: false });
    });

    it("when a citizen's response claims an enrolled kiosk's deviceId, then it is refused, and the kiosk's limits and flags are untouched", async () => {
      const point = (await createServicePoint(app.db)).code;
      const kioskWave = (await createServicePointWave(app.db)).id;
      const { device, token } = await enrolKiosk(admin, point);
      const spellings = [device.id, device.id.toUpperCase(), device.id.replace(/-/g, ''), `{${device.id}}`];
      // More spoofs than the kiosk's own burst (120), from one address of their own.
      const spoofs: { status: number; body: string }[] = [];
      for (let i = 0; i < 130; i++) {
        spoofs.push(await postFrom('127.0.0.3', `${app.url}/api/waves/${kioskWave}/responses`, kioskBody(point, { channel: 'phone', deviceId: spellings[i % spellings.length] })));
      }
      const refused = spoofs.filter((r) => r.status === 422);
      expect(refused.length + spoofs.filter((r) => r.status === 429).length).toBe(130);
      expect(refused.length).toBeGreaterThanOrEqual(120);
      expect(new Set(refused.map((r) => JSON.stringify(JSON.parse(r.body).errors.map((e: { field: string; rule: string }) => [e.field, e.rule])))))
        .toEqual(new Set([JSON.stringify([['deviceId', 'kiosk_device']])]));
      expect(await app.db.selectFrom('responses').select('id').where('wave_id', '=', kioskWave).execute()).toEqual([]);

      // The kiosk itself still sends at once, nothing flags it, and a citizen's own device id is accepted.
      expect((await postAsKiosk(app.url, kioskWave, token, kioskBody(point))).status).toBe(201);
      expect((await attacker.post(`/api/waves/${kioskWave}/responses`, kioskBody(point, { channel: 'phone', deviceId: randomUUID() }))).status).toBe(201);
      const monitor = await (await admin.get(`/api/waves/${kioskWave}/fieldwork`)).json();
      expect(monitor.totals).toMatchObject({ received: 2, flags: expect.objectContaining({ device_burst: 0 }) });
      expect(await app.db.selectFrom('audit_log').select('id').where('target', '=', `kiosk:${device.id}`).where('action', '=', 'kiosk_rate_limited').execute()).toEqual([]);
    });
  });

  describe('attack: recovering withheld cells by subtraction', () => {
    // Province 01 has 12 respondents; the national figure and the mean of provinces are published.
    const P = { n01: 12, weights: [1000, 3000, 5000, 8000, 9000, 4000], values: [0.5, 0.6, 0.7, 0.4, 0.55, 0.65], n: [12, 40, 50, 400, 500, 300] };
    let run: string;
    let rows: EstimateRow[];
    let published: { estimates: PublicFigureRow[] };

    beforeAll(async () => {
      const codes = (await app.db.selectFrom('provinces').select('code').where('geography_code', '=', 'vn-63').orderBy('code').limit(6).execute()).map((p) => p.code);
      rows = constructedRun(codes.map((code, k) => ({ code, w: P.weights[k], p: { overall: P.values[k] }, n: P.n[k] }))).rows;
      const stored = await insertRun(app.db, {
        waveId: wave, geographyCode: 'vn-63', schemes: ['design'], parameters: { by: [] }, inputFingerprint: 'x', marginsFingerprint: null,
        codeVersion: 'test', respondentCount: 1302, status: 'succeeded', error: null, startedBy: null, startedAt: new Date(),
      }, rows);
      run = stored.id;
      expect((await admin.put(`/api/runs/${run}/publication`)).status).toBe(200);
      published = await (await attacker.get(`/api/open/runs/${run}`)).json();
    });

    it('when a withheld cell is read from the open API, then it carries no answer figures at all (p, p_unweighted, se, intervals, deff, sum_w)', () => {
      const small = published.estimates.find((r) => r.n === P.n01)! as PublicFigureRow & Record<string, unknown>;
      expect(small).toMatchObject({ suppressed: 'small_cell', p: null, p_unweighted: null, se: null, ci_xlogit_lo: null, ci_xlogit_hi: null, ci_kg_lo: null, ci_kg_hi: null, deff: null, sum_w: null, kish_deff: null, kish_neff: null });
    });

    it('when the published national, mean-of-provinces, region and province figures are solved as a linear system at their published precision, by someone who knows every province\'s population, then no withheld proportion (weighted or unweighted) narrows to an interval under 10 percentage points', async () => {
      const weights = new Map(rows.map((r) => [`${r.domain_type}|${r.domain}|${r.indicator}`, r.sum_w]));
      const recovered = await attack({ rows: published.estimates, weightOf: (_s, key) => weights.get(key) ?? null, composites: [] });
      expect(recovered.length).toBeGreaterThanOrEqual(4);
      expect(recovered.filter((r) => r.hi - r.lo < 0.1)).toEqual([]);
    });

    it('when one small cell alone would be exposed, then further cells are withheld and say so (suppressed: "secondary")', () => {
      expect(published.estimates.filter((r) => r.suppressed === 'secondary').map((r) => r.n).sort((a, b) => a - b)).toEqual([40, 50]);
    });

    it('when microdata is exported, then each respondent carries a pseudonymous number of that export, never the response UUID', async () => {
      const created = await createWave(app.db, { status: 'closed' });
      const ids = Array.from({ length: 4 }, () => randomUUID());
      await app.db.insertInto('responses').values(ids.map((id, k) => ({
        id, wave_id: created.id, survey_version_id: created.survey_version_id, province_code: '01', commune_code: null, stratum: '01', psu: null,
        channel: 'paper' as const, device_id: null, answers: JSON.stringify(sipasAnswers({}, { overall: 2 + (k % 3) })), content_hash: id, base_weight: 1,
      }))).execute();
      const started = await admin.post(`/api/waves/${created.id}/runs`, {});
      expect(started.status).toBe(201);
      const zip = await admin.get(`/api/runs/${(await started.json()).run.id}/microdata.zip`);
      const text = Object.values(unzipSync(new Uint8Array(await zip.arrayBuffer()))).map((f) => strFromU8(f)).join('\n');
      for (const id of ids) expect(text).not.toContain(id);
      const numbers = text.split('\n').filter((l) => /^\d+,2023,"?01/.test(l)).map((l) => Number(l.split(',')[0]));
      expect(numbers).toEqual([1, 2, 3, 4]);
    });
  });

  /** Sign-in attacks all come from 127.0.0.1: move their failures out of the per-address window afterwards. */
  async function forgetLoginFailures(): Promise<void> {
    await sql`update audit_log set at = at - interval '2 days' where action in ('login_failed', 'lockout')`.execute(app.db);
  }
  const signIn = (username: string, password: string) => anonymous(app.url).post('/api/auth/login', { username, password });
  const judgedWrong = async (userId: number) => (await app.db.selectFrom('audit_log').select('id').where('action', '=', 'login_failed')
    .where('target', '=', `user:${userId}`).where(sql<string>`details->>'reason'`, '=', 'wrong_password').execute()).length;

  describe('attack: parallel wrong passwords', () => {
    afterAll(forgetLoginFailures);

    it('when 40 wrong passwords for one account are sent in parallel, then no more than the limit are judged, and a right password in the same burst opens no session', async () => {
      const { user } = await createUser(app.db);
      let right: Promise<Response> | undefined;
      // The right password goes out as soon as the burst has locked the account, while the rest of it is in flight.
      const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(user.username, `sai mật khẩu ${i}`).then((res) => {
        if (res.status === 423) right ??= signIn(user.username, TEST_PASSWORD);
        return res.status;
      })));
      expect(right).toBeDefined();
      const rightAnswer = await right!;
      expect(await judgedWrong(user.id)).toBe(AUTH_POLICY.maxFailedAttempts);
      expect(statuses.filter((s) => s === 401)).toHaveLength(AUTH_POLICY.maxFailedAttempts - 1);
      expect(statuses.filter((s) => s === 423)).toHaveLength(40 - AUTH_POLICY.maxFailedAttempts + 1);
      expect(rightAnswer.status).toBe(423);
      expect(rightAnswer.headers.getSetCookie()).toEqual([]);
      expect(await app.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
      expect(await app.db.selectFrom('audit_log').select('id').where('action', '=', 'lockout').where('target', '=', `user:${user.id}`).execute()).toHaveLength(1);
    }, 240_000);
  });

  describe('attack: X-Forwarded-For spoofing', () => {
    it('when TRUST_PROXY=true is configured, then the server refuses to start and says what to write instead', () => {
      expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY không nhận true.*10\.0\.0\.1,10\.0\.0\.2/s);
    });

    it.each([
      ['a hop count (TRUST_PROXY=1)', 1 as const],
      ['a list of proxy addresses (TRUST_PROXY=127.0.0.1)', ['127.0.0.1']],
    ])('when every request names a new address in X-Forwarded-For behind %s, then the per-address throttle still holds and the audit log records the address the trusted proxy saw', async (_name, trustProxy) => {
      const proxied = await startTestApp(target, { trustProxy });
      try {
        // The address has failed all but 5 of its allowance already; 15 more come at once, each under a new name.
        const spent = AUTH_POLICY.ipMaxFailures - 5;
        for (let i = 0; i < spent; i += 1) {
          await recordAudit(proxied.db, { action: 'login_failed', actorId: null, ip: '203.0.113.7', details: { reason: 'unknown_user', login: `earlier-${i}` } });
        }
        // The proxy (127.0.0.1) appends the address it saw, 203.0.113.7, to whatever the client wrote.
        const statuses = await Promise.all(Array.from({ length: 15 }, (_, i) => fetch(`${proxied.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `198.51.100.${i}, 203.0.113.7` },
          body: JSON.stringify({ username: `khach-${i}`, password: `đoán mò lần ${i}` }),
        }).then((res) => res.status)));
        expect(statuses.filter((s) => s === 401)).toHaveLength(5);
        expect(statuses.filter((s) => s === 429)).toHaveLength(10);
        const audited = await proxied.db.selectFrom('audit_log').select('ip').distinct().where('action', '=', 'login_failed').execute();
        expect(audited).toEqual([{ ip: '203.0.113.7' }]);
      } finally {
        await proxied.close();
      }
    }, 240_000);
  });

  describe("attack: locking anyone's account", () => {
    afterAll(forgetLoginFailures);

    async function lockWithWrongPasswords(username: string): Promise<Response> {
      let last!: Response;
      for (let i = 0; i < AUTH_POLICY.maxFailedAttempts; i += 1) last = await signIn(username, `khóa người khác ${i}`);
      return last;
    }

    it('when someone sends five wrong passwords for an account, then the lock is temporary with growing delays, and a national administrator can unlock it from the accounts page', async () => {
      const { user } = await createUser(app.db);
      const first = await lockWithWrongPasswords(user.username);
      expect(first.status).toBe(423);
      expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect(Number(first.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
      // The first lock ends by itself; the attacker locks the account again, for twice as long.
      await app.db.updateTable('users').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', user.id).execute();
      const second = await lockWithWrongPasswords(user.username);
      expect(second.status).toBe(423);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(29 * 60);
      expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(30 * 60);
      expect((await signIn(user.username, TEST_PASSWORD)).status).toBe(423);

      const analyst = await loginAs(app.url, app.db, { role: 'analyst' });
      expect((await analyst.post(`/api/users/${user.id}/unlock`, {})).status).toBe(403);
      const unlocked = await admin.post(`/api/users/${user.id}/unlock`, {});
      expect(unlocked.status).toBe(200);
      expect((await unlocked.json()).user).toMatchObject({ id: user.id, lockedUntil: null, failedAttempts: 0, lockouts: 0 });
      const audit = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'user_unlocked').where('target', '=', `user:${user.id}`).execute();
      expect(audit).toEqual([expect.objectContaining({ actor_id: admin.user.id, details: expect.objectContaining({ username: user.username, lockouts: 2 }) })]);
      expect((await signIn(user.username, TEST_PASSWORD)).status).toBe(200);
      // After the unlock the next lock is again the shortest.
      const again = await lockWithWrongPasswords(user.username);
      expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    }, 240_000);
  });

  describe('attack: guessable passwords', () => {
    const GUESSABLE = ['aaaaaaaaaaaa', 'password1234', '123456789012', 'matkhau12345', 'Mật khẩu 2024', 'vietnam123456', 'qwertyuiop12'];

    it('when an account is given a common or guessable password (aaaaaaaaaaaa, password1234, 123456789012), then it is refused naming the password field', async () => {
      const official = (await createUser(app.db)).user;
      await leavesNoTrace(async () => {
        for (const password of GUESSABLE) {
          await expectRefusal(await admin.post('/api/users', { username: `doan-mo-${GUESSABLE.indexOf(password)}`, displayName: 'Người thử', role: 'analyst', password }), 422, 'password', 'password_too_guessable');
          await expectRefusal(await admin.patch(`/api/users/${official.id}`, { password }), 422, 'password', 'password_too_guessable');
        }
        // Names the account is known by are guessable too.
        await expectRefusal(await admin.post('/api/users', { username: 'tran-thi-b', displayName: 'Trần Thị Bích Ngọc', role: 'analyst', password: 'Trần Thị Bích Ngọc' }), 422, 'password', 'password_too_guessable');
      });
      expect((await admin.post('/api/users', { username: 'kho-doan', displayName: 'Người thử', role: 'analyst', password: 'ngựa ô qua cầu tre lúc 5 giờ' })).status).toBe(201);
    }, 240_000);
  });

  describe('attack: hostile bytes', () => {
    it('when an answer holds a NUL or a lone surrogate, then the response is a 422 naming the answer, and nothing is stored', async () => {
      await leavesNoTrace(async () => {
        await expectRefusal(await attacker.post(`/api/waves/${wave}/responses`, responseBody(sipasAnswers({}, { comment: 'Tốt\u0000' }))), 422, 'answers.comment', 'nul_character');
        await expectRefusal(await attacker.post(`/api/waves/${wave}/responses`, responseBody(sipasAnswers({}, { village: 'Thôn \ud800' }))), 422, 'answers.village', 'lone_surrogate');
        await expectRefusal(await attacker.post(`/api/waves/${wave}/responses`, responseBody(sipasAnswers({}, { 'q\u0000': 1 }))), 422, 'answers.q\\u0000', 'nul_character');
      });
    });

    it('when the deviceId holds a NUL, then the response is a 422 naming deviceId, and nothing is stored', async () => {
      await leavesNoTrace(async () => {
        await expectRefusal(await attacker.post(`/api/waves/${wave}/responses`, responseBody(sipasAnswers(), { deviceId: 'ki-ot\u0000' })), 422, 'deviceId', 'nul_character');
      });
    });

    it('when the path or the query string holds a NUL or bytes that are not UTF-8, then the answer is a 400 naming path or query.<name>', async () => {
      await leavesNoTrace(async () => {
        await expectRefusal(await attacker.post(`/api/waves/${percentEncode('x\u0000')}/responses`, responseBody()), 400, 'path', 'nul_character');
        await expectRefusal(await attacker.get(`/api/waves/${percentEncode('x\ud800')}/questionnaire`), 400, 'path', 'percent_encoding');
        await expectRefusal(await attacker.get(`/api/waves/${wave}/invitation?code=${percentEncode('\u0000')}`), 400, 'query.code', 'nul_character');
        await expectRefusal(await admin.get(`/api/audit?target=${percentEncode('\udc00')}`), 400, 'query.target', 'percent_encoding');
      });
    });

    it("when an administrator's request body holds a NUL or a lone surrogate, then it is a 422 naming body.<field>, and nothing is stored", async () => {
      const official = (await createUser(app.db)).user;
      await leavesNoTrace(async () => {
        await expectRefusal(await admin.post('/api/users', { username: 'ke-tan-cong', displayName: 'A\u0000', role: 'analyst', password: 'mật khẩu đủ dài của kẻ tấn công' }), 422, 'body.displayName', 'nul_character');
        await expectRefusal(await admin.patch(`/api/users/${official.id}`, { displayName: 'B\udfff' }), 422, 'body.displayName', 'lone_surrogate');
        await expectRefusal(await admin.post('/api/waves', { id: 'dot-tan-cong', titleVi: '\ud800' }), 422, 'body.titleVi', 'lone_surrogate');
        await expectRefusal(await attacker.post('/api/auth/login', { username: `${admin.user.username}\u0000`, password: admin.password }), 422, 'body.username', 'nul_character');
      });
    });

    it('when an uploaded CSV holds a NUL, then the upload is a 422 naming its line, and nothing is stored', async () => {
      const lines = SMALL_FRAME.split('\n');
      lines[3] = lines[3].replace('Vĩnh Phúc', 'Vĩnh\u0000Phúc');
      await leavesNoTrace(async () => {
        await expectRefusal(await postCsv(admin, `/api/waves/${wave}/sample/frame`, lines.join('\n')), 422, 'line.4', 'nul_character');
      });
    });

    it("when a kiosk's oldest answer is hostile, then it is refused for good (a 4xx its outbox sets aside, not a 5xx, 408 or 429 it would retry), and the kiosk's next answer is stored", async () => {
      const point = (await createServicePoint(app.db)).code;
      const kioskWave = (await createServicePointWave(app.db)).id;
      const { device, token } = await enrolKiosk(admin, point);
      const poisoned = kioskBody(point);
      (poisoned.answers as Record<string, unknown>).q_staff_1 = new DeepJson(5_000, 'array');
      const refused = await fetch(`${app.url}/api/waves/${kioskWave}/responses`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: jsonText(poisoned),
      });
      expect(refused.status).toBe(422);
      const next = kioskBody(point);
      expect((await postAsKiosk(app.url, kioskWave, token, next)).status).toBe(201);
      const stored = await app.db.selectFrom('responses').select('id').where('device_id', '=', device.id).execute();
      expect(stored.map((r) => r.id)).toEqual([next.id]);
    });
  });

  describe('attack: deep nesting', () => {
    it('when an answer nests 5,000 arrays deep, then the response is a 422 naming the answer, and nothing is stored', async () => {
      await leavesNoTrace(async () => {
        const res = await sendJson(attacker, 'POST', `/api/waves/${wave}/responses`, responseBody(sipasAnswers({}, { comment: new DeepJson(5_000, 'array') })));
        const problem = await problemOf(res);
        expect(problem.status).toBe(422);
        expect(problem.errors?.[0]).toMatchObject({ field: expect.stringMatching(/^answers\.comment(\.0)+$/), rule: 'too_deep' });
      });
    });

    it('when the body itself is 10,000 arrays deep, or an administrator\'s field 1,000 or 20,000 levels, then each is refused naming the field, and the server stays up', async () => {
      await leavesNoTrace(async () => {
        const res = await sendJson(attacker, 'POST', `/api/waves/${wave}/responses`, new DeepJson(10_000, 'array'));
        expect((await problemOf(res)).errors?.[0].rule).toBe('too_deep');
        const admins = await sendJson(admin, 'PATCH', `/api/users/${admin.user.id}`, { displayName: new DeepJson(1_000, 'array') });
        await expectRefusal(admins, 422, `body.displayName${'.0'.repeat(31)}`, 'too_deep');
        const tooLarge = await sendJson(admin, 'PATCH', `/api/users/${admin.user.id}`, { displayName: new DeepJson(20_000, 'object') });
        await expectRefusal(tooLarge, 413, 'body', 'max_size');
      });
      expect((await attacker.get('/healthz')).status).toBe(200);
    });
  });

  describe('attack: a forged Host header', () => {
    const PUBLIC_URL = 'https://khaosat.example.gov.vn';
    let server: TestServer;

    beforeAll(async () => {
      server = await serveApp(app.db, { publicUrl: PUBLIC_URL });
    });
    afterAll(() => server.close());

    it("when a request's Host header is forged, then invitation URLs and the printed QR sheets still carry PUBLIC_URL", async () => {
      const sampled = (await createWave(app.db, { id: `host-${randomBytes(3).toString('hex')}` })).id;
      expect((await postCsv(admin, `/api/waves/${sampled}/sample/frame`, SMALL_FRAME)).status).toBe(201);
      const drawn = await admin.post(`/api/waves/${sampled}/sample/draw`, { stratification: 'province', communesPerStratum: 1, respondentsPerCommune: 2, seed: 7 });
      const commune = (await drawn.json()).communes[0].code;
      const path = `/api/waves/${sampled}/sample/communes/${commune}/invitations`;
      for (const host of ['evil.example', 'evil.example:8443', `${new URL(server.url).host}@evil.example`]) {
        const forged = { Host: host, 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https', Cookie: `sipas_session=${admin.cookie}`, 'X-CSRF-Token': admin.csrfToken! };
        const json = await rawRequest(server.url, 'POST', path, { ...forged, Accept: 'application/json' });
        expect(json.status).toBe(201);
        const urls = (JSON.parse(json.body.toString('utf8')).invitations as { url: string; code: string }[]).map((i) => [i.url, i.code]);
        expect(urls).toEqual(urls.map(([, code]) => [`${PUBLIC_URL}/s/${sampled}?code=${code}`, code]));
        const pdf = await rawRequest(server.url, 'POST', path, { ...forged, Accept: 'application/pdf' });
        expect(pdf.status).toBe(201);
        // Each card's QR code is also a link annotation holding the very address the code encodes.
        const links = [...pdf.body.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
        expect(links).toHaveLength(2);
        for (const link of links) expect(link).toMatch(new RegExp(`^${PUBLIC_URL.replace(/\./g, '\\.')}/s/${sampled}\\?code=[A-Z0-9-]+$`));
        expect(pdf.body.toString('latin1')).not.toContain('evil');
      }
    });
  });

  describe("attack: reading a draft wave's questionnaire", () => {
    it('when a draft is asked for by its id, or by ids a draft might have, then each is the 404 of a wave that does not exist, and no list names it', async () => {
      const draft = (await createWave(app.db, { id: 'sipas-2031', status: 'draft' })).id;
      const answers = new Map<string, unknown>();
      for (const id of [draft, 'sipas-2032', 'sipas-2031-draft']) {
        const res = await attacker.get(`/api/waves/${id}/questionnaire`);
        expect([id, res.status]).toEqual([id, 404]);
        const { type, title_en: titleEn } = await res.json();
        answers.set(id, { type, titleEn: titleEn.replace(id, '<id>') });
      }
      expect(new Set([...answers.values()].map((a) => JSON.stringify(a))).size).toBe(1);
      const listed = (await (await attacker.get('/api/waves')).json()).waves.map((w: { id: string }) => w.id);
      expect(listed).not.toContain(draft);
      expect((await admin.get(`/api/waves/${draft}/questionnaire`)).status).toBe(200);
    });
  });

  describe('attack: used-code look-ups', () => {
    afterAll(async () => {
      await app.db.deleteFrom('address_failures').execute();
    });

    it('when used invitation codes are looked up again and again, then the look-ups are throttled like sign-in and do not each write a row', async () => {
      const sampled = (await createWave(app.db)).id;
      expect((await postCsv(admin, `/api/waves/${sampled}/sample/frame`, SMALL_FRAME)).status).toBe(201);
      const drawn = await admin.post(`/api/waves/${sampled}/sample/draw`, { stratification: 'province', communesPerStratum: 1, respondentsPerCommune: 2, seed: 13 });
      const commune = (await drawn.json()).communes[0].code;
      const issued = await (await admin.post(`/api/waves/${sampled}/sample/communes/${commune}/invitations`, undefined, { headers: { Accept: 'application/json' } })).json();
      const [used, unused] = issued.invitations.map((i: { code: string }) => i.code);
      const answers = sipasAnswers();
      delete answers.province;
      delete answers.commune;
      expect((await attacker.post(`/api/waves/${sampled}/responses`, responseBody(answers, { invitationCode: used }))).status).toBe(201);
      const rows = async () => (await sql<{ refusals: string; counters: string; audit: string }>`select (select count(*) from invitation_refusals) as refusals,
        (select count(*) from address_failures) as counters, (select count(*) from audit_log) as audit`.execute(app.db)).rows[0];
      const before = await rows();

      const attempts = INVITATION_LOOKUP_POLICY.maxFailures + 10;
      const answersOf = await Promise.all(Array.from({ length: attempts }, () => attacker.get(`/api/waves/${sampled}/invitation?code=${used}`)));
      const statuses = answersOf.map((r) => r.status);
      expect(statuses.filter((s) => s === 409)).toHaveLength(INVITATION_LOOKUP_POLICY.maxFailures);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      const throttled = answersOf.find((r) => r.status === 429)!;
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await problemOf(throttled)).toMatchObject({ type: 'urn:sipas:problem:address_throttled', title: expect.stringMatching(/^Có quá nhiều yêu cầu không hợp lệ/) });
      // One refusal of the code for the fieldwork monitor, and a counter row of the address (two if the burst
      // straddled two slices of the window): not a row per look-up.
      const after = await rows();
      expect(Number(after.refusals) - Number(before.refusals)).toBe(1);
      expect(Number(after.audit) - Number(before.audit)).toBe(0);
      expect(Number(after.counters) - Number(before.counters)).toBeGreaterThanOrEqual(1);
      expect(Number(after.counters) - Number(before.counters)).toBeLessThanOrEqual(2);
      // The throttle holds for every code from that address, good ones included, until the window passes.
      expect((await attacker.get(`/api/waves/${sampled}/invitation?code=${unused}`)).status).toBe(429);
      await app.db.deleteFrom('address_failures').execute();
      expect((await attacker.get(`/api/waves/${sampled}/invitation?code=${unused}`)).status).toBe(200);
    }, 240_000);
  });

  describe('attack: an unreachable database', () => {
    /** A PostgreSQL address that accepts connections and never says a word. */
    let silent: { url: string; close(): Promise<void> };

    beforeAll(async () => { silent = await silentTcpServer(); });
    afterAll(() => silent.close());

    it.each([
      ['a closed port', () => 'postgres://sipas@127.0.0.1:1/sipas'],
      ['a server that accepts and never answers', () => silent.url],
    ])('when the database is %s, then requests fail within a few seconds with a 503 problem and Retry-After instead of hanging for 20 s', async (_what, url) => {
      // The shipped defaults (DATABASE_CONNECT_TIMEOUT_MS), as the server reads them.
      const database = await openDatabase(loadConfig({ DATABASE_URL: url() }).database);
      const unreachable = await serveApp(database.db);
      try {
        const citizen = anonymous(unreachable.url);
        const started = Date.now();
        const answers = await Promise.all([
          citizen.get('/api/waves'),
          citizen.get(`/api/waves/${wave}/questionnaire`),
          citizen.post(`/api/waves/${wave}/responses`, responseBody(sipasAnswers())),
          citizen.post('/api/auth/login', { username: 'admin', password: 'một mật khẩu bất kỳ' }),
          citizen.get('/readyz'),
        ]);
        const elapsed = Date.now() - started;
        for (const res of answers) {
          const retryAfter = Number(res.headers.get('retry-after'));
          expect({ url: res.url, status: res.status, type: res.headers.get('content-type'), retryAfter: Number.isInteger(retryAfter) && retryAfter > 0 })
            .toEqual({ url: res.url, status: 503, type: 'application/problem+json; charset=utf-8', retryAfter: true });
        }
        expect((await answers[0].json()).type).toBe('urn:sipas:problem:database_unavailable');
        expect(elapsed).toBeLessThan(10_000);
        expect((await citizen.get('/healthz')).status).toBe(200);
      } finally {
        await unreachable.close();
        await database.close();
      }
    });
  });

  describe('attack: SQL-injection-ish ids', () => {
    const INJECTIONS = ["' OR '1'='1", "1; DROP TABLE responses; --", "x') UNION SELECT password_hash FROM users --", '1 OR 1=1', '%', '_'];

    it('when ids in paths are written as SQL, then each names nothing: a 4xx, never a 5xx, and nothing changes', async () => {
      await leavesNoTrace(async () => {
        for (const injection of INJECTIONS) {
          const id = encodeURIComponent(injection);
          for (const [agent, method, path] of [
            [attacker, 'GET', `/api/waves/${id}/questionnaire`], [attacker, 'GET', `/api/open/runs/${id}`],
            [attacker, 'POST', `/api/waves/${id}/responses`], [admin, 'GET', `/api/runs/${id}`],
            [admin, 'PATCH', `/api/users/${id}`], [admin, 'POST', `/api/kiosk-devices/${id}/revoke`],
            [admin, 'PATCH', `/api/waves/${wave}/responses/${id}`], [admin, 'GET', `/api/dashboard/waves/${id}/overview`],
          ] as const) {
            const res = await agent.request(method, path, method === 'GET' ? undefined : {});
            expect([injection, path, res.status >= 400 && res.status < 500]).toEqual([injection, path, true]);
          }
        }
      });
    });

    it('when query values are written as SQL, then they match nothing and widen nothing', async () => {
      const all = (await (await attacker.get(`/api/waves/${wave}/communes?province=01`)).json()).communes;
      expect(all.length).toBeGreaterThan(0);
      await leavesNoTrace(async () => {
        for (const injection of INJECTIONS) {
          const res = await attacker.get(`/api/waves/${wave}/communes?province=${encodeURIComponent(`01${injection}`)}`);
          expect([injection, res.status, (await res.json()).communes]).toEqual([injection, 200, []]);
          const audit = await admin.get(`/api/audit?target=${encodeURIComponent(injection)}`);
          expect([injection, audit.status, (await audit.json()).entries]).toEqual([injection, 200, []]);
        }
      });
    });

    it('when a sign-in is written as SQL, then it opens no session', async () => {
      for (const injection of INJECTIONS) {
        const intruder = anonymous(app.url);
        const login = await intruder.post('/api/auth/login', { username: `${admin.user.username}${injection}`, password: injection });
        expect([injection, login.status, intruder.cookie]).toEqual([injection, 401, null]);
      }
    });

    it('when an answer is written as SQL, then it is stored as the text it is, and every table is still there', async () => {
      const body = responseBody(sipasAnswers({}, { comment: INJECTIONS.join(' ') }));
      expect((await attacker.post(`/api/waves/${wave}/responses`, body)).status).toBe(201);
      const stored = await app.db.selectFrom('responses').select('answers').where('id', '=', body.id as string).executeTakeFirstOrThrow();
      expect(stored.answers.comment).toBe(INJECTIONS.join(' '));
      const tables = await sql<{ n: string }>`select count(*) as n from information_schema.tables where table_name in ('responses', 'users')`.execute(app.db);
      expect(Number(tables.rows[0].n)).toBe(2);
    });
  });

  describe('attack: guessed ids', () => {
    it("when a run's own id is known but it is not published, then the open API answers exactly as for a run that does not exist", async () => {
      const run = await app.db.insertInto('estimation_runs').values({
        wave_id: wave, geography_code: 'vn-63', schemes: ['base'], parameters: JSON.stringify({}), input_fingerprint: 'x',
        code_version: 'test', respondent_count: 0, status: 'succeeded', started_at: new Date().toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      const [known, guessed] = await Promise.all([run.id, randomUUID()].map((id) => attacker.get(`/api/open/runs/${id}`)));
      expect([known.status, guessed.status]).toEqual([404, 404]);
      expect(await known.json()).toEqual({ ...(await guessed.json()), instance: `/api/open/runs/${run.id}` });
    });

    it('when invitation codes of the right shape are guessed, then none is found and a response claiming one stores nothing', async () => {
      const sampled = (await createWave(app.db)).id;
      expect((await postCsv(admin, `/api/waves/${sampled}/sample/frame`, SMALL_FRAME)).status).toBe(201);
      expect((await admin.post(`/api/waves/${sampled}/sample/draw`, { stratification: 'province', communesPerStratum: 1, respondentsPerCommune: 2, seed: 13 })).status).toBe(201);
      const counted = async () => Number((await app.db.selectFrom('address_failures').select((eb) => eb.fn.sum<string | null>('failures').as('n'))
        .where('throttle', '=', 'invitation_lookup').executeTakeFirst())?.n ?? 0);
      const countedBefore = await counted();
      await leavesNoTrace(async () => {
        for (let i = 0; i < 20; i++) {
          const code = newInvitationCode();
          await expectRefusal(await attacker.get(`/api/waves/${sampled}/invitation?code=${code}`), 422, 'invitationCode', 'unknown_code');
          const claim = await attacker.post(`/api/waves/${sampled}/responses`, responseBody(sipasAnswers(), { invitationCode: code }));
          await expectRefusal(claim, 422, 'invitationCode', 'unknown_code');
        }
      });
      // Each refused look-up counts towards the address's throttle (the claims are the submission rate limit's).
      expect(await counted() - countedBefore).toBe(20);
    });

    it('when session cookies or kiosk tokens are guessed, then they open nothing', async () => {
      await leavesNoTrace(async () => {
        for (let i = 0; i < 20; i++) {
          const guess = randomBytes(32).toString('base64url');
          const res = await fetch(`${app.url}/api/auth/session`, { headers: { Cookie: `sipas_session=${guess}` } });
          expect(res.status).toBe(401);
          expect((await postAsKiosk(app.url, wave, guess, kioskBody('HN-01'))).status).toBe(401);
        }
      });
    });

    it("when a province official walks the users' sequential ids, then every change is refused", async () => {
      const official = await loginAs(app.url, app.db, { role: 'province_official', province: '01' });
      await leavesNoTrace(async () => {
        for (const id of [1, 2, 3, admin.user.id, official.user.id + 1]) {
          const res = await official.patch(`/api/users/${id}`, { role: 'national_admin' });
          expect([id, res.status]).toEqual([id, 403]);
        }
      });
    });
  });
});

/** Processes as a user starts them from a terminal (`npm start`, `npm run sipas -- …`). */
describe('an attacker repeats issue #13 on the embedded database folder', () => {
  const TSX = path.join(__dirname, '../../../node_modules/.bin/tsx');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sipas-attack-'));
  const env = { PATH: process.env.PATH ?? '', SIPAS_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const ADMIN = { username: 'quantri', password: 'một mật khẩu dài cho quản trị 2026' };

  interface Run { code: number | null; stdout: string; stderr: string }

  /** Runs a script to its end. */
  function run(script: string, args: string[], extra: Record<string, string> = {}): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn(TSX, [script, ...args], { cwd: path.join(__dirname, '../../..'), env: { ...env, ...extra } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
      child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('when a CLI command (user:create) or a second server opens the PGlite folder a running server holds, then it refuses at once saying the server holds the folder and how to proceed, and nothing is lost', async () => {
    const server = spawn(TSX, ['server/main.ts'], { cwd: path.join(__dirname, '../../..'), env });
    let output = '';
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        const found = /đang chạy tại (http:\/\/\S+)/.exec(output)?.[1];
        if (found) resolve(found);
      });
      void exited.then((code) => reject(new Error(`server exited with ${code}`)));
    });
    try {
      // user:create goes through the running server: the server sees the account at once.
      const created = await run('server/cli/main.ts', ['user:create', '--username', ADMIN.username, '--role', 'national_admin'], { SIPAS_NEW_PASSWORD: ADMIN.password });
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toMatch(/^Đã tạo tài khoản quantri \(Quản trị quốc gia\), id \d+ qua máy chủ đang chạy \(pid \d+\)/);
      const login = await anonymous(url).post('/api/auth/login', ADMIN);
      expect(login.status).toBe(200);
      // Its refusals still name the option.
      const again = await run('server/cli/main.ts', ['user:create', '--username', ADMIN.username, '--role', 'analyst'], { SIPAS_NEW_PASSWORD: ADMIN.password });
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/^--username: /);

      // Commands that cannot go through the server, and a second server, refuse at once, saying how to proceed.
      const refusals = await Promise.all([
        run('server/cli/main.ts', ['demo', '--respondents', '500']),
        run('server/cli/main.ts', ['report', '--run', randomUUID(), '--out', path.join(dataDir, 'report.pdf')]),
        run('server/main.ts', []),
      ]);
      for (const refused of refusals) {
        expect(refused.code).toBe(1);
        expect(refused.stderr.trim().split('\n')).toHaveLength(1);
        expect(refused.stderr).toMatch(/Máy chủ SIPAS \(pid \d+, http:\/\/127\.0\.0\.1:\d+.*đang giữ thư mục dữ liệu .*\/ the SIPAS server/);
      }
      expect(refusals[0].stderr).toMatch(/màn hình quản trị.*dừng máy chủ \(Ctrl-C\).*stop the server \(Ctrl-C\) and run the command again/);
      expect(refusals[2].stderr).toMatch(/không thể chạy máy chủ thứ hai.*a second server cannot run on the same folder/);
      expect((await anonymous(url).get('/readyz')).status).toBe(200);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);

    // After the server stops, the folder opens and holds the account.
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    try {
      const users = await database.db.selectFrom('users').select(['username', 'role']).execute();
      expect(users).toEqual([{ username: ADMIN.username, role: 'national_admin' }]);
    } finally {
      await database.close();
    }
  }, 600_000);
});
