import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../server/db/connect';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs `server/main.ts` as `npm start` would; stops it with SIGTERM once it has printed its URL. */
function runServer(env: Record<string, string>, stopWhenReady = true): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['server/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', async (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /đang chạy tại (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url && stopWhenReady) {
        const health = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
        stdout += `\nreadyz=${health}\n`;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('starting the platform from the command line', () => {
  it('when started twice on the same data directory, then it is ready each time and the data stays', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sipas-data-'));
    const first = await runServer({ SIPAS_DATA_DIR: dataDir });
    expect(first.stdout).toContain('readyz=200');
    expect(first.code).toBe(0);

    const direct = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    await direct.db.insertInto('geography_versions')
      .values({ code: 'marker', name_vi: 'đánh dấu', name_en: 'marker', effective_from: null }).execute();
    await direct.close();

    const second = await runServer({ SIPAS_DATA_DIR: dataDir });
    expect(second.stdout).toContain('readyz=200');
    const again = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    const marker = await again.db.selectFrom('geography_versions').select('name_vi')
      .where('code', '=', 'marker').executeTakeFirst();
    const migrations = await again.db.selectFrom('schema_migrations').select('name').execute();
    await again.close();
    expect(marker?.name_vi).toBe('đánh dấu');
    expect(migrations.length).toBeGreaterThan(0);
  }, 300_000); // two starts, the first initialising a fresh embedded database

  it('when PORT is not a number, then it exits with one line naming PORT', async () => {
    const run = await runServer({ PORT: 'abc' }, false);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/PORT/);
  });

  it('when DATABASE_URL cannot be reached, then it exits with one line naming DATABASE_URL', async () => {
    const run = await runServer({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' }, false);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/DATABASE_URL/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
