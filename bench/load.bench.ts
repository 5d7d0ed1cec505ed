import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { responseBody, sipasAnswers } from '../tests/support/sipas-answers';
import type { Bench } from './bench';
import { runLoad, type LoadResult } from './load-generator';
import { cpuBetween, processTree, snapshotCpu } from './process-cpu';

const ROOT = path.resolve(__dirname, '..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DURATION_S = Number(process.env.BENCH_LOAD_SECONDS ?? 12);
/** Concurrent clients, one level after another: `BENCH_CONNECTIONS=32,64`. */
const LEVELS = (process.env.BENCH_CONNECTIONS ?? '32,64,128').split(',').map(Number);
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
async function helloWorld(levels: number[]): Promise<Map<number, LoadResult>> {
  const program = `
    const express = require('express');
    const app = express();
    app.get('/hello', (_req, res) => { res.json({ hello: 'world' }); });
    const server = app.listen(0, '127.0.0.1', () => console.log('listening http://127.0.0.1:' + server.address().port));`;
  const { url, child } = await startProcess(['-e', program], {}, /listening (http:\/\/\S+)/);
  try {
    const results = new Map<number, LoadResult>();
    for (const connections of levels) {
      await runLoad({ url: `${url}/hello`, connections, durationS: 1 });
      results.set(connections, await runLoad({ url: `${url}/hello`, connections, durationS: Math.min(DURATION_S, 5) }));
    }
    return results;
  } finally {
    await stop(child);
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

interface Level { connections: number; result: LoadResult; cpu: { server: number; postgres: number; generator: number }; rows: number; commits: number }

/**
 * Posts valid, distinct SIPAS responses (each with its own UUID) to the real server on PostgreSQL at
 * several numbers of concurrent clients, then checks that every acknowledged response is in the database:
 * durable before the 2xx. Capacity is the best sustained rate at which p99 stays under the bound. Also
 * reports where the machine's CPU went (server, PostgreSQL, load generator) per response.
 */
export const loadBench: Bench = {
  name: 'Ingestion under load (PostgreSQL)',
  async run(log) {
    const dbName = `sipas_bench_${Date.now()}`;
    try {
      await admin(`create database ${dbName}`);
    } catch (error) {
      log(`   skipped: no PostgreSQL to create a database on (${new URL(ADMIN_URL).host}: ${(error as Error).message}); set BENCH_DATABASE_URL or TEST_DATABASE_URL`);
      return;
    }
    const hello = await helloWorld(LEVELS).catch(async (error: unknown) => {
      await admin(`drop database if exists ${dbName} with (force)`);
      throw error;
    });
    const { url, child } = await startProcess(['--import', 'tsx', 'server/main.ts'], {
      DATABASE_URL: databaseUrl(dbName), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '16', WEB_CONCURRENCY: WORKERS,
      // One load generator, one address: lift the per-address limit on citizens' responses.
      RESPONSE_RATE_BURST: '1000000', RESPONSE_RATE_PER_MINUTE: '1000000',
    }, /đang chạy tại (http:\/\/\S+)/);
    const c = new Client({ connectionString: databaseUrl(dbName) });
    await c.connect();
    try {
      const wave = ((await (await fetch(`${url}/api/waves`)).json()) as { waves: { id: string }[] }).waves[0].id;
      const answers = sipasAnswers({ procedure: true, feedback: true });
      delete answers.commune;
      // The body is built once with a marker where each request's UUID goes: the generator should spend
      // as little of the shared CPU as it can.
      const ID_MARK = '00000000-0000-4000-8000-00000000cafe';
      const load = { url: `${url}/api/waves/${wave}/responses`, headers: { 'content-type': 'application/json' }, body: { text: JSON.stringify({ ...responseBody(answers), id: ID_MARK }), unique: ID_MARK } };
      const acknowledgedIds: string[] = [];
      const acknowledge = (status: number, text: string) => {
        if (status >= 200 && status < 300) acknowledgedIds.push(/"id":"([0-9a-f-]{36})"/.exec(text)![1]);
      };
      // Rows of one statement share its transaction's time: distinct times count the commits.
      const counts = async () => {
        const { rows } = await c.query('select count(*)::int as rows, count(distinct received_at)::int as commits from responses');
        return rows[0] as { rows: number; commits: number };
      };
      let sent = 0;
      const levels: Level[] = [];
      for (const connections of LEVELS) {
        // A short warm-up at each level (JIT, pool connections, caches), neither timed nor counted as load.
        sent += (await runLoad({ ...load, connections, durationS: 2, onResponse: acknowledge })).sent;
        const before = await counts();
        const cpuBefore = snapshotCpu();
        const result = await runLoad({ ...load, connections, durationS: DURATION_S, onResponse: acknowledge });
        const cpuAfter = snapshotCpu();
        const after = await counts();
        sent += result.sent;
        const serverPids = processTree(cpuAfter, child.pid!);
        levels.push({
          connections, result, rows: after.rows - before.rows, commits: after.commits - before.commits,
          cpu: {
            server: cpuBetween(cpuBefore, cpuAfter, (pid) => serverPids.has(pid)),
            postgres: cpuBetween(cpuBefore, cpuAfter, (_pid, comm) => comm.startsWith('postgres')),
            generator: cpuBetween(cpuBefore, cpuAfter, (pid) => pid === process.pid),
          },
        });
      }
      const { rows: stored } = await counts();
      const found = Number((await c.query('select count(*) from responses where id = any($1::uuid[])', [acknowledgedIds])).rows[0].count);

      log(`   ${WORKERS} server process(es), ${DURATION_S} s per level after a 2 s warm-up; hello-world is an Express 5 route in its own process, same generator`);
      for (const { connections, result, cpu, rows, commits } of levels) {
        const yardstick = hello.get(connections)!;
        const per = (sec: number) => `${((sec / result.ok) * 1e6).toFixed(0)}`;
        log(`   ${String(connections).padStart(3)} connections: ${result.okPerSecond.toFixed(0)} responses/s, p50 ${ms(result.latencyMs.p50)}, p99 ${ms(result.latencyMs.p99)}, max ${ms(result.latencyMs.max)}; `
          + `non-2xx ${result.non2xx}, socket errors ${result.errors} | hello-world ${yardstick.okPerSecond.toFixed(0)} req/s (ratio ${(result.okPerSecond / yardstick.okPerSecond).toFixed(2)}) `
          + `| CPU µs per response: server ${per(cpu.server)}, PostgreSQL ${per(cpu.postgres)}, generator ${per(cpu.generator)} | ${(rows / Math.max(commits, 1)).toFixed(1)} responses per commit`);
      }
      const within = levels.filter((l) => l.result.latencyMs.p99 < TARGET_P99_MS && l.result.non2xx === 0 && l.result.errors === 0);
      const best = within.sort((a, b) => b.result.okPerSecond - a.result.okPerSecond)[0];
      if (best) {
        const rps = best.result.okPerSecond;
        log(`   capacity (best rate with p99 < ${TARGET_P99_MS} ms): ${rps.toFixed(0)} responses/s at ${best.connections} connections, p99 ${ms(best.result.latencyMs.p99)}`);
        log(`   target ≥ ${TARGET_RPS}/s with p99 < ${TARGET_P99_MS} ms: ratio ${(rps / TARGET_RPS).toFixed(2)} — ${rps >= TARGET_RPS ? 'MET' : 'NOT MET'}`);
      } else {
        log(`   target: NOT MET (no level kept p99 under ${TARGET_P99_MS} ms without errors)`);
      }
      const allDurable = found === acknowledgedIds.length && new Set(acknowledgedIds).size === acknowledgedIds.length;
      log(`   durability: ${acknowledgedIds.length} acknowledged (warm-ups included), ${found} of them found in the database, ${stored} rows in all, ${sent} sent — ${allDurable ? 'every acknowledged response stored exactly once' : 'MISMATCH'}`);
      if (!allDurable) process.exitCode = 1;
    } finally {
      await c.end();
      await stop(child);
      await admin(`drop database if exists ${dbName} with (force)`);
    }
  },
};
