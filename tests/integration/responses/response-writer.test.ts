import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../../../server/db/connect';
import { ResponseWriter } from '../../../server/responses/response-writer';
import { countResponses, findResponse, type NewResponse } from '../../../server/responses/responses.repository';
import { createMigratedDatabase, testDatabases } from '../../support/databases';
import { sipasAnswers } from '../../support/sipas-answers';
import { createWave } from '../../support/waves';

describe.each(testDatabases)('group commit of responses (ResponseWriter) on $name', (target) => {
  let database: DatabaseHandle;
  let waveId: string;
  let versionId: number;

  const response = (overrides: Partial<NewResponse> = {}): NewResponse => ({
    id: randomUUID(), waveId, surveyVersionId: versionId, provinceCode: '01', communeCode: null, stratum: '01', psu: null,
    channel: 'web', deviceId: null, answers: sipasAnswers({ procedure: true }), contentHash: randomUUID(),
    startedAt: '2026-03-01T08:00:00.000Z', submittedAt: '2026-03-01T08:14:30.000Z', durationMs: 870_000, baseWeight: 1.5, sampled: true,
    ...overrides,
  });

  beforeAll(async () => {
    database = await createMigratedDatabase(target);
    const wave = await createWave(database.db);
    waveId = wave.id;
    versionId = wave.survey_version_id;
  });
  afterAll(async () => { await database.close(); });

  it('when a hundred responses arrive together, then they are committed in one statement and each caller gets its stored row', async () => {
    const writer = new ResponseWriter(database.db, { concurrency: 1 });
    const batch = Array.from({ length: 100 }, () => response());
    const results = await Promise.all(batch.map((r) => writer.write(r)));
    expect(results.every((r) => r.inserted)).toBe(true);
    // One statement, one transaction: every row carries the same transaction time.
    expect(new Set(results.map((r) => r.row.received_at.getTime())).size).toBe(1);
    for (const [i, result] of results.entries()) {
      expect(await findResponse(database.db, batch[i].id)).toEqual(result.row);
    }
  });

  it('when the same response comes twice in one batch and again later, then it is stored once and the repeats read it back', async () => {
    const writer = new ResponseWriter(database.db);
    const r = response();
    const before = await countResponses(database.db, waveId);
    const [a, b, other] = await Promise.all([writer.write(r), writer.write({ ...r }), writer.write(response())]);
    expect([a.inserted, b.inserted, other.inserted]).toEqual([true, false, true]);
    expect(b.row).toEqual(await findResponse(database.db, r.id));
    const later = await writer.write({ ...r, contentHash: 'changed' });
    expect(later.inserted).toBe(false);
    expect(later.row.content_hash).toBe(r.contentHash);
    expect(await countResponses(database.db, waveId)).toBe(before + 2);
  });

  it('when the database refuses one row of a batch, then only that caller gets the error and the others are stored', async () => {
    const writer = new ResponseWriter(database.db, { concurrency: 1 });
    const good = Array.from({ length: 5 }, () => response());
    const bad = response({ waveId: 'no-such-wave' });
    const settled = await Promise.allSettled([...good.slice(0, 2), bad, ...good.slice(2)].map((r) => writer.write(r)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    for (const r of good) expect(await findResponse(database.db, r.id)).toMatchObject({ id: r.id, content_hash: r.contentHash });
    expect(await findResponse(database.db, bad.id)).toBeUndefined();
  });

  it('when more responses wait than one statement takes, then they go in several and none is lost', async () => {
    const writer = new ResponseWriter(database.db, { concurrency: 1, maxBatch: 7 });
    const batch = Array.from({ length: 30 }, () => response());
    const results = await Promise.all(batch.map((r) => writer.write(r)));
    expect(results.every((r) => r.inserted)).toBe(true);
    expect(new Set(results.map((r) => r.row.received_at.getTime())).size).toBeGreaterThanOrEqual(2);
    for (const r of batch) expect(await findResponse(database.db, r.id)).toMatchObject({ id: r.id, base_weight: 1.5 });
  });
});
