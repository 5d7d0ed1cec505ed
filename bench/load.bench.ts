import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { Client } from 'pg';
import { responseBody, sipasAnswers } from '../tests/support/sipas-answers';
import type { Bench } from './bench';

const ROOT = path.resolve(__dirname, '..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DURATION_S = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const CONNECTIONS = 32;
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

/** Starts the real server (`server/main.ts`) on PostgreSQL and resolves with its URL. */
function startServer(url: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '16', WEB_CONCURRENCY: process.env.BENCH_WORKERS ?? '2' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const found = /đang chạy tại (http:\/\/\S+)/.exec(out);
      if (found) resolve({ url: found[1].replace('localhost', '127.0.0.1'), child });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
  });
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** The yardstick: an Express 5 route that only answers, on the same machine in the same run. */
async function helloWorld(): Promise<autocannon.Result> {
  const app = express();
  app.get('/hello', (_req, res) => { res.json({ hello: 'world' }); });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    return await run({ url: `http://127.0.0.1:${port}/hello`, connections: CONNECTIONS, duration: Math.min(DURATION_S, 10) });
  } finally {
    server.close();
  }
}

/**
 * Posts valid, distinct SIPAS responses (each with its own UUID) to the real server on PostgreSQL, then
 * checks that every acknowledged response is in the database: durable before the 2xx.
 */
export const loadBench: Bench = {
  name: 'Ingestion under load (PostgreSQL, autocannon)',
  async run(log) {
    const dbName = `sipas_bench_${Date.now()}`;
    await admin(`create database ${dbName}`);
    const { url, child } = await startServer(databaseUrl(dbName));
    try {
      const wave = ((await (await fetch(`${url}/api/waves`)).json()) as { waves: { id: string }[] }).waves[0].id;
      const answers = sipasAnswers({ procedure: true, feedback: true });
      delete answers.commune;
      const template = responseBody(answers);
      const hello = await helloWorld();
      let sent = 0;
      const acknowledgedIds: string[] = [];
      const result = await run({
        url: `${url}/api/waves/${wave}/responses`,
        connections: CONNECTIONS,
        duration: DURATION_S,
        requests: [{
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            sent++;
            return { ...req, body: JSON.stringify({ ...template, id: randomUUID() }) };
          },
          onResponse: (status, body) => {
            if (status >= 200 && status < 300) acknowledgedIds.push((JSON.parse(body) as { response: { id: string } }).response.id);
          },
        }],
      });
      const c = new Client({ connectionString: databaseUrl(dbName) });
      await c.connect();
      const stored = Number((await c.query('select count(*) from responses')).rows[0].count);
      const durable = Number((await c.query('select count(*) from responses where id = any($1::uuid[])', [acknowledgedIds])).rows[0].count);
      await c.end();
      const acknowledged = result['2xx'];
      const rps = acknowledged / result.duration;
      log(`   hello-world Express: ${hello.requests.average.toFixed(0)} req/s, p50 ${hello.latency.p50} ms, p99 ${hello.latency.p99} ms`);
      log(`   responses: ${rps.toFixed(0)} valid responses/s sustained over ${result.duration.toFixed(1)} s, ${CONNECTIONS} connections`);
      log(`   latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`);
      log(`   ratio to hello-world: ${(rps / hello.requests.average).toFixed(3)}`);
      log(`   target ≥ ${TARGET_RPS}/s: ratio ${(rps / TARGET_RPS).toFixed(2)} ${rps >= TARGET_RPS ? 'MET' : 'NOT MET'}; p99 < ${TARGET_P99_MS} ms: ${result.latency.p99 < TARGET_P99_MS ? 'MET' : 'NOT MET'}`);
      const allDurable = durable === acknowledgedIds.length && acknowledgedIds.length === acknowledged;
      log(`   durability: ${acknowledged} acknowledged, ${durable} of them found in the database, ${stored} rows in all, ${sent} sent — ${allDurable ? 'every acknowledged response stored exactly once' : 'MISMATCH'}`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await admin(`drop database if exists ${dbName} with (force)`);
    }
  },
};
