import { sql } from 'kysely';
import { Client } from 'pg';
import { createApp } from '../server/app';
import { openDatabase } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { createDemoWave, DEMO_WAVES } from '../server/demo/demo.service';
import { loadWaveColumns } from '../server/estimation-runs/wave-columns';
import { seedGeography } from '../server/geography/geography.seed';
import { QuestionnaireCache } from '../server/surveys/questionnaire.cache';
import { listen } from '../tests/support/http';
import { silentLogger } from '../tests/support/logger';
import { loginAs } from '../tests/support/users';
import type { Bench } from './bench';
import { cpuBetween, snapshotCpu } from './process-cpu';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RESPONDENTS = Number(process.env.BENCH_RUN_RESPONDENTS ?? 40_000);
const TARGET_SECONDS = 2;
const REPEATS = 3;

function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(statement: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try { await c.query(statement); } finally { await c.end(); }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Timing { wall: number; node: number; postgres: number }

/**
 * A stored run of a SIPAS-sized wave through the API (`POST /api/waves/:wave/runs`, every scheme the wave
 * allows, national + 63 provinces + breakdowns), on PostgreSQL, reading the responses included. The
 * machine is shared, so beside the wall clock it prints the CPU seconds of this process and of the
 * PostgreSQL backends serving it (from /proc): their sum bounds the wall time of a quiet machine.
 */
export const storedRunBench: Bench = {
  name: 'stored run of a 40,000-respondent wave (PostgreSQL)',
  async run(log) {
    const dbName = `sipas_bench_run_${Date.now()}_${process.pid}`;
    try {
      await admin(`create database ${dbName}`);
    } catch (error) {
      log(`   skipped: no PostgreSQL to create a database on (${new URL(ADMIN_URL).host}: ${(error as Error).message}); set BENCH_DATABASE_URL or TEST_DATABASE_URL`);
      return;
    }
    const database = await openDatabase({ kind: 'postgres', url: databaseUrl(dbName), poolMax: 4 });
    const backendPids = async () => new Set((await database.db.selectFrom('pg_stat_activity' as never)
      .select('pid' as never).where('datname' as never, '=', dbName as never).execute()).map((r) => Number((r as { pid: number }).pid)));
    try {
      await migrate(database.db);
      await seedGeography(database.db);
      const spec = DEMO_WAVES.find((w) => w.id === 'demo-2023')!;
      const setupStarted = performance.now();
      const stored = await createDemoWave(database.db, spec, RESPONDENTS);
      await sql`analyze`.execute(database.db);
      log(`wave ${spec.id}: ${stored.toLocaleString('en')} respondents, 63 provinces (set-up ${((performance.now() - setupStarted) / 1000).toFixed(1)} s)`);

      const timed = async (work: () => Promise<unknown>): Promise<Timing> => {
        const pids = await backendPids();
        const before = snapshotCpu();
        const cpu0 = process.cpuUsage();
        const started = performance.now();
        await work();
        const wall = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpu0);
        const after = snapshotCpu();
        for (const pid of await backendPids()) pids.add(pid);
        return { wall, node: (cpu.user + cpu.system) / 1e6, postgres: cpuBetween(before, after, (pid) => pids.has(pid)) };
      };
      const describe = (what: string, ts: Timing[], target: number | null) => {
        const wall = median(ts.map((t) => t.wall));
        const cpu = median(ts.map((t) => t.node + t.postgres));
        const node = median(ts.map((t) => t.node));
        const pg = median(ts.map((t) => t.postgres));
        const verdict = target === null ? '' : ` — target ${target} s, ratio ${(wall / target).toFixed(2)} (CPU ${(cpu / target).toFixed(2)}) ${wall <= target ? 'OK' : cpu <= target ? 'OVER on this machine\'s clock, OK in CPU time' : 'OVER'}`;
        log(`${what.padEnd(26)} median of ${ts.length}: ${wall.toFixed(2)} s wall; CPU ${cpu.toFixed(2)} s (node ${node.toFixed(2)} + PostgreSQL ${pg.toFixed(2)})${verdict}`);
      };

      // Reading alone: the responses into the engine's columns, as the run does first.
      const questionnaires = new QuestionnaireCache(database.db);
      const wave = await database.db.selectFrom('waves').select('survey_version_id').where('id', '=', spec.id).executeTakeFirstOrThrow();
      const { plan } = await questionnaires.get(wave.survey_version_id);
      const reads: Timing[] = [];
      await loadWaveColumns(database.db, spec.id, plan.indexDefinition);
      for (let k = 0; k < REPEATS; k++) reads.push(await timed(() => loadWaveColumns(database.db, spec.id, plan.indexDefinition)));
      describe('reading the responses', reads, null);

      const server = await listen(createApp({ clientDir: null, trustProxy: false }, { db: database.db, logger: silentLogger }));
      try {
        const analyst = await loginAs(server.url, database.db, { role: 'analyst' });
        let schemes: string[] = [];
        let rows = 0;
        const post = async () => {
          const res = await analyst.post(`/api/waves/${spec.id}/runs`, { geography: 'vn-63' });
          if (res.status !== 201) throw new Error(`POST /api/waves/${spec.id}/runs answered ${res.status}: ${await res.text()}`);
          const body = await res.json() as { run: { schemes: string[] }; resultCount: number };
          schemes = body.run.schemes;
          rows = body.resultCount;
        };
        const first = await timed(post);
        const runs: Timing[] = [];
        for (let k = 0; k < REPEATS; k++) runs.push(await timed(post));
        describe('POST /api/waves/:wave/runs', runs, TARGET_SECONDS);
        log(`   first run ${first.wall.toFixed(2)} s wall (CPU ${(first.node + first.postgres).toFixed(2)} s); schemes ${schemes.join(', ')}; ${rows} result rows`);
      } finally {
        await server.close();
      }
    } finally {
      await database.close();
      await admin(`drop database if exists ${dbName} with (force)`);
    }
  },
};
