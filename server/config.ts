import path from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from './db/connect';
import { CITIZEN_RATE_POLICY, type CitizenRatePolicy } from './responses/citizen-rate-limit';
import { trustProxySchema, type TrustProxy } from './http/trust-proxy';
import { ROOT } from './paths';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function isPublicUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Where citizens reach the platform, as printed on invitations; when unset, this machine's port. */
function publicUrlOf(value: string | undefined, port: number): string {
  return value ? value.replace(/\/+$/, '') : `http://localhost:${port || 3000}`;
}

const envSchema = z.object({
  PORT: z.coerce.number({ error: 'phải là số nguyên 0–65535 (must be an integer 0–65535)' })
    .int('phải là số nguyên 0–65535 (must be an integer 0–65535)')
    .min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\/.+/.test(v), {
      message: 'phải là URL postgres://… (must be a postgres:// URL)',
    }),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number({ error: 'phải là số nguyên 100–120000 (must be an integer 100–120000)' })
    .int('phải là số nguyên 100–120000 (must be an integer 100–120000)').min(100).max(120_000).default(3000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number({ error: 'phải là số nguyên 0–86400000 (must be an integer 0–86400000)' })
    .int('phải là số nguyên 0–86400000 (must be an integer 0–86400000)').min(0).max(86_400_000).default(120_000),
  SIPAS_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `phải là một trong ${LOG_LEVELS.join(', ')}` }).default('info'),
  TRUST_PROXY: trustProxySchema,
  WEB_CONCURRENCY: z.coerce.number().int('phải là số nguyên 1–64 (must be an integer 1–64)').min(1).max(64).default(1),
  SIPAS_DEMO: z.enum(['0', '1', 'true', 'false'], { error: 'phải là 1 hoặc 0 (must be 1 or 0)' }).default('0'),
  PUBLIC_URL: z.string().optional().refine((v) => !v || isPublicUrl(v), {
    message: 'phải là địa chỉ http(s)://máy[:cổng][/đường-dẫn], không có ?… hay #… (must be an http(s) URL without query or fragment)',
  }),
  OPEN_DATA_MIN_N: z.coerce.number({ error: 'phải là số nguyên 1–100000 (must be an integer 1–100000)' })
    .int('phải là số nguyên 1–100000 (must be an integer 1–100000)').min(1).max(100_000).default(30),
  RESPONSE_RATE_BURST: z.coerce.number({ error: 'phải là số nguyên 1–1000000 (must be an integer 1–1000000)' })
    .int('phải là số nguyên 1–1000000 (must be an integer 1–1000000)').min(1).max(1_000_000).default(CITIZEN_RATE_POLICY.burst),
  RESPONSE_RATE_PER_MINUTE: z.coerce.number({ error: 'phải là số dương ≤ 1000000 (must be a positive number ≤ 1000000)' })
    .positive('phải là số dương ≤ 1000000 (must be a positive number ≤ 1000000)').max(1_000_000).default(CITIZEN_RATE_POLICY.refillPerMinute),
});

export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Which X-Forwarded-For entries to believe: none, a hop count, or the proxies' addresses (never all). */
  trustProxy: TrustProxy;
  /** Create the synthetic demo waves at start-up (once). */
  demo: boolean;
  /** Server processes sharing the port (PostgreSQL only: the embedded database belongs to one process). */
  workers: number;
  /** The open API withholds a proportion answered by fewer respondents than this. @default 30 */
  openDataMinN: number;
  /** Responses one client address may send without a kiosk token (responses/citizen-rate-limit.ts). */
  responseRate: CitizenRatePolicy;
  /** Built client served by the server; absent in tests that need no pages. */
  clientDir: string | null;
  /**
   * The address citizens reach (`PUBLIC_URL`, no trailing slash), used in invitation links and printed QR
   * codes instead of the request's forgeable Host header. @default http://localhost:PORT
   */
  publicUrl: string;
  /** PUBLIC_URL was set (otherwise the server says where invitations will point). */
  publicUrlConfigured: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ (invalid configuration): ${problems.join('; ')}`);
  }
}

/** Parses the environment once; reports every invalid variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  if (e.WEB_CONCURRENCY > 1 && !e.DATABASE_URL) {
    throw new ConfigError(['WEB_CONCURRENCY > 1 cần DATABASE_URL (PostgreSQL); CSDL nhúng chỉ dùng được trong một tiến trình — needs PostgreSQL']);
  }
  const dataDir = path.resolve(e.SIPAS_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
        kind: 'postgres', url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX,
        connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS, statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    demo: e.SIPAS_DEMO === '1' || e.SIPAS_DEMO === 'true',
    openDataMinN: e.OPEN_DATA_MIN_N,
    responseRate: { burst: e.RESPONSE_RATE_BURST, refillPerMinute: e.RESPONSE_RATE_PER_MINUTE },
    workers: e.WEB_CONCURRENCY,
    clientDir: path.join(ROOT, 'client/dist'),
    publicUrl: publicUrlOf(e.PUBLIC_URL, e.PORT),
    publicUrlConfigured: Boolean(e.PUBLIC_URL),
  };
}
