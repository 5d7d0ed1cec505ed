/**
 * The embedded database (PGlite) belongs to one process: two processes on one folder lose data. Whoever
 * opens a PGlite folder first takes a lock file beside it (`<folder>.lock`), created atomically (O_EXCL),
 * readable only by its owner, holding the holder's pid, role, start time and — for a running server — its
 * address and the secret of its loopback-only admin route (local-admin/). Anyone else is refused with a
 * {@link FolderLockedError} naming the holder and what to do. A lock left by a process that died (its pid is
 * gone, or is now another process) is stale and taken over.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';

export type LockRole = 'server' | 'command';

/** What the lock file says about its holder. */
export interface LockHolder {
  pid: number;
  role: LockRole;
  /** The command holding it (`user:create`, `demo`, …), for a command. */
  command?: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  /** Linux: the boot and the process start (clock ticks) the pid belongs to, to tell a reused pid apart. */
  bootId?: string;
  processStart?: string;
  /** A running server: its address, and its loopback-only admin route with the secret that opens it. */
  url?: string;
  localUrl?: string;
  token?: string;
}

export interface FolderLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Adds what a running server tells other processes (its address, its local admin route and secret). */
  advertise(extra: Pick<LockHolder, 'url' | 'localUrl'>): void;
  /** Removes the lock file if it is still this holder's. */
  release(): void;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function processStart(pid: number | 'self'): string | undefined {
  const stat = readOptional(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

const bootId = () => readOptional('/proc/sys/kernel/random/boot_id');

/** Locks this process holds now, by lock path: a second open in the same process is refused too. */
const held = new Map<string, string>();

function isAlive(holder: LockHolder): boolean {
  if (holder.pid === process.pid) return [...held.values()].includes(holder.startedAt + holder.token);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  // The pid exists: it is the holder only if it is the same boot and the same process start.
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false;
  const start = processStart(holder.pid);
  return !(holder.processStart && start && holder.processStart !== start);
}

/** A lock file being written has no valid JSON for a moment; one older than this without it is a crash's. */
const UNFINISHED_GRACE_MS = 10_000;

function parse(text: string): LockHolder | null {
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && (holder.role === 'server' || holder.role === 'command') ? holder : null;
  } catch {
    return null;
  }
}

export class FolderLockedError extends Error {
  override readonly name = 'FolderLockedError';

  constructor(readonly folder: string, readonly holder: LockHolder | null, requester: LockRole) {
    super(FolderLockedError.describe(folder, holder, requester));
  }

  private static describe(folder: string, holder: LockHolder | null, requester: LockRole): string {
    const since = holder ? new Date(holder.startedAt).toISOString().replace('T', ' ').slice(0, 19) : '';
    if (!holder) {
      return `Thư mục dữ liệu ${folder} đang được một tiến trình khác giữ (tệp khoá ${folder}.lock chưa đọc được: đang được ghi, `
        + `hoặc thuộc người dùng khác); CSDL nhúng chỉ dùng được trong một tiến trình: hãy thử lại sau giây lát, hoặc chạy lệnh bằng `
        + `người dùng đang chạy máy chủ / the data folder ${folder} is held by another process (its lock file cannot be read yet, `
        + `or belongs to another user); the embedded database serves one process only: try again in a moment, or run as the server's user`;
    }
    const who = holder.role === 'server'
      ? `Máy chủ SIPAS (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}, chạy từ ${since} UTC)`
      : `Lệnh "${holder.command ?? '?'}" (pid ${holder.pid}, chạy từ ${since} UTC)`;
    const whoEn = holder.role === 'server'
      ? `the SIPAS server (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}, since ${since} UTC)`
      : `the command "${holder.command ?? '?'}" (pid ${holder.pid}, since ${since} UTC)`;
    const [todo, todoEn] = holder.role === 'command'
      ? ['hãy chờ lệnh đó chạy xong rồi thử lại', 'wait for it to finish, then try again']
      : requester === 'server'
        ? ['không thể chạy máy chủ thứ hai trên cùng thư mục: hãy dùng máy chủ đang chạy, hoặc dừng nó (Ctrl-C) trước',
          'a second server cannot run on the same folder: use the running one, or stop it (Ctrl-C) first']
        : ['hãy làm việc này trên màn hình quản trị của máy chủ, hoặc dừng máy chủ (Ctrl-C) rồi chạy lại lệnh',
          'do this on the server\'s admin screens, or stop the server (Ctrl-C) and run the command again'];
    return `${who} đang giữ thư mục dữ liệu ${folder}; CSDL nhúng chỉ dùng được trong một tiến trình: ${todo} `
      + `/ ${whoEn} holds the data folder; the embedded database serves one process only: ${todoEn}`;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates the file only if it does not exist (O_EXCL), with its whole content, readable by its owner only. */
function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock, under a short-lived second lock so that two processes judging the same stale lock
 * never remove a fresh one another has just taken: the file is removed only if it still holds `stale`.
 */
function removeStale(path: string, stale: string): void {
  const breaker = `${path}.break`;
  if (!createExclusive(breaker, String(process.pid))) {
    const age = Date.now() - (statSafe(breaker) ?? Date.now());
    if (age > UNFINISHED_GRACE_MS) unlinkSafe(breaker);
    return;
  }
  try {
    if (readOptional(path) === stale) unlinkSafe(path);
  } finally {
    unlinkSafe(breaker);
  }
}

function statSafe(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function unlinkSafe(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Takes the lock of the PGlite folder `dataDir` (created if missing) or throws {@link FolderLockedError}. */
export async function acquireFolderLock(dataDir: string, role: LockRole, command?: string): Promise<FolderLock> {
  mkdirSync(dataDir, { recursive: true });
  const folder = realpathSync(dataDir);
  const path = `${folder}.lock`;
  const holder: LockHolder = {
    pid: process.pid, role, ...(command ? { command } : {}), startedAt: new Date().toISOString(),
    bootId: bootId(), processStart: processStart('self'), token: randomBytes(32).toString('hex'),
  };
  const ours = `${holder.startedAt}${holder.token}`;
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(path, JSON.stringify(holder))) break;
    let text: string;
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch (error) {
      // Removed meanwhile: try again. Unreadable: another user's process holds it.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 50) continue;
      throw new FolderLockedError(folder, null, role);
    }
    const other = parse(text);
    const unfinished = !other && Date.now() - (statSafe(path) ?? Date.now()) < UNFINISHED_GRACE_MS;
    if ((other && isAlive(other)) || unfinished) {
      if (!unfinished || attempt >= 5) throw new FolderLockedError(folder, other, role);
      await sleep(100);
      continue;
    }
    removeStale(path, text);
    if (attempt >= 20) throw new FolderLockedError(folder, other, role);
    if (attempt > 0) await sleep(50);
  }
  held.set(path, ours);
  let current = holder;
  const onExit = () => release();
  process.on('exit', onExit);
  function release(): void {
    process.removeListener('exit', onExit);
    if (held.get(path) !== ours) return;
    held.delete(path);
    const text = readOptional(path);
    if (text && parse(text)?.token === holder.token) unlinkSafe(path);
  }
  return {
    path,
    get holder() { return current; },
    advertise(extra) {
      current = { ...current, ...extra };
      // Replaced whole (rename), so a reader sees the old content or the new, never a part.
      const temporary = `${path}.${process.pid}.tmp`;
      unlinkSafe(temporary);
      if (!createExclusive(temporary, JSON.stringify(current))) throw new Error(`cannot write ${temporary}`);
      renameSync(temporary, path);
    },
    release,
  };
}
