import { passwordPolicyIssues } from '../auth/password';
import { ROLE_NAMES_VI } from '../auth/roles';
import { newUserSchema, type NewUserInput } from '../auth/users.schema';
import type { UserRow } from '../auth/users.repository';
import { createAccount } from '../auth/users.service';
import { ConfigError, loadConfig } from '../config';
import type { DatabaseHandle } from '../db/connect';
import { FolderLockedError } from '../db/folder-lock';
import { MigrationError } from '../db/migrate';
import { AppError, type FieldIssue } from '../errors/app-error';
import { parseBody } from '../http/parse-body';
import { createLogger } from '../logger';
import { prepareDatabase, StartupError } from '../platform';
import { parseOptions, required } from './arguments';
import { UsageError, type CliIo, type Command } from './command';
import { postToServer, withCommandDatabase } from './command-database';
import { promptHidden, type TtyInput } from './prompt';
import { HELP } from './help';

export const PASSWORD_VARIABLE = 'SIPAS_NEW_PASSWORD';

const OPTIONS = {
  username: { type: 'string' },
  role: { type: 'string' },
  province: { type: 'string' },
  geography: { type: 'string' },
  'display-name': { type: 'string' },
} as const;

/** Where each input field comes from on the command line, to name it in messages. */
const SOURCES: Record<string, string> = {
  username: '--username', role: '--role', province: '--province', geography: '--geography',
  displayName: '--display-name', password: `mật khẩu/password (${PASSWORD_VARIABLE})`,
};

export interface UserCreateDeps {
  env: NodeJS.ProcessEnv;
  stdin: TtyInput;
  /** Opens the platform database, migrated, as the server would; a held PGlite folder throws FolderLockedError. */
  openDatabase(): Promise<DatabaseHandle>;
}

function refusal(issues: FieldIssue[]): UsageError {
  const named = (f: (i: FieldIssue) => string) => issues.map((i) => `${SOURCES[i.field] ?? i.field}: ${f(i)}`).join('; ');
  return new UsageError(named((i) => i.message), named((i) => i.messageEn ?? i.rule));
}

/**
 * The password never comes from the command line, where it would stay in shell history and be
 * visible to other users in the process list: it comes from the environment or a hidden prompt.
 */
async function readPassword(deps: UserCreateDeps, io: CliIo): Promise<string> {
  const fromEnv = deps.env[PASSWORD_VARIABLE];
  if (fromEnv) return fromEnv;
  if (!deps.stdin.isTTY) {
    throw new UsageError(
      `Chưa có mật khẩu: đặt biến môi trường ${PASSWORD_VARIABLE} hoặc chạy lệnh trong terminal để nhập`,
      `no password: set ${PASSWORD_VARIABLE} or run in a terminal to type it`,
    );
  }
  const first = await promptHidden(deps.stdin, io.stderr, 'Mật khẩu / password: ');
  const second = await promptHidden(deps.stdin, io.stderr, 'Nhập lại / repeat: ');
  if (first !== second) throw new UsageError('Hai lần nhập mật khẩu không khớp', 'the two passwords differ');
  return first;
}

interface Created {
  user: Pick<UserRow, 'id' | 'username' | 'role' | 'province_code' | 'province_geography'>;
  /** The running server's pid, when it created the account (it held the embedded database). */
  server?: number;
}

/**
 * Creates the account in the database, or — while the running server holds the embedded database's
 * folder — through the server's loopback-only door, so the server sees it at once and nothing is opened twice.
 */
function createSomewhere(deps: UserCreateDeps, input: NewUserInput): Promise<Created> {
  return withCommandDatabase<Created>(
    'user:create',
    async ({ db }) => ({ user: await createAccount(db, input, { actorId: null, ip: null, via: 'cli' }) }),
    {
      open: deps.openDatabase,
      throughServer: async (server) => ({ ...(await postToServer<Pick<Created, 'user'>>(server, '/local/users', input)), server: server.pid }),
    },
  );
}

async function createUser(args: string[], io: CliIo, deps: UserCreateDeps): Promise<number> {
  if (args.some((a) => /^--password(=|$)/.test(a))) {
    throw new UsageError(
      `Không nhận mật khẩu qua tham số dòng lệnh: dùng biến ${PASSWORD_VARIABLE} hoặc nhập khi được hỏi`,
      `passwords are not taken from arguments: use ${PASSWORD_VARIABLE} or the prompt`,
    );
  }
  const options = parseOptions(args, OPTIONS);
  const username = required('username', options.username);
  const fields = {
    username, role: required('role', options.role), displayName: options['display-name'] ?? username,
    province: options.province, geography: options.geography,
  };
  // Refuse wrong options before asking for a password.
  parseBody(newUserSchema.omit({ password: true }), fields);
  const input: NewUserInput = parseBody(newUserSchema, { ...fields, password: await readPassword(deps, io) });
  const policy = passwordPolicyIssues(input.password, input.username, 'password', [input.displayName]);
  if (policy.length) throw refusal(policy);
  const { user, server } = await createSomewhere(deps, input);
  const scope = user.province_code ? ` ${user.province_geography}/${user.province_code}` : '';
  const [via, viaEn] = server ? [` qua máy chủ đang chạy (pid ${server})`, ' through the running server'] : ['', ''];
  io.stdout.write(
    `Đã tạo tài khoản ${user.username} (${ROLE_NAMES_VI[user.role]}${scope}), id ${user.id}${via} / ` +
    `created account ${user.username} (${user.role}${scope})${viaEn}\n`,
  );
  return 0;
}

export function createUserCreateCommand(deps: UserCreateDeps): Command {
  return {
    name: 'user:create',
    ...HELP['user:create'],
    async run(args, io) {
      try {
        return await createUser(args, io, deps);
      } catch (error) {
        // The platform's validation and conflict problems are bad input here: status 2, fields named as options.
        if (error instanceof AppError && error.status < 500) {
          throw error.issues.length ? refusal(error.issues) : new UsageError(error.title, error.titleEn);
        }
        // The database cannot be reached or migrated, or another process holds it: say why, without a stack trace.
        if (error instanceof ConfigError || error instanceof StartupError || error instanceof MigrationError || error instanceof FolderLockedError) {
          io.stderr.write(`${error.message}\n`);
          return 1;
        }
        throw error;
      }
    },
  };
}

export const userCreateCommand = createUserCreateCommand({
  env: process.env,
  stdin: process.stdin,
  openDatabase: () => prepareDatabase(loadConfig(), createLogger('silent'), { role: 'command', command: 'user:create' }),
});
