import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { verifyPassword } from '../../../server/auth/password';
import { findCredentials } from '../../../server/auth/users.repository';
import { EXIT_BAD_INPUT } from '../../../server/cli/command';
import { reportFailure } from '../../../server/cli/failure';
import { createUserCreateCommand, PASSWORD_VARIABLE, type UserCreateDeps } from '../../../server/cli/user-create.command';
import { openDatabase, type DatabaseHandle } from '../../../server/db/connect';
import { captureIo } from '../../unit/cli/cli-io';
import { createMigratedDatabase, testDatabases } from '../../support/databases';

const PASSWORD = 'quản trị viên quốc gia 2026';
const ROOT = join(__dirname, '..', '..', '..');

/** A stand-in terminal: answers the hidden prompts with `lines`. */
function fakeTerminal(lines: string[]) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: jest.fn() });
  let asked = 0;
  const io = captureIo(true);
  const write = io.stderr.write.bind(io.stderr);
  io.stderr.write = ((chunk: string) => {
    if (/: $/.test(String(chunk)) && asked < lines.length) setImmediate(() => stdin.write(`${lines[asked++]}\r`));
    return write(chunk);
  }) as typeof io.stderr.write;
  return { stdin, io };
}

describe.each(testDatabases)('sipas user:create on $name', (target) => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createMigratedDatabase(target);
  });
  afterAll(() => database.close());

  async function run(args: string[], deps: Partial<UserCreateDeps> = {}, io = captureIo()) {
    const command = createUserCreateCommand({
      env: { [PASSWORD_VARIABLE]: PASSWORD },
      stdin: Object.assign(new PassThrough(), { isTTY: false }),
      // The test's database, left open for the next test.
      openDatabase: async () => ({ ...database, close: async () => undefined }),
      ...deps,
    });
    const status = await command.run(args, io).catch((error: unknown) => reportFailure(error, io));
    return { status, out: io.out(), err: io.err() };
  }

  const userCount = async () => (await database.db.selectFrom('users').select('id').execute()).length;

  it('when the first administrator is created with the password in SIPAS_NEW_PASSWORD, then the account exists, the password works and the creation is audited', async () => {
    const { status, out, err } = await run(['--username', 'admin', '--role', 'national_admin', '--display-name', 'Quản trị viên']);
    expect({ status, err }).toEqual({ status: 0, err: '' });
    expect(out).toMatch(/^Đã tạo tài khoản admin \(Quản trị quốc gia\), id \d+ \/ created account admin \(national_admin\)\n$/);
    const user = await findCredentials(database.db, 'admin');
    expect(user).toMatchObject({ display_name: 'Quản trị viên', role: 'national_admin', province_code: null });
    expect(await verifyPassword(PASSWORD, user!.password_hash)).toBe(true);
    const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user_created').execute();
    expect(audit).toEqual([expect.objectContaining({ actor_id: null, target: `user:${user!.id}`, details: expect.objectContaining({ via: 'cli' }) })]);
  });

  it('when a province official is created with --province and --geography, then the scope is stored', async () => {
    const { status } = await run(['--username', 'hcm.official', '--role', 'province_official', '--province', '79', '--geography', 'vn-34']);
    expect(status).toBe(0);
    expect(await findCredentials(database.db, 'hcm.official')).toMatchObject({ province_geography: 'vn-34', province_code: '79', display_name: 'hcm.official' });
  });

  it('when the password is typed at a terminal prompt twice, then it is used and never echoed', async () => {
    const secret = 'gõ từ bàn phím 2026';
    const { stdin, io } = fakeTerminal([secret, secret]);
    const { status, err } = await run(['--username', 'typed', '--role', 'analyst'], { env: {}, stdin }, io);
    expect(status).toBe(0);
    expect(err).not.toContain(secret);
    expect(stdin.setRawMode).toHaveBeenCalledWith(true);
    expect(await verifyPassword(secret, (await findCredentials(database.db, 'typed'))!.password_hash)).toBe(true);
  });

  it('when the two typed passwords differ, then nothing is created and the status is 2', async () => {
    const { stdin, io } = fakeTerminal(['mật khẩu thứ nhất 1', 'mật khẩu thứ hai 22']);
    const { status, err } = await run(['--username', 'typo', '--role', 'analyst'], { env: {}, stdin }, io);
    expect(status).toBe(EXIT_BAD_INPUT);
    expect(err).toContain('không khớp');
    expect(await findCredentials(database.db, 'typo')).toBeUndefined();
  });

  it.each([
    ['no --username', ['--role', 'analyst'], {}, /Thiếu --username/],
    ['no --role', ['--username', 'x-no-role'], {}, /Thiếu --role/],
    ['an unknown role', ['--username', 'x-role', '--role', 'root'], {}, /--role: Giá trị không nằm trong danh sách/],
    ['a province official without a province', ['--username', 'x-noprov', '--role', 'province_official', '--geography', 'vn-63'], {}, /--province: Cán bộ tỉnh phải gắn với một tỉnh/],
    ['an analyst with a province', ['--username', 'x-prov', '--role', 'analyst', '--province', '01', '--geography', 'vn-63'], {}, /--province: Chỉ tài khoản cán bộ tỉnh/],
    ['a province missing from the geography', ['--username', 'x-99', '--role', 'province_official', '--province', '99', '--geography', 'vn-63'], {}, /--province: Không có tỉnh, thành phố mã 99/],
    ['an unknown geography', ['--username', 'x-geo', '--role', 'province_official', '--province', '01', '--geography', 'vn-64'], {}, /--geography:/],
    ['a short password', ['--username', 'x-short', '--role', 'analyst'], { env: { [PASSWORD_VARIABLE]: 'ngắn quá' } }, /mật khẩu\/password \(SIPAS_NEW_PASSWORD\): Mật khẩu phải có ít nhất 12 ký tự/],
    ['a guessable password', ['--username', 'x-guess', '--role', 'analyst'], { env: { [PASSWORD_VARIABLE]: 'password1234' } }, /mật khẩu\/password \(SIPAS_NEW_PASSWORD\): Mật khẩu quá dễ đoán/],
    ['the password on the command line', ['--username', 'x-argv', '--role', 'analyst', '--password', PASSWORD], {}, /Không nhận mật khẩu qua tham số dòng lệnh/],
    ['no password variable and no terminal', ['--username', 'x-nopw', '--role', 'analyst'], { env: {} }, /Chưa có mật khẩu: đặt biến môi trường SIPAS_NEW_PASSWORD/],
    ['an unknown option', ['--username', 'x-opt', '--role', 'analyst', '--admin'], {}, /Tham số không hợp lệ/],
    ['a username already taken in another case', ['--username', 'ADMIN', '--role', 'analyst'], {}, /--username: Tên đăng nhập đã được dùng/],
  ] as const)('when the command gets %s, then it names the problem, creates nothing and exits with 2', async (_name, args, deps, message) => {
    const before = await userCount();
    const { status, out, err } = await run([...args], deps as Partial<UserCreateDeps>);
    expect(status).toBe(EXIT_BAD_INPUT);
    expect(err).toMatch(message);
    expect(err).not.toContain(PASSWORD);
    expect(out).toBe('');
    expect(await userCount()).toBe(before);
  });
});

describe('npm run sipas -- user:create (a real process)', () => {
  it('when run against a fresh PGlite data directory, then it migrates it, creates the account and exits 0; bad input exits 2', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sipas-cli-'));
    const env = { ...process.env, DATABASE_URL: '', SIPAS_DATA_DIR: dataDir, [PASSWORD_VARIABLE]: PASSWORD, NODE_OPTIONS: '' };
    const sipas = (...args: string[]) => spawnSync('npx', ['tsx', 'server/cli/main.ts', 'user:create', ...args], { cwd: ROOT, env, encoding: 'utf8' });
    try {
      const ok = sipas('--username', 'root-admin', '--role', 'national_admin');
      expect({ status: ok.status, stderr: ok.stderr }).toEqual({ status: 0, stderr: '' });
      expect(ok.stdout).toContain('root-admin');
      const bad = sipas('--username', 'x', '--role', 'analyst');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--username');

      const handle = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
      try {
        expect(await findCredentials(handle.db, 'root-admin')).toMatchObject({ role: 'national_admin' });
      } finally {
        await handle.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000); // two processes, one initialising a fresh embedded database
});
