import { cpSync, mkdtempSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, MigrationError, SQL_DIR } from '../../../server/db/migrate';
import { seedGeography } from '../../../server/geography/geography.seed';
import { testDatabases } from '../../support/databases';

describe.each(testDatabases)('migrations on $name', (target) => {
  it('when the database is empty, then every migration is applied once and recorded with its checksum', async () => {
    const handle = await target.createEmpty();
    try {
      const first = await migrate(handle.db);
      expect(first[0]).toBe('0001_geography_surveys_waves_responses.sql');
      expect(await migrate(handle.db)).toEqual([]);
      const rows = await handle.db.selectFrom('schema_migrations').selectAll().execute();
      expect(rows.map((r) => r.name)).toEqual(first);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('when an applied migration file was edited, then migrating stops and names the file', async () => {
    const handle = await target.createEmpty();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sipas-sql-'));
    try {
      cpSync(SQL_DIR, dir, { recursive: true });
      await migrate(handle.db, dir);
      appendFileSync(path.join(dir, '0001_geography_surveys_waves_responses.sql'), '\n-- edited\n');
      await expect(migrate(handle.db, dir)).rejects.toThrow(MigrationError);
      await expect(migrate(handle.db, dir)).rejects.toThrow(/0001_geography_surveys_waves_responses\.sql/);
    } finally {
      await handle.close();
    }
  });

  it('when the geography is seeded twice, then there are exactly 63 old and 34 new provinces', async () => {
    const handle = await target.createEmpty();
    try {
      await migrate(handle.db);
      await seedGeography(handle.db);
      await seedGeography(handle.db);
      const counts = await handle.db.selectFrom('provinces')
        .select(['geography_code', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('geography_code').orderBy('geography_code').execute();
      expect(counts.map((c) => [c.geography_code, Number(c.n)])).toEqual([['vn-34', 34], ['vn-63', 63]]);
      const quangNinh = await handle.db.selectFrom('provinces').selectAll()
        .where('geography_code', '=', 'vn-63').where('code', '=', '22').executeTakeFirstOrThrow();
      expect(quangNinh.name_vi).toBe('Quảng Ninh');
      expect(quangNinh.successor_code).toBe('22');
      const hanoi = await handle.db.selectFrom('provinces').select('population')
        .where('geography_code', '=', 'vn-34').where('code', '=', '01').executeTakeFirstOrThrow();
      expect(typeof hanoi.population).toBe('string');
    } finally {
      await handle.close();
    }
  });
});
