/**
 * `npm run faults`: the server is killed with SIGKILL five times, and PostgreSQL is restarted, while
 * clients post valid responses and retry until acknowledged. Afterwards every acknowledged response
 * must be stored exactly once and nothing else. Needs a PostgreSQL it may restart (as CI's is).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { responseBody, sipasAnswers } from '../support/sipas-answers';

const ROOT = path.resolve(__dirname, '../..');
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const KILLS = 5;
const WORKERS = 8;
const MAX_ATTEMPTS = 60;
/** The whole script fails rather than hangs if something never recovers. */
const DEADLINE_MS = 5 * 60 * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try { return (await c.query(text, params)).rows as T[]; } finally { await c.end(); }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

class Server {
  child: ChildProcess | null = null;
  constructor(private readonly databaseUrl: string, readonly port: number) {}
  get url() { return `http://127.0.0.1:${this.port}`; }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      // The load comes from one address: lift the per-address limit on citizens' responses.
      env: { ...process.env, DATABASE_URL: this.databaseUrl, PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: 'error', RESPONSE_RATE_BURST: '1000000', RESPONSE_RATE_PER_MINUTE: '1000000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; i < 200; i++) {
      if ((await fetch(`${this.url}/readyz`).then((r) => r.status, () => 0)) === 200) return;
      await sleep(100);
    }
    throw new Error('the server did not become ready');
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child!;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}

/** Clients that post distinct valid responses and retry each until it is acknowledged, as the app does. */
class Load {
  readonly attempted = new Set<string>();
  readonly acknowledged = new Set<string>();
  private running = true;
  private workers: Promise<void>[] = [];
  retries = 0;

  constructor(private readonly url: () => string, private readonly wave: string, private readonly body: Record<string, unknown>) {}

  start(): void {
    this.workers = Array.from({ length: WORKERS }, () => this.work());
  }

  private async work(): Promise<void> {
    while (this.running) {
      const id = randomUUID();
      this.attempted.add(id);
      const payload = JSON.stringify({ ...this.body, id });
      for (let attempt = 0; ; attempt++) {
        const status = await fetch(`${this.url()}/api/waves/${this.wave}/responses`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: payload, signal: AbortSignal.timeout(5000),
        }).then((r) => r.status, () => 0);
        if (status === 200 || status === 201) { this.acknowledged.add(id); break; }
        if (status >= 400 && status < 500) throw new Error(`response refused with ${status}`);
        if (attempt >= MAX_ATTEMPTS) throw new Error(`no acknowledgement after ${MAX_ATTEMPTS} attempts: the server did not come back`);
        this.retries++;
        await sleep(Math.min(1000, 50 * 2 ** attempt));
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }
}

async function check(databaseUrl: string, load: Load, label: string): Promise<void> {
  const rows = await sql<{ id: string }>(databaseUrl, 'select id from responses');
  const stored = new Set(rows.map((r) => r.id));
  const missing = [...load.acknowledged].filter((id) => !stored.has(id));
  const unexpected = rows.filter((r) => !load.attempted.has(r.id));
  // A run in which nothing was acknowledged proves nothing: that is a failure too.
  const ok = load.acknowledged.size > 0 && missing.length === 0 && unexpected.length === 0
    && stored.size === rows.length && stored.size === load.acknowledged.size;
  console.log(`${label}: ${load.acknowledged.size} acknowledged, ${rows.length} stored, ${missing.length} missing, ${unexpected.length} unexpected, ${load.retries} client retries — ${ok ? 'OK' : 'FAILED'}`);
  if (!ok) throw new Error(`${label}: acknowledged responses were lost or duplicated`);
}

function postgresCluster(): string[] | null {
  try {
    const version = readdirSync('/etc/postgresql')[0];
    const probe = spawnSync('pg_ctlcluster', ['--help'], { encoding: 'utf8' });
    return version && !probe.error ? ['--skip-systemctl-redirect', version, 'main'] : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const database = `sipas_faults_${Date.now()}`;
  await sql(ADMIN_URL, `create database ${database}`);
  const databaseUrl = urlFor(database);
  const server = new Server(databaseUrl, await freePort());
  try {
    await server.start();
    const wave = ((await (await fetch(`${server.url}/api/waves`)).json()) as { waves: { id: string }[] }).waves[0].id;
    const answers = sipasAnswers();
    delete answers.commune;
    const template = responseBody(answers);

    // 1. SIGKILL five times under load; the server is restarted each time on the same port.
    const load = new Load(() => server.url, wave, template);
    load.start();
    for (let k = 1; k <= KILLS; k++) {
      await sleep(700);
      await server.kill('SIGKILL');
      await sleep(200);
      await server.start();
      console.log(`kill -9 #${k}: restarted, ${load.acknowledged.size} acknowledged so far`);
    }
    await sleep(700);
    await load.stop();
    await check(databaseUrl, load, 'after 5 × kill -9');

    // 2. PostgreSQL restarts under load: the server reports not ready, then recovers by itself.
    let passed = 1;
    const cluster = postgresCluster();
    if (!cluster) {
      // CI runs where PostgreSQL is managed by pg_ctlcluster: there a missing scenario is a failure.
      if (process.env.CI) throw new Error('PostgreSQL restart scenario could not run: pg_ctlcluster is not available');
      console.log('PostgreSQL restart SKIPPED: pg_ctlcluster is not available here');
    } else {
      await sql(databaseUrl, 'delete from responses');
      const second = new Load(() => server.url, wave, template);
      second.start();
      await sleep(800);
      const readiness: number[] = [];
      const poll = setInterval(() => { void fetch(`${server.url}/readyz`).then((r) => readiness.push(r.status), () => readiness.push(0)); }, 50);
      // Asynchronous, so the readiness probes keep running while PostgreSQL is down.
      const restarted = await new Promise<number | null>((resolve) => {
        spawn('pg_ctlcluster', [...cluster, 'restart'], { stdio: 'inherit' }).once('exit', resolve);
      });
      if (restarted !== 0) throw new Error(`pg_ctlcluster restart failed (${restarted})`);
      for (let i = 0; i < 100 && (await fetch(`${server.url}/readyz`).then((r) => r.status, () => 0)) !== 200; i++) await sleep(100);
      await sleep(1000);
      clearInterval(poll);
      await second.stop();
      const sawNotReady = readiness.includes(503);
      const recovered = (await fetch(`${server.url}/readyz`)).status === 200;
      console.log(`PostgreSQL restart: /readyz said not ready ${readiness.filter((s) => s === 503).length} times, ready again: ${recovered}`);
      if (!sawNotReady || !recovered) throw new Error('the server did not report the database restart, or did not recover');
      await check(databaseUrl, second, 'after a PostgreSQL restart');
      passed++;
    }
    console.log(`faults: ${passed} of 2 passed, 0 failed${passed < 2 ? ', 1 skipped' : ''}`);
  } finally {
    if (server.child) await server.kill('SIGTERM');
    await sql(ADMIN_URL, `drop database if exists ${database} with (force)`).catch(() => undefined);
  }
}

setTimeout(() => {
  console.error(`faults: did not finish within ${DEADLINE_MS / 60000} minutes`);
  process.exit(1);
}, DEADLINE_MS).unref();

main().catch((err: unknown) => {
  console.error(`faults: ${(err as Error).message}`);
  process.exitCode = 1;
});
