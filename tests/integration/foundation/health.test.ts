import { createApp } from '../../../server/app';
import type { DatabaseHandle } from '../../../server/db/connect';
import { createMigratedDatabase, testDatabases } from '../../support/databases';
import { listen, type TestServer } from '../../support/http';
import { silentLogger } from '../../support/logger';

describe.each(testDatabases)('health endpoints on $name', (target) => {
  let database: DatabaseHandle;
  let server: TestServer;
  let closed = false;

  beforeAll(async () => {
    database = await createMigratedDatabase(target);
    server = await listen(createApp({ clientDir: null, trustProxy: false }, { db: database.db, logger: silentLogger }));
  });
  afterAll(async () => {
    await server.close();
    // The last test closes the database itself; when it did not run (a filtered run), close it here.
    if (!closed) await database.close();
  });

  it('when the process runs, then /healthz answers ok', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('when the database answers, then /readyz is ready and carries security headers', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('when an API route does not exist, then a problem+json 404 comes back', async () => {
    const res = await fetch(`${server.url}/api/does-not-exist`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, type: 'urn:sipas:problem:not_found' });
  });

  it('when the database is gone, then /readyz says not ready while /healthz still answers', async () => {
    await database.close();
    closed = true;
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
