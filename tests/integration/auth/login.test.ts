import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../../../server/audit/audit.repository';
import { AUTH_POLICY } from '../../../server/auth/auth.policy';
import { hashPassword } from '../../../server/auth/password';
import { findCredentials, updateUser } from '../../../server/auth/users.repository';
import type { Database } from '../../../server/db/database';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { responseBody } from '../../support/sipas-answers';
import { createCommunes, createWave } from '../../support/waves';
import { anonymous, createUser, loginAs, signIn, TEST_PASSWORD } from '../../support/users';

const PROBLEM = /^application\/problem\+json/;

/** The hash of a lower-cased username that failures and lockouts of unknown usernames are kept under. */
const loginKeyOf = (username: string) => createHash('sha256').update(username.toLowerCase()).digest('hex').slice(0, 32);

function sessionCookieHeader(res: Response): string {
  const header = res.headers.getSetCookie().find((h) => h.startsWith('sipas_session='));
  if (!header) throw new Error('no sipas_session cookie set');
  return header;
}

function auditRows(db: Kysely<Database>, action: string, target?: string) {
  let query = db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (target) query = query.where('target', '=', target);
  return query.orderBy('id').execute();
}

/**
 * Every test logs in from 127.0.0.1, so failures from earlier tests would add up towards the
 * per-address throttle: move them out of its window (and out of the unknown-username window).
 */
async function forgetLoginFailures(db: Kysely<Database>) {
  await sql`update audit_log set at = at - interval '2 days' where action in ('login_failed', 'lockout')`.execute(db);
}

describe.each(testDatabases)('signing in and out on $name', (target) => {
  let app: TestApp;
  let db: Kysely<Database>;
  const login = (username: string, password: string) => anonymous(app.url).post('/api/auth/login', { username, password });

  beforeAll(async () => {
    app = await startTestApp(target);
    db = app.db;
  });
  afterAll(() => app.close());
  afterEach(() => forgetLoginFailures(db));

  it('when an official signs in with the right password, then an HttpOnly, SameSite=Lax session cookie is set and only its hash is stored', async () => {
    const { user } = await createUser(db, { role: 'analyst' });
    const res = await login(user.username, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const cookie = sessionCookieHeader(res);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(new RegExp(`; Max-Age=${AUTH_POLICY.sessionAbsoluteMs / 1000}`));
    expect(cookie).not.toMatch(/; Secure/);
    const body = await res.json();
    expect(body.user).toMatchObject({ id: user.id, username: user.username, role: 'analyst', scope: null });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const token = /^sipas_session=([^;]+)/.exec(cookie)![1];
    const sessions = await db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0].id).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(sessions)).not.toContain(token);
    expect(await auditRows(db, 'login_success', `user:${user.id}`)).toHaveLength(1);
  });

  it('when the request came over https through a trusted proxy, then the session cookie is also Secure', async () => {
    const behindProxy = await startTestApp(target, { trustProxy: 1 });
    try {
      const { user } = await createUser(behindProxy.db);
      const res = await fetch(`${behindProxy.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
        body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
      });
      expect(res.status).toBe(200);
      expect(sessionCookieHeader(res)).toMatch(/; Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  it('when a signed-in official asks for the session, then it gets themself and the same CSRF token; anonymously it gets 401', async () => {
    const official = await loginAs(app.url, db, { role: 'province_official', province: '01', geography: 'vn-63' });
    const res = await official.get('/api/auth/session');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.csrfToken).toBe(official.csrfToken);
    expect(body.user).toMatchObject({
      username: official.user.username, role: 'province_official',
      scope: { geography: 'vn-63', province: '01', covers: { 'vn-63': ['01'], 'vn-34': ['01'] } },
    });

    const anon = await anonymous(app.url).get('/api/auth/session');
    expect(anon.status).toBe(401);
    expect(anon.headers.get('content-type')).toMatch(PROBLEM);
    expect(await anon.json()).toMatchObject({ type: 'urn:sipas:problem:unauthorized', title: 'Bạn cần đăng nhập để tiếp tục' });
  });

  it('when the username is typed in another case, then the login still succeeds', async () => {
    const { user } = await createUser(db, { username: 'Nguyen.Van.A' });
    expect((await login('nguyen.van.a', TEST_PASSWORD)).status).toBe(200);
    expect((await login('NGUYEN.VAN.A', TEST_PASSWORD)).status).toBe(200);
    expect(user.username).toBe('Nguyen.Van.A');
  });

  it('when the password is wrong or the username unknown, then both get the same 401 and a login_failed row is audited', async () => {
    const { user } = await createUser(db);
    const wrong = await login(user.username, 'not the right password');
    const unknown = await login('nobody-here', 'not the right password');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a).toEqual({ ...b, instance: a.instance });
    expect(a).toMatchObject({ type: 'urn:sipas:problem:invalid_credentials', title: 'Tên đăng nhập hoặc mật khẩu không đúng' });
    expect(wrong.headers.getSetCookie()).toEqual([]);

    const failures = await auditRows(db, 'login_failed');
    expect(failures.find((r) => r.target === `user:${user.id}`)).toMatchObject({
      actor_id: null, ip: '127.0.0.1', details: expect.objectContaining({ reason: 'wrong_password', username: user.username }),
    });
    const unknownRow = failures.find((r) => r.details.reason === 'unknown_user')!;
    expect(unknownRow.target).toBeNull();
    // The attempted username is kept only as a hash: it may be a password typed in the wrong field.
    expect(JSON.stringify(unknownRow.details)).not.toContain('nobody-here');
  });

  it.each([
    ['an HTML form (urlencoded)', 'application/x-www-form-urlencoded', (u: string) => `username=${u}&password=${encodeURIComponent(TEST_PASSWORD)}`],
    ['a text/plain form', 'text/plain', (u: string) => JSON.stringify({ username: u, password: TEST_PASSWORD })],
  ])('when the login comes as %s, then it is refused with 415 and no session starts (login CSRF)', async (_name, type, body) => {
    const { user } = await createUser(db);
    const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': type }, body: body(user.username) });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(PROBLEM);
    expect((await res.json()).errors[0]).toMatchObject({ field: 'Content-Type', rule: 'content_type' });
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });

  it('when an account gets five wrong passwords in a row, then it is locked with a Vietnamese 423, even the right password is refused, and the lockout is audited', async () => {
    const { user } = await createUser(db);
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_POLICY.maxFailedAttempts; i += 1) statuses.push((await login(user.username, `wrong password ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);

    const locked = await login(user.username, TEST_PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.headers.get('content-type')).toMatch(PROBLEM);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    const problem = await locked.json();
    expect(problem).toMatchObject({ type: 'urn:sipas:problem:account_locked', status: 423 });
    expect(problem.title).toMatch(/^Tài khoản tạm thời bị khóa .*thử lại sau 15 phút/);
    expect(locked.headers.getSetCookie()).toEqual([]);

    const lockouts = await auditRows(db, 'lockout', `user:${user.id}`);
    expect(lockouts).toHaveLength(1);
    const failures = await auditRows(db, 'login_failed', `user:${user.id}`);
    expect(failures.map((r) => r.details.reason)).toEqual([...Array(5).fill('wrong_password'), 'locked']);
  });

  it('when locked_until has passed, then the right password works again and the count of failures starts over', async () => {
    const { user } = await createUser(db);
    for (let i = 0; i < AUTH_POLICY.maxFailedAttempts; i += 1) await login(user.username, `wrong password ${i}`);
    expect((await login(user.username, TEST_PASSWORD)).status).toBe(423);

    await updateUser(db, user.id, { locked_until: new Date(Date.now() - 1000) });
    expect((await login(user.username, TEST_PASSWORD)).status).toBe(200);
    expect(await findCredentials(db, user.username)).toMatchObject({ failed_attempts: 0, locked_until: null });
    for (let i = 0; i < AUTH_POLICY.maxFailedAttempts - 1; i += 1) expect((await login(user.username, 'wrong again!')).status).toBe(401);
  });

  it('when a success comes between failures, then they are not consecutive and no lock follows', async () => {
    const { user } = await createUser(db);
    for (let i = 0; i < 4; i += 1) await login(user.username, 'wrong password');
    expect((await login(user.username, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await login(user.username, 'wrong password')).status).toBe(401);
  });

  it('when an unknown username fails five times, then it gets the same lock answer as a real account, so existence is not revealed', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_POLICY.maxFailedAttempts + 1; i += 1) statuses.push((await login('khong-ton-tai', `guess ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
    const { user } = await createUser(db);
    for (let i = 0; i < AUTH_POLICY.maxFailedAttempts; i += 1) await login(user.username, `guess ${i}`);
    const [realLocked, unknownLocked] = [await login(user.username, 'guess'), await login('khong-ton-tai', 'guess')];
    const [a, b] = [await realLocked.json(), await unknownLocked.json()];
    expect(a).toEqual(b);
    for (const res of [realLocked, unknownLocked]) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
  });

  it('when an unknown username is locked again after its lock ended, then the second lock lasts twice as long, as a real account\'s would', async () => {
    for (let i = 0; i < AUTH_POLICY.maxFailedAttempts; i += 1) await login('chua-tung-co', `guess ${i}`);
    // The first lock ends by itself.
    await sql`update audit_log set at = at - interval '16 minutes' where details->>'login' = ${loginKeyOf('chua-tung-co')}`.execute(db);
    const statuses: number[] = [];
    let last!: Response;
    for (let i = 0; i < AUTH_POLICY.maxFailedAttempts; i += 1) {
      last = await login('chua-tung-co', `again ${i}`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(29 * 60);
    expect(Number(last.headers.get('retry-after'))).toBeLessThanOrEqual(30 * 60);
  });

  it('when one address has failed too often, then every login from it waits with a 429 and Retry-After', async () => {
    for (let i = 0; i < AUTH_POLICY.ipMaxFailures; i += 1) {
      await recordAudit(db, { action: 'login_failed', actorId: null, ip: '127.0.0.1', details: { reason: 'unknown_user', login: `x${i}` } });
    }
    const { user } = await createUser(db);
    const res = await login(user.username, TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(AUTH_POLICY.ipWindowMs / 1000));
    expect(await res.json()).toMatchObject({ type: 'urn:sipas:problem:login_throttled', title: expect.stringMatching(/^Có quá nhiều lần đăng nhập/) });
    await forgetLoginFailures(db);
    expect((await login(user.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('when an official logs out, then the session row is deleted, the cookie cleared, the old cookie refused, and the logout audited', async () => {
    const official = await loginAs(app.url, db, { role: 'province_official', province: '02' });
    const oldCookie = official.cookie;
    const res = await official.post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(sessionCookieHeader(res)).toMatch(/^sipas_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', official.user.id).execute()).toEqual([]);
    const replay = await fetch(`${app.url}/api/auth/session`, { headers: { Cookie: `sipas_session=${oldCookie}` } });
    expect(replay.status).toBe(401);
    expect(await auditRows(db, 'logout', `user:${official.user.id}`)).toEqual([expect.objectContaining({ actor_id: official.user.id })]);
  });

  it('when a session has been idle longer than the idle limit, then it is over and its row removed', async () => {
    const analyst = await loginAs(app.url, db);
    await db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - AUTH_POLICY.sessionIdleMs - 1000) })
      .where('user_id', '=', analyst.user.id).execute();
    expect((await analyst.get('/api/auth/session')).status).toBe(401);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', analyst.user.id).execute()).toEqual([]);
  });

  it('when a session passes its absolute expiry, then it is over even though it was used a moment ago', async () => {
    const analyst = await loginAs(app.url, db);
    expect((await analyst.get('/api/auth/session')).status).toBe(200);
    await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', analyst.user.id).execute();
    expect((await analyst.get('/api/auth/session')).status).toBe(401);
  });

  it('when a session is used, then last_seen_at moves forward at most once a minute', async () => {
    const analyst = await loginAs(app.url, db);
    const earlier = new Date(Date.now() - 5 * 60_000);
    await db.updateTable('sessions').set({ last_seen_at: earlier }).where('user_id', '=', analyst.user.id).execute();
    await analyst.get('/api/auth/session');
    const touched = await db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', analyst.user.id).executeTakeFirstOrThrow();
    expect(touched.last_seen_at.getTime()).toBeGreaterThan(earlier.getTime() + 60_000);
  });

  it('when a disabled account gives the right password, then it is told it is disabled (403) and gets no session', async () => {
    const { user } = await createUser(db, { disabled: true });
    const res = await login(user.username, TEST_PASSWORD);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ type: 'urn:sipas:problem:account_disabled' });
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('when a hash was made with weaker scrypt parameters, then the next login rehashes it with today\'s', async () => {
    const { user } = await createUser(db);
    await updateUser(db, user.id, { password_hash: await hashPassword(TEST_PASSWORD, { logN: 14, r: 8, p: 1 }) });
    await signIn(app.url, user.username, TEST_PASSWORD);
    expect((await findCredentials(db, user.username))!.password_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$/);
    await signIn(app.url, user.username, TEST_PASSWORD);
  });

  describe('CSRF', () => {
    const newUser = (n: string) => ({ username: `csrf-${n}-${Date.now()}`, displayName: 'Thử CSRF', role: 'analyst', password: 'một mật khẩu rất dài' });

    it('when a signed-in administrator posts without the token, then it is refused with 403 csrf and nothing changes', async () => {
      const admin = await loginAs(app.url, db, { role: 'national_admin' });
      const body = newUser('none');
      const res = await admin.post('/api/users', body, { csrf: false });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(PROBLEM);
      const problem = await res.json();
      expect(problem).toMatchObject({ type: 'urn:sipas:problem:csrf', status: 403 });
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'X-CSRF-Token', rule: 'csrf' })]);
      expect(await findCredentials(db, body.username)).toBeUndefined();
    });

    it('when the token is wrong (another session\'s), then it is refused with 403 csrf', async () => {
      const admin = await loginAs(app.url, db, { role: 'national_admin' });
      const other = await loginAs(app.url, db, { role: 'national_admin' });
      for (const token of [other.csrfToken!, 'x'.repeat(43), '']) {
        const res = await admin.post('/api/users', newUser('wrong'), { csrf: token || false });
        expect(res.status).toBe(403);
        expect((await res.json()).type).toBe('urn:sipas:problem:csrf');
      }
      expect((await admin.patch(`/api/users/${other.user.id}`, { displayName: 'x' }, { csrf: other.csrfToken! })).status).toBe(403);
      expect((await admin.post('/api/auth/logout', undefined, { csrf: false })).status).toBe(403);
    });

    it('when the session\'s own token comes in X-CSRF-Token, then the change is accepted', async () => {
      const admin = await loginAs(app.url, db, { role: 'national_admin' });
      const body = newUser('right');
      expect((await admin.post('/api/users', body)).status).toBe(201);
      expect(await findCredentials(db, body.username)).toMatchObject({ username: body.username, role: 'analyst' });
    });

    it('when a browser holding an official\'s cookie submits a citizen response, then it is accepted without any token', async () => {
      await createCommunes(db);
      const wave = await createWave(db);
      const official = await loginAs(app.url, db, { role: 'province_official' });
      const res = await official.post(`/api/waves/${wave.id}/responses`, responseBody(), { csrf: false });
      expect(res.status).toBe(201);
      const citizen = await anonymous(app.url).post(`/api/waves/${wave.id}/responses`, responseBody());
      expect(citizen.status).toBe(201);
    });
  });
});
