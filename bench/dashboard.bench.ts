import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createApp } from '../server/app';
import { openDatabase, type DatabaseHandle } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { createDemo } from '../server/demo/demo.service';
import { seedGeography } from '../server/geography/geography.seed';
import { listen } from '../tests/support/http';
import { silentLogger } from '../tests/support/logger';
import { loginAs, type Agent } from '../tests/support/users';
import type { Bench } from './bench';

/** Targets of issue #14: every dashboard and fieldwork API call, median of three after a warm-up. */
const TARGET_SECONDS = { PGlite: 1, PostgreSQL: 0.3 } as const;
const REPEATS = 3;
/** `BENCH_RESPONDENTS=5000` for a quicker look; the figures are for the demo's 40,000 per wave. */
const RESPONDENTS = Number(process.env.BENCH_RESPONDENTS ?? 40_000);

interface Target { name: keyof typeof TARGET_SECONDS; open(): Promise<DatabaseHandle> }

/** A database of its own on the server of TEST_DATABASE_URL (or DATABASE_URL), dropped afterwards. */
function postgresTarget(adminUrl: string): Target {
  return {
    name: 'PostgreSQL',
    async open() {
      const name = `sipas_bench_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 10 });
      return {
        ...handle,
        async close() {
          await handle.close();
          const c = new Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`drop database if exists ${name} with (force)`);
          await c.end();
        },
      };
    },
  };
}

function targets(): Target[] {
  const list: Target[] = [{ name: 'PGlite', open: () => openDatabase({ kind: 'pglite', dataDir: null }) }];
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) list.push(postgresTarget(url));
  return list;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One GET, read to the end; fails loudly on anything but 200 (a fast error is no result). */
async function timedGet(agent: Agent, path: string): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  const response = await agent.get(path);
  const body = await response.arrayBuffer();
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
  return { seconds, bytes: body.byteLength };
}

async function measure(agent: Agent, path: string): Promise<{ first: number; median: number; bytes: number }> {
  const warm = await timedGet(agent, path);
  const times: number[] = [];
  for (let k = 0; k < REPEATS; k++) times.push((await timedGet(agent, path)).seconds);
  return { first: warm.seconds, median: median(times), bytes: warm.bytes };
}

/** The calls the officials' pages make: the dashboard (/admin), a province page and the fieldwork monitor. */
function endpoints(): { label: string; path: string; as: 'analyst' | 'official' }[] {
  const d = '/api/dashboard/waves';
  return [
    { label: 'waves list', path: d, as: 'analyst' },
    { label: 'overview 2025 (34)', path: `${d}/demo-2025/overview?geography=vn-34`, as: 'analyst' },
    { label: 'overview 2023 (63)', path: `${d}/demo-2023/overview?geography=vn-63`, as: 'analyst' },
    { label: 'rankings 2025 sipas', path: `${d}/demo-2025/rankings?geography=vn-34&indicator=sipas`, as: 'analyst' },
    { label: 'rankings 2023 (34)', path: `${d}/demo-2023/rankings?geography=vn-34&indicator=sipas`, as: 'analyst' },
    { label: 'perceptions 2025', path: `${d}/demo-2025/perceptions?geography=vn-34`, as: 'analyst' },
    { label: 'perceptions 2023 (34) 01', path: `${d}/demo-2023/perceptions?geography=vn-34&province=01`, as: 'analyst' },
    { label: 'province 2025 01', path: `${d}/demo-2025/provinces/01?geography=vn-34`, as: 'analyst' },
    { label: 'province 2023 (63) 01', path: `${d}/demo-2023/provinces/01?geography=vn-63`, as: 'official' },
    { label: 'fieldwork 2025', path: '/api/waves/demo-2025/fieldwork', as: 'analyst' },
    { label: 'fieldwork 2023 (official)', path: '/api/waves/demo-2023/fieldwork', as: 'official' },
  ];
}

/**
 * The officials' dashboard and fieldwork API with the demo's two waves of RESPONDENTS each, on PGlite (in
 * memory) and, when a server is configured, on PostgreSQL: each call over HTTP through the whole express app,
 * once to warm up, then the median of three, against the issue's target. The baseline is `/healthz` on the
 * same server in the same run (what the machine's load costs any request).
 */
export const dashboardBench: Bench = {
  name: 'dashboard and fieldwork API (#14)',
  async run(log) {
    for (const target of targets()) {
      const database = await target.open();
      const server = { close: async () => {} };
      try {
        const setupStarted = performance.now();
        await migrate(database.db);
        await seedGeography(database.db);
        await createDemo(database.db, { respondents: RESPONDENTS });
        const setup = (performance.now() - setupStarted) / 1000;
        const listening = await listen(createApp({ clientDir: null, trustProxy: false }, { db: database.db, logger: silentLogger }));
        server.close = listening.close;
        const agents = {
          analyst: await loginAs(listening.url, database.db, { role: 'analyst' }),
          official: await loginAs(listening.url, database.db, { role: 'province_official', geography: 'vn-63', province: '01' }),
        };
        const goal = TARGET_SECONDS[target.name];
        log(`${target.name}: demo of 2 waves × ${RESPONDENTS.toLocaleString('en')} respondents (set-up ${setup.toFixed(0)} s); target ≤ ${goal} s per call`);
        const baseline = await measure(agents.analyst, '/healthz');
        log(`  ${'baseline /healthz'.padEnd(27)} median ${(baseline.median * 1000).toFixed(1)} ms`);
        let worst = 0;
        for (const e of endpoints()) {
          const m = await measure(agents[e.as], e.path);
          worst = Math.max(worst, m.median / goal);
          log(`  ${e.label.padEnd(27)} first ${m.first.toFixed(3)} s, median ${m.median.toFixed(3)} s — ratio to target ${(m.median / goal).toFixed(2)} ` +
            `${m.median <= goal ? 'OK' : 'OVER'} (${(m.bytes / 1024).toFixed(0)} KiB, ${(m.median / baseline.median).toFixed(0)}× baseline)`);
        }
        log(`  worst ratio to target on ${target.name}: ${worst.toFixed(2)} ${worst <= 1 ? 'OK' : 'OVER'}`);
      } finally {
        await server.close();
        await database.close();
      }
    }
  },
};
