import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { responseBody, sipasAnswers } from '../tests/support/sipas-answers';
import type { Bench } from './bench';
import { runLoad, type LoadResult } from './load-generator';
import { cpuBetween, processTree, snapshotCpu } from './process-cpu';

const ROOT = path.resolve(__dirname, '..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DURATION_S = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WORKERS = process.env.BENCH_WORKERS ?? '2';
const TARGET_RPS = 3000;
const TARGET_P99_MS = 100;

function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

/** Spawns a Node program and resolves with the URL it prints once it listens. */
function startProcess(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    // BENCH_SERVER_NODE_ARGS adds Node flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const found = ready.exec(out);
      if (found) resolve({ url: found[1].replace('localhost', '127.0.0.1'), child });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before it was ready`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** The yardstick: an Express 5 route that only answers, in its own process like the server, on the same machine in the same run. */
async function helloWorld(): Promise<LoadResult> {
  const program = `
    const express = require('express');
    const app = express();
    app.get('/hello', (_req, res) => { res.json({ hello: 'world' }); });
    const server = app.listen(0, '127.0.0.1', () => console.log('listening http://127.0.0.1:' + server.address().port));`;
  const { url, child } = await startProcess(['-e', program], {}, /listening (http:\/\/\S+)/);
  try {
    return await runLoad({ url: `${url}/hello`, connections: CONNECTIONS, durationS: Math.min(DURATION_S, 10) });
  } finally {
    await stop(child);
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

/**
 * Posts valid, distinct SIPAS responses (each with its own UUID) to the real server on PostgreSQL, then
 * checks that every acknowledged response is in the database: durable before the 2xx. Also reports where
 * the machine's CPU went (server, PostgreSQL, load generator) per response.
 */
export const loadBench: Bench = {
  name: 'Ingestion under load (PostgreSQL)',
  async run(log) {
    const hello = await helloWorld();
    const dbName = `sipas_bench_${Date.now()}`;
    await admin(`create database ${dbName}`);
    const { url, child } = await startProcess(['--import', 'tsx', process.env.BENCH_SERVER_SCRIPT ?? 'server/main.ts'], {
      DATABASE_URL: databaseUrl(dbName), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '16', WEB_CONCURRENCY: WORKERS,
    }, /đang chạy tại (http:\/\/\S+)/);
    try {
      const wave = ((await (await fetch(`${url}/api/waves`)).json()) as { waves: { id: string }[] }).waves[0].id;
      const answers = sipasAnswers({ procedure: true, feedback: true });
      delete answers.commune;
      // The body is built once with a marker where each request's UUID goes: the generator should spend
      // as little of the shared CPU as it can.
      const ID_MARK = '00000000-0000-4000-8000-00000000cafe';
      const body = { text: JSON.stringify({ ...responseBody(answers), id: ID_MARK }), unique: ID_MARK };
      const acknowledgedIds: string[] = [];
      const acknowledge = (status: number, text: string) => {
        if (status >= 200 && status < 300) acknowledgedIds.push(/"id":"([0-9a-f-]{36})"/.exec(text)![1]);
      };
      // A short warm-up (JIT, pool connections, caches) that is neither timed nor counted as load.
      const warmUp = await runLoad({ url: `${url}/api/waves/${wave}/responses`, connections: CONNECTIONS, durationS: 2, headers: { 'content-type': 'application/json' },
        body, onResponse: acknowledge });

      const cpuBefore = snapshotCpu();
      const result = await runLoad({
        url: `${url}/api/waves/${wave}/responses`,
        connections: CONNECTIONS,
        durationS: DURATION_S,
        headers: { 'content-type': 'application/json' },
        body,
        onResponse: acknowledge,
      });
      const sent = warmUp.sent + result.sent;
      const cpuAfter = snapshotCpu();
      const serverPids = processTree(cpuAfter, child.pid!);
      const cpu = {
        server: cpuBetween(cpuBefore, cpuAfter, (pid) => serverPids.has(pid)),
        postgres: cpuBetween(cpuBefore, cpuAfter, (_pid, comm) => comm.startsWith('postgres')),
        generator: cpuBetween(cpuBefore, cpuAfter, (pid) => pid === process.pid),
      };

      const c = new Client({ connectionString: databaseUrl(dbName) });
      await c.connect();
      const stored = Number((await c.query('select count(*) from responses')).rows[0].count);
      // Rows of one statement share its transaction's time: distinct times count the commits.
      const commits = Number((await c.query('select count(distinct received_at) from responses')).rows[0].count);
      const found = Number((await c.query('select count(*) from responses where id = any($1::uuid[])', [acknowledgedIds])).rows[0].count);
      await c.end();

      const rps = result.okPerSecond;
      const perResponse = (s: number) => `${((s / result.ok) * 1e6).toFixed(0)} µs`;
      log(`   hello-world Express (own process, same generator): ${hello.okPerSecond.toFixed(0)} req/s, p50 ${ms(hello.latencyMs.p50)}, p99 ${ms(hello.latencyMs.p99)}`);
      log(`   responses: ${rps.toFixed(0)} valid responses/s sustained over ${result.durationS.toFixed(1)} s, ${CONNECTIONS} connections, ${WORKERS} server process(es)`);
      log(`   latency: p50 ${ms(result.latencyMs.p50)}, p90 ${ms(result.latencyMs.p90)}, p99 ${ms(result.latencyMs.p99)}, max ${ms(result.latencyMs.max)}; non-2xx ${result.non2xx}, socket errors ${result.errors}`);
      log(`   CPU per response: server ${perResponse(cpu.server)}, PostgreSQL ${perResponse(cpu.postgres)}, load generator ${perResponse(cpu.generator)}`);
      log(`   group commit: ${stored} rows in ${commits} commits (${(stored / commits).toFixed(1)} responses per commit on average)`);
      log(`   ratio to hello-world: ${(rps / hello.okPerSecond).toFixed(3)}`);
      log(`   target ≥ ${TARGET_RPS}/s: ratio ${(rps / TARGET_RPS).toFixed(2)} ${rps >= TARGET_RPS ? 'MET' : 'NOT MET'}; p99 < ${TARGET_P99_MS} ms: ${result.latencyMs.p99 < TARGET_P99_MS ? 'MET' : 'NOT MET'}`);
      const allDurable = found === acknowledgedIds.length && new Set(acknowledgedIds).size === acknowledgedIds.length;
      log(`   durability: ${acknowledgedIds.length} acknowledged (warm-up included), ${found} of them found in the database, ${stored} rows in all, ${sent} sent — ${allDurable ? 'every acknowledged response stored exactly once' : 'MISMATCH'}`);
      if (!allDurable) process.exitCode = 1;
    } finally {
      await stop(child);
      await admin(`drop database if exists ${dbName} with (force)`);
    }
  },
};
