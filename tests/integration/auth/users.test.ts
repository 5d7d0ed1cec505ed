import type { Kysely } from 'kysely';
import { verifyPassword } from '../../../server/auth/password';
import { findCredentials, updateUser } from '../../../server/auth/users.repository';
import type { Database } from '../../../server/db/database';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { anonymous, createUser, loginAs, signIn, TEST_PASSWORD, type LoggedInAgent } from '../../support/users';

const PASSWORD = 'Hà Nội mùa thu 2026';

let counter = 0;
const newUsername = () => `can-bo-${(counter += 1)}-${Date.now().toString(36)}`;

function auditOf(db: Kysely<Database>, action: string, target: string) {
  return db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target', '=', target).orderBy('id').execute();
}

describe.each(testDatabases)('account management on $name', (target) => {
  let app: TestApp;
  let admin: LoggedInAgent;

  beforeAll(async () => {
    app = await startTestApp(target);
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
  });
  afterAll(() => app.close());

  it('when an administrator creates a province official, then the account exists with its scope, can sign in, and the creation is audited', async () => {
    const username = newUsername();
    const res = await admin.post('/api/users', {
      username, displayName: 'Trần Thị B', role: 'province_official', province: '79', geography: 'vn-34', password: PASSWORD,
    });
    expect(res.status).toBe(201);
    const { user } = await res.json();
    expect(user).toMatchObject({
      username, displayName: 'Trần Thị B', role: 'province_official', province: { geography: 'vn-34', code: '79' },
      disabled: false, failedAttempts: 0, lockedUntil: null, lastLoginAt: null,
    });
    const stored = await findCredentials(app.db, username);
    expect(stored!.password_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword(PASSWORD, stored!.password_hash)).toBe(true);
    const official = await signIn(app.url, username, PASSWORD);
    // Hồ Chí Minh City (79) took in Bình Dương (74) and Bà Rịa–Vũng Tàu (77).
    expect((await (await official.get('/api/auth/session')).json()).user.scope.covers['vn-63']).toEqual(['74', '77', '79']);

    expect(await auditOf(app.db, 'user_created', `user:${user.id}`)).toEqual([expect.objectContaining({
      actor_id: admin.user.id, ip: '127.0.0.1',
      details: { username, role: 'province_official', scope: { geography: 'vn-34', province: '79' } },
    })]);
  });

  it('when the same username is used again in another case, then it is refused with 409', async () => {
    const username = newUsername();
    expect((await admin.post('/api/users', { username, displayName: 'A', role: 'analyst', password: PASSWORD })).status).toBe(201);
    const res = await admin.post('/api/users', { username: username.toUpperCase(), displayName: 'B', role: 'analyst', password: PASSWORD });
    expect(res.status).toBe(409);
    expect((await res.json()).errors[0]).toMatchObject({ field: 'username', rule: 'unique' });
  });

  it.each([
    ['a password of 11 characters', { password: 'mười một kt' }, 'password', 'password_too_short'],
    ['a password containing the username', { username: 'nguyenvana', password: 'nguyenvana-2026!' }, 'password', 'password_contains_username'],
    ['a province official without a province', { role: 'province_official', geography: 'vn-63' }, 'province', 'required'],
    ['a province official without a geography', { role: 'province_official', province: '01' }, 'geography', 'required'],
    ['an analyst with a province', { role: 'analyst', province: '01', geography: 'vn-63' }, 'province', 'scope_not_allowed'],
    ['a province that does not exist', { role: 'province_official', province: '99', geography: 'vn-63' }, 'province', 'not_a_choice'],
    ['a vn-63 province on the vn-34 list', { role: 'province_official', province: '02', geography: 'vn-34' }, 'province', 'not_a_choice'],
    ['an unknown role', { role: 'superuser' }, 'role', 'not_a_choice'],
    ['a username with spaces', { username: 'nguyen van a' }, 'username', 'format'],
    ['an unknown field', { isAdmin: true }, 'isAdmin', 'unknown_field'],
  ])('when the new account has %s, then it is refused with 422 naming the field and nothing is created', async (_name, overrides, field, rule) => {
    const body = { username: newUsername(), displayName: 'Người thử', role: 'analyst', password: PASSWORD, ...overrides };
    const before = await app.db.selectFrom('users').select('id').execute();
    const res = await admin.post('/api/users', body);
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(await app.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });

  it('when an official is moved to another province, then their open session sees the new scope at once and the change is audited', async () => {
    const official = await loginAs(app.url, app.db, { role: 'province_official', province: '01', geography: 'vn-63' });
    const res = await admin.patch(`/api/users/${official.user.id}`, { province: '08', geography: 'vn-34' });
    expect(res.status).toBe(200);
    expect((await res.json()).user.province).toEqual({ geography: 'vn-34', code: '08' });
    const session = await (await official.get('/api/auth/session')).json();
    expect(session.user.scope).toMatchObject({ geography: 'vn-34', province: '08', covers: { 'vn-63': ['02', '08'] } });
    expect(await auditOf(app.db, 'user_updated', `user:${official.user.id}`)).toEqual([expect.objectContaining({
      actor_id: admin.user.id,
      details: expect.objectContaining({
        changes: { province_geography: { from: 'vn-63', to: 'vn-34' }, province_code: { from: '01', to: '08' } },
      }),
    })]);
  });

  it('when a province official becomes an analyst, then the province scope goes with the old role', async () => {
    const { user } = await createUser(app.db, { role: 'province_official', province: '01' });
    const res = await admin.patch(`/api/users/${user.id}`, { role: 'analyst' });
    expect((await res.json()).user).toMatchObject({ role: 'analyst', province: null });
  });

  it('when an administrator resets a password, then the old sessions end, the lock is lifted and only the new password works', async () => {
    const analyst = await loginAs(app.url, app.db, { role: 'analyst' });
    await updateUser(app.db, analyst.user.id, { failed_attempts: 3, locked_until: new Date(Date.now() + 600_000) });
    const res = await admin.patch(`/api/users/${analyst.user.id}`, { password: PASSWORD });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect((await analyst.get('/api/auth/session')).status).toBe(401);
    const login = (password: string) => anonymous(app.url).post('/api/auth/login', { username: analyst.user.username, password });
    expect((await login(TEST_PASSWORD)).status).toBe(401);
    expect((await login(PASSWORD)).status).toBe(200);
    const [row] = await auditOf(app.db, 'user_updated', `user:${analyst.user.id}`);
    expect(row.details.changes).toEqual({ password_reset: true });
  });

  it('when an administrator disables an account, then its sessions end at once and it cannot sign in', async () => {
    const analyst = await loginAs(app.url, app.db, { role: 'analyst' });
    expect((await admin.patch(`/api/users/${analyst.user.id}`, { disabled: true })).status).toBe(200);
    expect((await analyst.get('/api/auth/session')).status).toBe(401);
    const login = await anonymous(app.url).post('/api/auth/login', { username: analyst.user.username, password: TEST_PASSWORD });
    expect(login.status).toBe(403);
  });

  it('when an administrator unlocks a locked account, then its own password works again', async () => {
    const { user } = await createUser(app.db);
    await updateUser(app.db, user.id, { locked_until: new Date(Date.now() + 600_000) });
    const login = () => anonymous(app.url).post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect((await login()).status).toBe(423);
    expect((await admin.patch(`/api/users/${user.id}`, { unlock: true })).status).toBe(200);
    expect((await login()).status).toBe(200);
  });

  it('when an administrator tries to demote or disable themself, then it is refused with 409 so the platform keeps its administrator', async () => {
    for (const change of [{ role: 'analyst' }, { disabled: true }]) {
      const res = await admin.patch(`/api/users/${admin.user.id}`, change);
      expect(res.status).toBe(409);
    }
    expect((await admin.get('/api/users')).status).toBe(200);
  });

  it('when the account does not exist or the id is not a number, then 404 and 422 come back', async () => {
    expect((await admin.patch('/api/users/999999', { displayName: 'X' })).status).toBe(404);
    expect((await admin.patch('/api/users/abc', { displayName: 'X' })).status).toBe(422);
  });

  it('when the administrator lists accounts, then every account is there with its role and scope', async () => {
    const { user } = await createUser(app.db, { role: 'province_official', province: '48', geography: 'vn-34' });
    const { users } = await (await admin.get('/api/users')).json();
    expect(users).toEqual(expect.arrayContaining([expect.objectContaining({
      id: user.id, role: 'province_official', province: { geography: 'vn-34', code: '48' },
    })]));
  });

  it('when the administrator reads the audit log, then the newest rows come first, with their actor, and can be filtered and paged', async () => {
    for (let i = 0; i < 3; i += 1) await admin.post('/api/users', { username: newUsername(), displayName: 'Trang', role: 'analyst', password: PASSWORD });
    const res = await admin.get('/api/audit?action=user_created&limit=2');
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.entries).toHaveLength(2);
    expect(page.entries.every((e: { action: string }) => e.action === 'user_created')).toBe(true);
    expect(page.entries[0].actor).toEqual({ id: admin.user.id, username: admin.user.username });
    expect(Number(page.entries[0].id)).toBeGreaterThan(Number(page.entries[1].id));
    const next = await (await admin.get(`/api/audit?action=user_created&limit=2&before=${page.next}`)).json();
    expect(Number(next.entries[0].id)).toBeLessThan(Number(page.entries[1].id));
    expect((await admin.get('/api/audit?limit=100000')).status).toBe(422);
  });
});
