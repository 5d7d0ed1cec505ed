#!/usr/bin/env node
/**
 * `npm run build` (also run by `npm install` and `npm start`): compiles what changed since the last build.
 *
 * - The server and the `sipas` CLI: every `server/**.ts` (tests excepted) transpiled to CommonJS in `dist/server/`
 *   (esbuild, one output file per source file, so `node dist/server/cli/main.js` loads only the modules a
 *   command imports). Type errors are `tsc --noEmit`'s job (`npm test`), not this step's.
 * - The client: `vite build` into `client/dist/`.
 *
 * Each part is skipped when a stamp written by its last build still matches a hash of its inputs (file
 * names and contents, the lock file, this script; a `stat` first, contents only when a file looks newer). `--force` builds both whatever the stamps say.
 * Plain JavaScript so that it runs before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_SCRIPT = path.relative(ROOT, fileURLToPath(import.meta.url)).split(path.sep).join('/');
const DIST = path.join(ROOT, 'dist');
const SERVER_STAMP = path.join(DIST, '.server-stamp');
const CLIENT_DIST = path.join(ROOT, 'client', 'dist');
const CLIENT_STAMP = path.join(CLIENT_DIST, '.build-stamp');
/**
 * Packages made of hundreds of small modules, bundled into one file each: loading @stdlib's 400 files and
 * zod's 95 one by one took ~0.4 s of CPU, more than the estimate of a 50,000-respondent wave.
 */
const VENDORED = /^(zod|kysely|qrcode|write-excel-file\/node)$|^@stdlib\/|^@zxcvbn-ts\//;
const force = process.argv.includes('--force');
const only = process.argv.find((a) => a === '--server' || a === '--client');

/** Files under `dir` (relative to ROOT, sorted), skipping `skip`ped folder names. */
function filesUnder(dir, skip = new Set(['node_modules', 'dist'])) {
  const out = [];
  const walk = (relative) => {
    let entries;
    try {
      entries = readdirSync(path.join(ROOT, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) walk(child);
      } else if (entry.isFile()) {
        out.push(child);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** A hash of the files' names and contents (a missing file counts as its name alone). */
function hashOf(files) {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    hash.update(file).update('\0');
    try {
      hash.update(readFileSync(path.join(ROOT, file)));
    } catch {
      hash.update('(missing)');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readStamp(file) {
  try {
    return { ...JSON.parse(readFileSync(file, 'utf8')), time: statSync(file).mtimeMs };
  } catch {
    return null;
  }
}

/**
 * Whether the stamp still describes `files`: quickly when it lists the same files and none is newer than the
 * stamp (a few milliseconds of `stat`), otherwise by hashing their contents (a `touch` or a checkout that
 * leaves the contents as they were does not force a build).
 */
function upToDate(stampFile, files) {
  const stamp = readStamp(stampFile);
  if (!stamp) return false;
  const sorted = [...new Set(files)].sort();
  if (JSON.stringify(sorted) === JSON.stringify(stamp.files)) {
    const newer = sorted.some((file) => {
      try {
        return statSync(path.join(ROOT, file)).mtimeMs > stamp.time;
      } catch {
        return true;
      }
    });
    if (!newer) return true;
  }
  if (stamp.hash !== hashOf(sorted)) return false;
  // Same contents: bring the stamp forward so that the next check is a quick one again.
  const now = new Date();
  utimesSync(stampFile, now, now);
  return true;
}

function writeStamp(file, files, extra = {}) {
  const sorted = [...new Set(files)].sort();
  writeFileSync(file, `${JSON.stringify({ hash: hashOf(sorted), files: sorted, ...extra })}\n`);
}

const seconds = (start) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

async function buildServer() {
  // The server also imports the questionnaire helpers (surveys/*.ts) and the contracts (contracts/*.ts: the JSON
  // shapes and the tile grids) that it shares with the client.
  const sources = [...filesUnder('server'), ...filesUnder('surveys'), ...filesUnder('contracts')].filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'));
  const inputs = [...sources, 'package-lock.json', 'tsconfig.json', BUILD_SCRIPT];
  if (!force && existsSync(path.join(DIST, 'server', 'main.js')) && upToDate(SERVER_STAMP, inputs)) return;
  const start = performance.now();
  const { build } = await import('esbuild');
  rmSync(path.join(DIST, 'server'), { recursive: true, force: true });
  rmSync(path.join(DIST, 'surveys'), { recursive: true, force: true });
  rmSync(path.join(DIST, 'vendor'), { recursive: true, force: true });
  const vendored = new Set();
  const common = { absWorkingDir: ROOT, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' };
  // One output file per source file: every import stays an import (a `require` at run time) except the
  // VENDORED packages', which point at one bundled copy of each in dist/vendor/.
  await build({
    ...common,
    entryPoints: sources,
    outdir: DIST,
    outbase: '.',
    // `import('./x')` becomes a lazy `require('./x')`: the output is CommonJS, as the sources are under tsx.
    supported: { 'dynamic-import': false },
    plugins: [
      {
        name: 'sipas-one-file-per-source',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            if (args.path.startsWith('.')) {
              // A relative import must stay inside what is built, or `node dist/…` would not find it.
              const target = path.relative(ROOT, path.resolve(path.dirname(args.importer), args.path)).split(path.sep).join('/');
              if (!/^(server|surveys|contracts)\//.test(target)) {
                return { errors: [{ text: `${args.path} (from ${path.relative(ROOT, args.importer)}) is outside server/, surveys/ and contracts/, which the build compiles: add its folder to scripts/build.mjs` }] };
              }
            }
            if (!VENDORED.test(args.path)) return { path: args.path, external: true };
            vendored.add(args.path);
            const from = path.dirname(path.join(DIST, path.relative(ROOT, args.importer)));
            const to = path.relative(from, path.join(DIST, 'vendor', `${args.path}.js`)).split(path.sep).join('/');
            return { path: to.startsWith('.') ? to : `./${to}`, external: true };
          });
        },
      },
    ],
  });
  const resolve = createRequire(path.join(ROOT, 'package.json')).resolve;
  await build({
    ...common,
    entryPoints: Object.fromEntries([...vendored].map((name) => [`vendor/${name}`, resolve(name)])),
    outdir: DIST,
  });
  writeStamp(SERVER_STAMP, inputs);
  process.stderr.write(`build: server → dist/server (${sources.length} files, ${seconds(start)})\n`);
}

async function buildClient() {
  const stamp = readStamp(CLIENT_STAMP);
  // The client's own folder, the questionnaires, and every file outside node_modules that the last build read
  // (the client imports shared helpers and types from server/ and surveys/).
  const own = () => [...filesUnder('client'), ...filesUnder('surveys'), 'package-lock.json', 'tsconfig.json', BUILD_SCRIPT];
  if (!force && stamp && existsSync(path.join(CLIENT_DIST, 'index.html')) && upToDate(CLIENT_STAMP, [...own(), ...stamp.modules])) return;
  const start = performance.now();
  const { build } = await import('vite');
  const modules = new Set();
  await build({
    configFile: path.join(ROOT, 'client', 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [
      {
        name: 'sipas-build-inputs',
        apply: 'build',
        buildEnd() {
          for (const id of this.getModuleIds()) {
            const file = id.split('?')[0];
            if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
            const relative = path.relative(ROOT, file);
            if (!relative.startsWith('..')) modules.add(relative.split(path.sep).join('/'));
          }
        },
      },
    ],
  });
  const list = [...modules].sort();
  writeStamp(CLIENT_STAMP, [...own(), ...list], { modules: list });
  process.stderr.write(`build: client → client/dist (${seconds(start)})\n`);
}

const BUILD_LOCK = path.join(DIST, '.build.lock');

/** Whether process `pid` still runs (on this machine). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Holds dist/.build.lock (its holder's pid inside) while `work` runs. Two builds of one checkout at once (two
 * `npm test` runs started together) would otherwise empty dist/server or client/dist under each other, and
 * under the other run's tests; the second waits, then finds the stamps up to date and builds nothing. A lock
 * whose holder is gone (killed) is taken over.
 */
async function withBuildLock(work) {
  mkdirSync(DIST, { recursive: true });
  for (;;) {
    let fd;
    try {
      fd = openSync(BUILD_LOCK, 'wx');
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let holder = NaN;
      try {
        holder = Number(readFileSync(BUILD_LOCK, 'utf8'));
      } catch {
        continue; // released in the meantime
      }
      // A lock still without a pid is being written: only a lock naming a process that has ended is stale.
      if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
        try {
          unlinkSync(BUILD_LOCK);
        } catch {
          // another waiter took it over first
        }
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    try {
      return await work();
    } finally {
      try {
        unlinkSync(BUILD_LOCK);
      } catch {
        // already gone
      }
    }
  }
}

/** Builds what changed: the server (and CLI), the client, or both; one build of this checkout at a time. */
export async function buildChanged({ server = true, client = true } = {}) {
  await withBuildLock(async () => {
    if (server) await buildServer();
    if (client) await buildClient();
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildChanged({ server: only !== '--client', client: only !== '--server' });
  } catch (error) {
    process.stderr.write(`build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
}
