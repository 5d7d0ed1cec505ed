/**
 * The running server's door for its own command line. PGlite serves one process only, so while the server
 * holds the embedded database's folder, `npm run sipas -- user:create` cannot open it: it asks the server
 * instead, through this second HTTP listener bound to 127.0.0.1 only (never the network, whatever HOST
 * says), opened by the secret the server wrote into its lock file (db/folder-lock.ts, readable by its owner
 * only). Anything without that secret is refused with 401.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { newUserSchema } from '../auth/users.schema';
import { createAccount } from '../auth/users.service';
import type { Database } from '../db/database';
import { UnauthorizedError } from '../errors/app-error';
import { apiNotFound, problemHandler } from '../errors/problem.middleware';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import type { Logger } from '../logger';

export interface LocalAdmin {
  url: string;
  close(): Promise<void>;
}

function requireSecret(token: string): RequestHandler {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req, _res, next) => {
    const given = Buffer.from(req.get('authorization') ?? '');
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    next(ok ? undefined : new UnauthorizedError('Thiếu hoặc sai mã bí mật của máy chủ', 'Missing or wrong server secret'));
  };
}

/** Starts the loopback-only listener on a free port; `token` is the secret the command line must send. */
export async function startLocalAdmin(db: Kysely<Database>, logger: Logger, token: string): Promise<LocalAdmin> {
  const app = express();
  app.disable('x-powered-by');
  app.use(requireSecret(token));
  app.post('/local/users', jsonBody({ limit: '8kb' }), async (req, res) => {
    const input = parseBody(newUserSchema, req.body);
    const user = await createAccount(db, input, { actorId: null, ip: null, via: 'cli' });
    res.status(201).set('Cache-Control', 'no-store').json({
      user: { id: user.id, username: user.username, role: user.role, province_code: user.province_code, province_geography: user.province_geography },
    });
  });
  app.use(apiNotFound);
  app.use(problemHandler(logger));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
