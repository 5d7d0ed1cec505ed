/**
 * Issue #17: what a user runs, timed as whole processes beside a `node -e 0` baseline measured in the same run.
 *
 * - `npm run sipas -- estimate --input wave.csv --margins margins.csv --scheme all --format csv --out out.csv`
 *   on a 50,000-respondent wave (target ≤ 1 s wall, end to end);
 * - the same on 5,000,000 respondents from CSV (target ≤ 30 s, peak memory ≤ 3 GB);
 * - `npm start` until it says it is listening, when nothing changed since the last build (target ≤ 3 s).
 *
 * Each is run a few times and the median reported; the CPU time (user + system, the process and its children)
 * is given too, as it is less disturbed than wall time when other work shares the machine.
 * `BENCH_CLI_LARGE=0` skips the 5,000,000 run (it writes a ~600 MB file and takes minutes to prepare).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench';
import { cpuBetween, processTree, snapshotCpu } from './process-cpu';
import { syntheticWave } from './synthetic-wave';
import { writeWaveCsv } from './wave-csv';

const ROOT = join(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const RSS_REPORTER = join(__dirname, 'report-max-rss.cjs');

interface Timing { seconds: number; cpuSeconds: number; maxRssMiB: number | null }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs a command to its end: wall seconds, CPU seconds of it and its children, peak RSS of the node process that reports it. */
function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Timing {
  const rssFile = join(tmpdir(), `sipas-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const childrenBefore = childrenCpu();
  const start = performance.now();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    env: { ...process.env, ...env, NODE_OPTIONS: `--require ${RSS_REPORTER}`, SIPAS_BENCH_RSS_FILE: rssFile },
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  let maxRssMiB: number | null = null;
  try {
    // Every node process of the run appends its peak; the largest is the one that did the work.
    maxRssMiB = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number)) / 1024;
  } catch {
    maxRssMiB = null;
  } finally {
    rmSync(rssFile, { force: true });
  }
  return { seconds, cpuSeconds: childrenCpu() - childrenBefore, maxRssMiB };
}

/** CPU seconds of this process's waited-for children (cutime + cstime in /proc/self/stat; Linux). */
function childrenCpu(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

function repeat(times: number, run: () => Timing): Timing {
  const runs = Array.from({ length: times }, run);
  return {
    seconds: median(runs.map((r) => r.seconds)),
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    maxRssMiB: runs.some((r) => r.maxRssMiB === null) ? null : Math.max(...runs.map((r) => r.maxRssMiB!)),
  };
}

/** `npm start` until its "đang chạy tại" line: wall and CPU seconds (the server is stopped afterwards). */
async function timeStart(env: NodeJS.ProcessEnv): Promise<{ seconds: number; cpuSeconds: number }> {
  const before = snapshotCpu();
  const start = performance.now();
  const child = spawn(NPM, ['start'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  try {
    const seconds = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start not ready after 180 s: ${output.slice(-2000)}`)), 180_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/đang chạy tại http/.test(output)) {
          clearTimeout(timer);
          resolve((performance.now() - start) / 1000);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output.slice(-2000)}`)));
    });
    const after = snapshotCpu();
    const tree = processTree(after, child.pid!);
    return { seconds, cpuSeconds: cpuBetween(before, after, (pid) => tree.has(pid)) };
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // The whole group: npm, the shell it runs and the server.
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }
}

function estimateArgs(dir: string, n: number): string[] {
  return [
    'estimate', '--input', join(dir, `wave-${n}.csv`), '--margins', join(dir, `margins-${n}.csv`),
    '--scheme', 'all', '--format', 'csv', '--out', join(dir, `out-${n}.csv`),
  ];
}

function writeWave(dir: string, n: number): number {
  const start = performance.now();
  const { columns, margins } = syntheticWave(n);
  writeWaveCsv(columns, margins, join(dir, `wave-${n}.csv`), join(dir, `margins-${n}.csv`));
  return (performance.now() - start) / 1000;
}

const fmt = (t: Timing) =>
  `${t.seconds.toFixed(2)} s wall, ${t.cpuSeconds.toFixed(2)} s CPU${t.maxRssMiB !== null ? `, peak RSS ${t.maxRssMiB.toFixed(0)} MiB` : ''}`;

export const cliBench: Bench = {
  name: 'sipas CLI and npm start (issue #17)',
  async run(log) {
    // Build first (not timed): the runs below are "nothing changed since the last build".
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    const dir = mkdtempSync(join(tmpdir(), 'sipas-cli-bench-'));
    try {
      const baseline = repeat(5, () => timeProcess(process.execPath, ['-e', '0']));
      log(`baseline \`node -e 0\`: ${fmt(baseline)} (median of 5)`);
      const npmBaseline = repeat(3, () => timeProcess(NPM, ['--version']));
      log(`baseline \`npm --version\` (npm's own start, part of every \`npm run\`): ${fmt(npmBaseline)} (median of 3)`);

      const generation = writeWave(dir, 50_000);
      const size = statSync(join(dir, 'wave-50000.csv')).size / 2 ** 20;
      const viaNpm = repeat(5, () => timeProcess(NPM, ['run', '--silent', 'sipas', '--', ...estimateArgs(dir, 50_000)]));
      const direct = repeat(5, () => timeProcess(process.execPath, [join(ROOT, 'dist/server/cli/main.js'), ...estimateArgs(dir, 50_000)]));
      const rows = readFileSync(join(dir, 'out-50000.csv'), 'utf8').trim().split('\n').length - 1;
      log(`50,000 respondents (${size.toFixed(1)} MiB CSV written in ${generation.toFixed(1)} s, not counted), all schemes, ${rows} result rows:`);
      log(
        `  npm run sipas -- estimate …: ${fmt(viaNpm)} (median of 5); target ≤ 1 s: ${(viaNpm.seconds / 1).toFixed(2)} of it, ` +
          `${viaNpm.seconds <= 1 ? 'met' : 'NOT met'}; ${(viaNpm.seconds / baseline.seconds).toFixed(1)}× node -e 0`,
      );
      log(`  node dist/server/cli/main.js estimate … (no npm): ${fmt(direct)}; ${(direct.seconds / baseline.seconds).toFixed(1)}× node -e 0`);
      const help = repeat(5, () => timeProcess(process.execPath, [join(ROOT, 'dist/server/cli/main.js'), '--help']));
      log(`  sipas --help: ${fmt(help)}; ${(help.seconds / baseline.seconds).toFixed(1)}× node -e 0`);

      if (process.env.BENCH_CLI_LARGE !== '0') {
        const large = 5_000_000;
        const seconds = writeWave(dir, large);
        const mib = statSync(join(dir, `wave-${large}.csv`)).size / 2 ** 20;
        const t = timeProcess(NPM, ['run', '--silent', 'sipas', '--', ...estimateArgs(dir, large)]);
        log(`5,000,000 respondents (${mib.toFixed(0)} MiB CSV written in ${seconds.toFixed(0)} s, not counted), all schemes:`);
        log(
          `  npm run sipas -- estimate …: ${fmt(t)}; target ≤ 30 s: ${(t.seconds / 30).toFixed(2)} of it, ${t.seconds <= 30 ? 'met' : 'NOT met'}; ` +
            `memory ≤ 3072 MiB: ${t.maxRssMiB !== null && t.maxRssMiB <= 3072 ? 'met' : 'NOT met'}`,
        );
        rmSync(join(dir, `wave-${large}.csv`), { force: true });
      }

      // npm start: a first start creates the database (not counted), then restarts with nothing changed.
      const env = { SIPAS_DATA_DIR: join(dir, 'data'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SIPAS_DEMO: '0', DATABASE_URL: '' };
      const first = await timeStart(env);
      const starts: { seconds: number; cpuSeconds: number }[] = [];
      for (let k = 0; k < 3; k++) starts.push(await timeStart(env));
      const seconds = median(starts.map((s) => s.seconds));
      log(`npm start (PGlite), first start creating the database: ${first.seconds.toFixed(2)} s (not counted)`);
      log(
        `  npm start with nothing changed since the last build, until listening: ${seconds.toFixed(2)} s wall, ` +
          `${median(starts.map((s) => s.cpuSeconds)).toFixed(2)} s CPU (median of 3); target ≤ 3 s: ${(seconds / 3).toFixed(2)} of it, ` +
          `${seconds <= 3 ? 'met' : 'NOT met'}; ${(seconds / baseline.seconds).toFixed(1)}× node -e 0`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
