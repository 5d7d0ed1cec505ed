import { sql } from 'kysely';
import { loadConfig } from '../../../server/config';
import { openDatabase } from '../../../server/db/connect';
import { isDatabaseUnavailable } from '../../../server/db/unavailable';

const url = process.env.TEST_DATABASE_URL;

describe('database timeouts and the public address in the configuration', () => {
  it('when DATABASE_CONNECT_TIMEOUT_MS or DATABASE_STATEMENT_TIMEOUT_MS is not a whole number in range, then the configuration names it', () => {
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '5s', DATABASE_STATEMENT_TIMEOUT_MS: '-1' }))
      .toThrow(/DATABASE_CONNECT_TIMEOUT_MS.*DATABASE_STATEMENT_TIMEOUT_MS/);
    expect(loadConfig({ DATABASE_URL: 'postgres://a@b/c', DATABASE_CONNECT_TIMEOUT_MS: '1500', DATABASE_STATEMENT_TIMEOUT_MS: '0' }).database)
      .toMatchObject({ connectTimeoutMs: 1500, statementTimeoutMs: 0 });
  });

  it('when PUBLIC_URL is not an http(s) address without query, then the configuration names it; otherwise it is kept without its trailing slash', () => {
    for (const bad of ['khaosat.gov.vn', 'javascript:alert(1)', 'https://x.vn/?a=1', 'https://u:p@x.vn']) {
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/);
    }
    expect(loadConfig({ PUBLIC_URL: 'https://khaosat.example.gov.vn/' })).toMatchObject({ publicUrl: 'https://khaosat.example.gov.vn', publicUrlConfigured: true });
    expect(loadConfig({ PORT: '8080' })).toMatchObject({ publicUrl: 'http://localhost:8080', publicUrlConfigured: false });
  });

  it('when an error is a refused query rather than an absent database, then it is not taken for an unavailable database', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  (url ? it : it.skip)('when a statement outlasts DATABASE_STATEMENT_TIMEOUT_MS on PostgreSQL, then the server ends it and it counts as the database being unavailable', async () => {
    const database = await openDatabase({ kind: 'postgres', url: url!, statementTimeoutMs: 300 });
    try {
      const error = await sql`select pg_sleep(5)`.execute(database.db).then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: '57014' });
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  });
});
