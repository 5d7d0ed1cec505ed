/**
 * Issue #13: anyone can lock an account by typing wrong passwords for it, so a national administrator lifts
 * the lock from the accounts page; and a guessable password is refused there, naming the field.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AUTH_POLICY } from '../../server/auth/auth.policy';
import type { RunningPlatform } from '../../server/platform';
import { signIn, startBrowserPlatform, stopBrowserPlatform } from '../support/browser';
import { anonymous, createUser, TEST_PASSWORD } from '../support/users';

describe('a national administrator unlocks an account from the accounts page, in a real browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    ({ platform, browser } = await startBrowserPlatform());
  }, 120_000);
  afterAll(() => stopBrowserPlatform(platform, browser));

  async function signInAsAdmin(): Promise<{ context: BrowserContext; page: Page; adminId: number }> {
    const { user } = await createUser(platform.database.db, { role: 'national_admin', displayName: 'Nguyễn Thị Lan' });
    const { context, page } = await signIn(browser, `${platform.url}/admin/accounts`, { username: user.username, password: TEST_PASSWORD },
      { context: { viewport: { width: 1280, height: 900 } }, timeoutMs: 20_000 });
    await page.getByRole('heading', { level: 1, name: 'Tài khoản cán bộ' }).waitFor();
    return { context, page, adminId: user.id };
  }

  it('when an account was locked by wrong passwords, then "Mở khóa" on its row lifts the lock, the change is audited, and its owner signs in again', async () => {
    const db = platform.database.db;
    const { user } = await createUser(db, { role: 'analyst', username: 'bi-khoa-oan' });
    const login = (password: string) => anonymous(platform.url).post('/api/auth/login', { username: user.username, password });
    for (let i = 0; i < AUTH_POLICY.maxFailedAttempts; i += 1) await login(`kẻ xấu đoán lần ${i}`);
    expect((await login(TEST_PASSWORD)).status).toBe(423);

    const { context, page, adminId } = await signInAsAdmin();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'bi-khoa-oan' }) });
    await row.getByText(/^Bị khóa đến /).waitFor();
    await row.getByRole('button', { name: 'Mở khóa bi-khoa-oan' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã mở khóa tài khoản bi-khoa-oan.' }).waitFor();
    await row.getByText('Đang hoạt động').waitFor();
    expect(await row.getByRole('button', { name: /Mở khóa/ }).count()).toBe(0);

    const audit = await db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'user_unlocked')
      .where('target', '=', `user:${user.id}`).execute();
    expect(audit).toEqual([{ actor_id: adminId, details: expect.objectContaining({ username: 'bi-khoa-oan', lockouts: 1 }) }]);
    expect((await login(TEST_PASSWORD)).status).toBe(200);
    await context.close();
  }, 120_000);

  it('when a new account is given a guessable password, then the form says so in Vietnamese naming the password, and nothing is created', async () => {
    const { context, page } = await signInAsAdmin();
    const form = page.getByRole('region', { name: 'Tạo tài khoản mới' });
    await form.getByLabel('Tên đăng nhập').fill('mat-khau-yeu');
    await form.getByLabel('Họ tên hiển thị').fill('Cán bộ thử');
    await form.getByLabel('Mật khẩu').fill('password1234');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const alert = form.getByRole('alert');
    await alert.getByText(/Mật khẩu quá dễ đoán/).waitFor();
    expect(await alert.textContent()).toContain('password');
    expect(await platform.database.db.selectFrom('users').select('id').where('username', '=', 'mat-khau-yeu').execute()).toEqual([]);
    await context.close();
  }, 120_000);
});
