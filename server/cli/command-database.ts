/**
 * How every command that needs the platform database gets it. PostgreSQL serves many processes: the
 * command opens it. The embedded PGlite folder serves one: the command locks it (db/folder-lock.ts) and
 * opens it only when no one else holds it. When the running server holds it, a command that can do its work
 * through the server's loopback-only door (local-admin/) does so; any other is refused at once, saying who
 * holds the folder and how to proceed ({@link FolderLockedError}) — never opening the files a second time.
 */
import { loadConfig } from '../config';
import type { DatabaseHandle } from '../db/connect';
import { FolderLockedError } from '../db/folder-lock';
import { AppError, type FieldIssue } from '../errors/app-error';
import { createLogger } from '../logger';
import { prepareDatabase } from '../platform';

/** The running server's door for its command line, as its lock file advertises it. */
export interface ServerDoor {
  pid: number;
  localUrl: string;
  token: string;
}

export interface CommandDatabaseOptions<T> {
  /** Opens the database. @default the configured one, migrated, its PGlite folder locked for this command */
  open?: () => Promise<DatabaseHandle>;
  /** The same work through the running server that holds the PGlite folder; without it the command is refused. */
  throughServer?: (server: ServerDoor) => Promise<T>;
}

/** Runs `work` on the configured database for the command `command` (see the module comment). */
export async function withCommandDatabase<T>(
  command: string,
  work: (database: DatabaseHandle) => Promise<T>,
  options: CommandDatabaseOptions<T> = {},
): Promise<T> {
  const open = options.open ?? (() => prepareDatabase(loadConfig(), createLogger('silent'), { role: 'command', command }));
  let database: DatabaseHandle;
  try {
    database = await open();
  } catch (error) {
    const holder = error instanceof FolderLockedError ? error.holder : null;
    if (options.throughServer && holder?.role === 'server' && holder.localUrl && holder.token) {
      return options.throughServer({ pid: holder.pid, localUrl: holder.localUrl, token: holder.token });
    }
    throw error;
  }
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

interface Problem { type?: string; title?: string; title_en?: string; status?: number; errors?: FieldIssue[] }

/**
 * POSTs `body` to the running server's door and returns its JSON answer; a problem it answers becomes the
 * {@link AppError} the work would have thrown here, so the command reports it the same way.
 */
export async function postToServer<T>(server: ServerDoor, path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${server.localUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new Error(
      `Không liên lạc được máy chủ SIPAS đang giữ thư mục dữ liệu (pid ${server.pid}, ${server.localUrl}): ${(error as Error).message} `
      + `/ cannot reach the SIPAS server holding the data folder`,
    );
  }
  const answer = (await res.json().catch(() => ({}))) as T & Problem;
  if (res.ok) return answer;
  throw new AppError(
    res.status, answer.type?.replace(/^urn:sipas:problem:/, '') ?? 'server', answer.title ?? `HTTP ${res.status}`,
    answer.title_en ?? `HTTP ${res.status}`, answer.errors ?? [],
  );
}
