import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../server/auth/password';
import { insertUser, updateUser, type UserRow } from '../../server/auth/users.repository';
import type { Database, GeographyCode, Role } from '../../server/db/database';

/** Long enough for the password policy; every factory user has it unless told otherwise. */
export const TEST_PASSWORD = 'mật khẩu thử nghiệm đủ dài';

export interface UserSpec {
  /** @default 'analyst' */
  role?: Role;
  /** A province official's province. @default '01' */
  province?: string;
  /** A province official's geography. @default 'vn-63' */
  geography?: GeographyCode;
  username?: string;
  displayName?: string;
  password?: string;
  disabled?: boolean;
}

let testPasswordHash: Promise<string> | undefined;
let counter = 0;

/** Inserts a user directly (no audit row): `role` decides the defaults, any field can be overridden. */
export async function createUser(db: Kysely<Database>, spec: UserSpec = {}): Promise<{ user: UserRow; password: string }> {
  const role = spec.role ?? 'analyst';
  const password = spec.password ?? TEST_PASSWORD;
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  counter += 1;
  let user = await insertUser(db, {
    username: spec.username ?? `${role.replace('_', '-')}-${counter}-${randomBytes(3).toString('hex')}`,
    displayName: spec.displayName ?? `Người dùng thử ${counter}`,
    role,
    scope: role === 'province_official' ? { geography: spec.geography ?? 'vn-63', province: spec.province ?? '01' } : null,
    passwordHash: spec.password ? await hashPassword(password) : await testPasswordHash,
  });
  if (spec.disabled) user = (await updateUser(db, user.id, { disabled: true }))!;
  return { user, password };
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** `false` leaves the CSRF header out; a string sends that instead of the session's token. */
  csrf?: boolean | string;
}

/**
 * A client of the running app that keeps its session cookie and sends the CSRF token on every
 * state-changing request, as the dashboard does. Methods return the raw `Response`.
 */
export interface Agent {
  readonly baseUrl: string;
  /** The `sipas_session` cookie value, or null when signed out. */
  readonly cookie: string | null;
  readonly csrfToken: string | null;
  /** `path` is relative to `baseUrl`, or a full URL (another server sharing the database). */
  request(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<Response>;
  get(path: string, options?: RequestOptions): Promise<Response>;
  post(path: string, body?: unknown, options?: RequestOptions): Promise<Response>;
  put(path: string, body?: unknown, options?: RequestOptions): Promise<Response>;
  patch(path: string, body?: unknown, options?: RequestOptions): Promise<Response>;
  delete(path: string, options?: RequestOptions): Promise<Response>;
}

export interface LoggedInAgent extends Agent {
  user: UserRow;
  password: string;
}

class HttpAgent implements Agent {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie) headers.Cookie = `sipas_session=${this.cookie}`;
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    const csrf = typeof options.csrf === 'string' ? options.csrf : options.csrf === false ? null : this.csrfToken;
    if (unsafe && csrf) headers['X-CSRF-Token'] = csrf;
    const url = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`;
    const res = await fetch(url, {
      method, headers: { ...headers, ...options.headers }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.keepCookie(res);
    return res;
  }

  get(path: string, options?: RequestOptions) { return this.request('GET', path, undefined, options); }
  post(path: string, body?: unknown, options?: RequestOptions) { return this.request('POST', path, body, options); }
  put(path: string, body?: unknown, options?: RequestOptions) { return this.request('PUT', path, body, options); }
  patch(path: string, body?: unknown, options?: RequestOptions) { return this.request('PATCH', path, body, options); }
  delete(path: string, options?: RequestOptions) { return this.request('DELETE', path, undefined, options); }

  /** Signs in through the real login route and keeps the cookie and CSRF token it returns. */
  async logIn(username: string, password: string): Promise<Response> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.ok) this.csrfToken = (await res.clone().json()).csrfToken;
    return res;
  }

  private keepCookie(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const match = /^sipas_session=([^;]*)/.exec(header);
      if (match) this.cookie = match[1] || null;
    }
  }
}

/** A client with no session, e.g. a citizen or someone who has not signed in. */
export function anonymous(baseUrl: string): Agent {
  return new HttpAgent(baseUrl);
}

/** Signs in as an existing user; throws if the login is refused. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<Agent> {
  const agent = new HttpAgent(baseUrl);
  const res = await agent.logIn(username, password);
  if (!res.ok) throw new Error(`login as ${username} refused: ${res.status} ${await res.text()}`);
  return agent;
}

/**
 * Creates a user (see {@link createUser}) and signs them in through the API.
 * @example
 * const official = await loginAs(server.url, db, { role: 'province_official', province: '01', geography: 'vn-63' });
 * await official.get('/api/…');
 * await official.post('/api/…', body); // cookie and X-CSRF-Token sent for you
 */
export async function loginAs(baseUrl: string, db: Kysely<Database>, spec: UserSpec = {}): Promise<LoggedInAgent> {
  const { user, password } = await createUser(db, spec);
  const agent = await signIn(baseUrl, user.username, password);
  return Object.assign(agent, { user, password });
}
