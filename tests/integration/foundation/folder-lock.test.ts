import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../server/db/connect';
import { acquireFolderLock, FolderLockedError, type LockHolder } from '../../../server/db/folder-lock';

const folder = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'sipas-lock-')), 'pglite');

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function lockOf(dir: string): LockHolder & Record<string, unknown> {
  return JSON.parse(readFileSync(`${dir}.lock`, 'utf8'));
}

function writeLock(dir: string, holder: Partial<LockHolder>): void {
  writeFileSync(`${dir}.lock`, JSON.stringify({ role: 'server', startedAt: '2026-01-01T00:00:00.000Z', ...holder }), { mode: 0o600 });
}

describe('the lock of an embedded database folder', () => {
  it('when a folder is opened, then a lock file only its owner can read names the holder, and a second open is refused until the first closes', async () => {
    const dir = folder();
    const first = await openDatabase({ kind: 'pglite', dataDir: dir }, { role: 'server' });
    expect(statSync(`${dir}.lock`).mode & 0o777).toBe(0o600);
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, role: 'server', token: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const second = await openDatabase({ kind: 'pglite', dataDir: dir }, { command: 'demo' }).then(() => null, (e: unknown) => e);
    expect(second).toBeInstanceOf(FolderLockedError);
    expect((second as Error).message).toMatch(new RegExp(`^Máy chủ SIPAS \\(pid ${process.pid}.*đang giữ thư mục dữ liệu .*/ the SIPAS server .*stop the server`));
    await first.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    (await acquireFolderLock(dir, 'command')).release();
  }, 180_000);

  it('when the lock was left by a process that died, or by a pid now used by another process, then it is stale and taken over', async () => {
    for (const holder of [
      { pid: deadPid() },
      { pid: process.ppid, processStart: '1' }, // alive, but not the process that took the lock
      { pid: process.ppid, bootId: 'an-earlier-boot' },
    ]) {
      const dir = folder();
      writeLock(dir, holder);
      const lock = await acquireFolderLock(dir, 'command', 'user:create');
      expect(lockOf(dir)).toMatchObject({ pid: process.pid, role: 'command', command: 'user:create' });
      lock.release();
    }
  });

  it('when the lock belongs to a live process, then it is refused naming it, and its lock stays', async () => {
    const dir = folder();
    const parentStart = readFileSync(`/proc/${process.ppid}/stat`, 'utf8').split(') ')[1].split(' ')[19];
    writeLock(dir, { pid: process.ppid, role: 'command', command: 'demo', processStart: parentStart });
    await expect(acquireFolderLock(dir, 'server')).rejects.toThrow(new RegExp(`^Lệnh "demo" \\(pid ${process.ppid}.*hãy chờ lệnh đó chạy xong.*wait for it to finish`));
    expect(lockOf(dir)).toMatchObject({ pid: process.ppid, command: 'demo' });
  });

  it('when the lock file is empty (a holder writing it), then it is refused while young and taken over once old', async () => {
    const dir = folder();
    writeFileSync(`${dir}.lock`, '');
    await expect(acquireFolderLock(dir, 'command')).rejects.toBeInstanceOf(FolderLockedError);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${dir}.lock`, old, old);
    const lock = await acquireFolderLock(dir, 'command');
    expect(lockOf(dir).pid).toBe(process.pid);
    lock.release();
  }, 15_000);

  it('when many take the same stale lock at once, then exactly one gets it', async () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid() });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireFolderLock(dir, 'command')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'fulfilled') r.value.release();
  });
});
