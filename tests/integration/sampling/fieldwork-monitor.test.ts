import { sql } from 'kysely';
import { insertResponseOnce } from '../../../server/responses/responses.repository';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { POLICY_STATEMENTS, responseBody, SERVICE_STATEMENTS, sipasAnswers } from '../../support/sipas-answers';
import { loginAs, type LoggedInAgent } from '../../support/users';
import { createWave } from '../../support/waves';

/** The rated statements of the index (the overall rating is one). */
const STATEMENTS = [...POLICY_STATEMENTS, ...SERVICE_STATEMENTS, 'overall'];
const sameRating = Object.fromEntries(STATEMENTS.map((s) => [s, 3]));
const variedRatings = Object.fromEntries(STATEMENTS.map((s, k) => [s, 1 + (k % 5)]));

let sequence = 0;
async function store(db: TestApp['db'], wave: { id: string; survey_version_id: number }, ratings: Record<string, number>, fields: { province?: string; deviceId?: string } = {}) {
  sequence += 1;
  const province = fields.province ?? '01';
  const answers = sipasAnswers({ province, commune: '00001' }, ratings);
  const id = responseBody(answers).id as string;
  await insertResponseOnce(db, {
    id, waveId: wave.id, surveyVersionId: wave.survey_version_id, provinceCode: province, communeCode: '00001',
    stratum: province, psu: '00001', channel: fields.deviceId ? 'kiosk' : 'web', deviceId: fields.deviceId ?? null, answers,
    contentHash: `m${sequence}`, startedAt: null, submittedAt: `2026-03-02T03:${String(sequence % 60).padStart(2, '0')}:00Z`,
    durationMs: 600_000 + sequence, baseWeight: null, sampled: true,
  });
  return id;
}

/**
 * The fieldwork monitor reads a narrow copy of each response (response_monitor, kept by a trigger) and counts
 * each response's ratings once: these tests change responses behind the application's back (as an import or a
 * repair would) and check that the monitor follows.
 */
describe.each(testDatabases)('the fieldwork monitor\'s copy of the responses on $name', (target) => {
  let app: TestApp;
  let analyst: LoggedInAgent;

  beforeAll(async () => {
    app = await startTestApp(target);
    analyst = await loginAs(app.url, app.db, { role: 'analyst' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('when responses are stored, excluded or moved, then the monitor\'s copy holds the same fields as the responses', async () => {
    const wave = await createWave(app.db);
    const ids: string[] = [];
    for (let k = 0; k < 4; k++) ids.push(await store(app.db, wave, variedRatings, { province: k % 2 ? '01' : '79', deviceId: k === 3 ? 'tablet-1' : undefined }));
    await sql`update responses set status = 'excluded', exclusion_reason = 'thử' where id = ${ids[0]}`.execute(app.db);
    await sql`update responses set psu = 'X-9', province_code = '48' where id = ${ids[1]}`.execute(app.db);
    const copy = await app.db.selectFrom('response_monitor')
      .select(['response_id as id', 'wave_id', 'province_code', 'unit', 'channel', 'device_id', 'status', 'sampled', 'duration_ms', 'received_at', 'answered_at'])
      .where('wave_id', '=', wave.id).orderBy('response_id').execute();
    const original = await app.db.selectFrom('responses')
      .select(['id', 'wave_id', 'province_code', sql<string>`coalesce(psu, commune_code)`.as('unit'), 'channel', 'device_id', 'status', 'sampled', 'duration_ms',
        'received_at', sql<Date>`coalesce(submitted_at, received_at)`.as('answered_at')])
      .where('wave_id', '=', wave.id).orderBy('id').execute();
    expect(copy).toEqual(original);
    expect(copy.find((r) => r.id === ids[1])).toMatchObject({ province_code: '48', unit: 'X-9' });

    const monitor = await (await analyst.get(`/api/waves/${wave.id}/fieldwork`)).json();
    expect(monitor.totals).toMatchObject({ received: 4, complete: 3, excluded: 1, channels: { web: 3, kiosk: 1 } });
    expect(monitor.provinces.map((p: { code: string }) => p.code)).toEqual(['01', '48', '79']);
  });

  it('when a response\'s answers change after the monitor counted its ratings, then they are counted again', async () => {
    const wave = await createWave(app.db);
    for (let k = 0; k < 3; k++) await store(app.db, wave, variedRatings);
    const straight = await store(app.db, wave, sameRating);
    const first = await (await analyst.get(`/api/waves/${wave.id}/fieldwork`)).json();
    expect(first.totals.flags.straight_lining).toBe(1);
    expect(first.flagged.map((f: { id: string }) => f.id)).toEqual([straight]);
    const counted = await app.db.selectFrom('response_monitor').select(['rating_count', 'distinct_ratings']).where('response_id', '=', straight).executeTakeFirstOrThrow();
    expect(counted).toEqual({ rating_count: STATEMENTS.length, distinct_ratings: 1 });

    await sql`update responses set answers = answers || ${JSON.stringify(variedRatings)}::jsonb where id = ${straight}`.execute(app.db);
    const reset = await app.db.selectFrom('response_monitor').select(['rating_count', 'distinct_ratings']).where('response_id', '=', straight).executeTakeFirstOrThrow();
    expect(reset).toEqual({ rating_count: null, distinct_ratings: null });
    const second = await (await analyst.get(`/api/waves/${wave.id}/fieldwork`)).json();
    expect(second.totals.flags.straight_lining).toBe(0);
    expect(second.flaggedCount).toBe(0);

    // An exclusion does not touch the answers: the counts are kept.
    expect((await analyst.patch(`/api/waves/${wave.id}/responses/${straight}`, { status: 'excluded', reason: 'Kiểm tra lại' })).status).toBe(200);
    const kept = await app.db.selectFrom('response_monitor').select(['status', 'rating_count', 'distinct_ratings']).where('response_id', '=', straight).executeTakeFirstOrThrow();
    expect(kept).toEqual({ status: 'excluded', rating_count: STATEMENTS.length, distinct_ratings: 5 });
  });
});
