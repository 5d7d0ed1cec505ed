import { randomUUID } from 'node:crypto';
import { countResponses, findResponse } from '../../../server/responses/responses.repository';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { responseBody, sipasAnswers } from '../../support/sipas-answers';
import { createCommunes, createWave } from '../../support/waves';

interface BadCase {
  name: string;
  body: () => unknown;
  status: number;
  field: string;
  rule: string;
  /** Post to another wave than the open test wave. */
  wave?: 'closed' | 'missing';
  raw?: boolean;
}

const withAnswers = (overrides: Record<string, unknown>, opts = {}) => () => responseBody(sipasAnswers(opts, overrides));
const without = (key: string, opts = {}) => () => {
  const answers = sipasAnswers(opts);
  delete answers[key];
  return responseBody(answers);
};

const BAD: BadCase[] = [
  { name: 'a rating of 7', body: withAnswers({ overall: 7 }), status: 422, field: 'answers.overall', rule: 'out_of_range' },
  { name: 'a rating of 0', body: withAnswers({ q_access_1: 0 }), status: 422, field: 'answers.q_access_1', rule: 'out_of_range' },
  { name: 'a rating of 3.5', body: withAnswers({ q_staff_2: 3.5 }), status: 422, field: 'answers.q_staff_2', rule: 'out_of_range' },
  { name: 'a rating given as text', body: withAnswers({ q_result_1: 'four' }), status: 422, field: 'answers.q_result_1', rule: 'type' },
  { name: 'an unknown answer key', body: withAnswers({ q_bribe_amount: 5 }), status: 422, field: 'answers.q_bribe_amount', rule: 'unknown_field' },
  { name: 'a sex outside its choices', body: withAnswers({ sex: 'X' }), status: 422, field: 'answers.sex', rule: 'not_a_choice' },
  { name: 'an age group outside its choices', body: withAnswers({ age_group: '15-17' }), status: 422, field: 'answers.age_group', rule: 'not_a_choice' },
  { name: 'a checkbox value outside its choices', body: withAnswers({ policy_channels: ['television', 'pigeon'] }), status: 422, field: 'answers.policy_channels', rule: 'not_a_choice' },
  { name: 'a checkbox answer that is not a list', body: withAnswers({ policy_channels: 'television' }), status: 422, field: 'answers.policy_channels', rule: 'type' },
  { name: 'a matrix row that does not exist', body: withAnswers({ policy_interest: { space_travel: 'high' } }), status: 422, field: 'answers.policy_interest.space_travel', rule: 'unknown_field' },
  { name: 'a matrix column that does not exist', body: withAnswers({ priorities: { information: 'enormous' } }), status: 422, field: 'answers.priorities.information', rule: 'not_a_choice' },
  { name: 'a boolean given as a string', body: withAnswers({ exp_online_service: 'yes' }), status: 422, field: 'answers.exp_online_service', rule: 'type' },
  { name: 'a comment longer than allowed', body: withAnswers({ comment: 'a'.repeat(2001) }), status: 422, field: 'answers.comment', rule: 'too_long' },
  { name: 'a missing required sex', body: without('sex'), status: 422, field: 'answers.sex', rule: 'required' },
  { name: 'a missing overall rating', body: without('overall'), status: 422, field: 'answers.overall', rule: 'required' },
  { name: 'a missing visible service rating', body: without('q_staff_3'), status: 422, field: 'answers.q_staff_3', rule: 'required' },
  { name: 'service ratings from someone who handled no procedure', body: withAnswers({ q_access_1: 4 }, { procedure: false }), status: 422, field: 'answers.q_access_1', rule: 'hidden_answered' },
  { name: 'feedback ratings from someone who lodged no feedback', body: withAnswers({ q_feedback_2: 5 }), status: 422, field: 'answers.q_feedback_2', rule: 'hidden_answered' },
  { name: 'a province not in the wave geography', body: withAnswers({ province: '99' }), status: 422, field: 'answers.province', rule: 'not_a_choice' },
  { name: 'a vn-34 merged-away province on a 63-unit wave that does not exist', body: withAnswers({ province: '03' }), status: 422, field: 'answers.province', rule: 'not_a_choice' },
  { name: 'a commune of another province', body: withAnswers({ commune: '00070' }), status: 422, field: 'answers.commune', rule: 'not_a_choice' },
  { name: 'an id that is not a UUID', body: () => responseBody(sipasAnswers(), { id: 'abc' }), status: 422, field: 'id', rule: 'format' },
  { name: 'a missing id', body: () => { const b = responseBody(); delete b.id; return b; }, status: 422, field: 'id', rule: 'required' },
  { name: 'an unknown channel', body: () => responseBody(sipasAnswers(), { channel: 'fax' }), status: 422, field: 'channel', rule: 'not_a_choice' },
  { name: 'an unknown envelope key', body: () => responseBody(sipasAnswers(), { name: 'Nguyễn Văn A' }), status: 422, field: 'name', rule: 'unknown_field' },
  { name: 'answers that are not an object', body: () => responseBody(sipasAnswers(), { answers: [1, 2] }), status: 422, field: 'answers', rule: 'type' },
  { name: 'a start time that is not a date', body: () => responseBody(sipasAnswers(), { startedAt: 'yesterday' }), status: 422, field: 'startedAt', rule: 'format' },
  { name: 'a submission before its start', body: () => responseBody(sipasAnswers(), { submittedAt: '2026-03-01T07:00:00.000Z' }), status: 422, field: 'submittedAt', rule: 'order' },
  { name: 'a body that is not JSON', body: () => '{"id": ', raw: true, status: 400, field: 'body', rule: 'json' },
  { name: 'a body that is a JSON array', body: () => [responseBody()], status: 422, field: 'body', rule: 'type' },
  { name: 'a body that is too large', body: withAnswers({ comment: 'x'.repeat(70_000) }), status: 413, field: 'body', rule: 'max_size' },
  { name: 'a wave that is closed', body: () => responseBody(), wave: 'closed', status: 409, field: 'wave', rule: 'wave_open' },
];

describe.each(testDatabases)('response ingestion on $name', (target) => {
  let app: TestApp;
  let openWave: string;
  let closedWave: string;

  const post = (wave: string, body: unknown, raw = false) => fetch(`${app.url}/api/waves/${wave}/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });

  beforeAll(async () => {
    app = await startTestApp(target);
    await createCommunes(app.db);
    openWave = (await createWave(app.db)).id;
    closedWave = (await createWave(app.db, { status: 'closed' })).id;
  });
  afterAll(() => app?.close());

  it('when a citizen submits a complete valid response, then it is stored once with its place in the design', async () => {
    const body = responseBody(sipasAnswers({ procedure: true, feedback: true }));
    const res = await post(openWave, body);
    expect(res.status).toBe(201);
    const stored = await findResponse(app.db, body.id as string);
    expect(stored).toMatchObject({
      wave_id: openWave, province_code: '01', commune_code: '00001', stratum: '01', psu: '00001',
      channel: 'web', duration_ms: 870_000, status: 'complete',
    });
    expect(stored?.answers).toEqual(body.answers);
  });

  it('when a device clock puts the start months before the submission, then the response is kept without a duration', async () => {
    const body = responseBody(sipasAnswers(), { startedAt: '2025-01-01T08:00:00.000Z', submittedAt: '2026-03-01T08:00:00.000Z' });
    const res = await post(openWave, body);
    expect(res.status).toBe(201);
    expect(await findResponse(app.db, body.id as string)).toMatchObject({ duration_ms: null });
  });

  it('when someone who handled no procedure answers only what they were shown, then it is accepted', async () => {
    const res = await post(openWave, responseBody(sipasAnswers({ procedure: false })));
    expect(res.status).toBe(201);
  });

  it.each(BAD)('when the payload has $name, then it is refused with $status naming $field ($rule) and nothing is stored', async (c) => {
    const before = await countResponses(app.db);
    const wave = c.wave === 'closed' ? closedWave : openWave;
    const res = await post(wave, c.body(), c.raw);
    expect(res.status).toBe(c.status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem.status).toBe(c.status);
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: c.field, rule: c.rule })]));
    for (const e of problem.errors) expect(e.message).toEqual(expect.any(String));
    expect(await countResponses(app.db)).toBe(before);
  });

  it('when a payload has several problems, then every offending field is listed', async () => {
    const res = await post(openWave, responseBody(sipasAnswers({}, { overall: 9, sex: 'Z', extra: 1 })));
    const problem = await res.json();
    expect(problem.errors.map((e: { field: string }) => e.field).sort())
      .toEqual(['answers.extra', 'answers.overall', 'answers.sex']);
  });

  it('when the wave does not exist, then a 404 problem comes back', async () => {
    const res = await post('no-such-wave', responseBody());
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('when a kiosk retries the same response, then it is stored once and the retry gets the stored record', async () => {
    const body = responseBody();
    const first = await post(openWave, body);
    const second = await post(openWave, body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    const payload = await second.json();
    expect(payload).toMatchObject({ duplicate: true, response: { id: body.id, wave: openWave, channel: 'web', province: '01', status: 'complete' } });
    expect(payload.response).not.toHaveProperty('answers');
    const rows = await app.db.selectFrom('responses').select('id').where('id', '=', body.id as string).execute();
    expect(rows).toHaveLength(1);
  });

  it('when ten retries of one response race each other, then exactly one row exists', async () => {
    const body = responseBody();
    const statuses = await Promise.all(Array.from({ length: 10 }, () => post(openWave, body).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    const rows = await app.db.selectFrom('responses').select('id').where('id', '=', body.id as string).execute();
    expect(rows).toHaveLength(1);
  });

  it('when the same id comes back with different answers, then it is refused with 409 and the first stays', async () => {
    const body = responseBody();
    await post(openWave, body);
    const changed = { ...body, answers: sipasAnswers({}, { overall: 1 }) };
    const res = await post(openWave, changed);
    expect(res.status).toBe(409);
    expect((await res.json()).errors[0]).toMatchObject({ field: 'id', rule: 'idempotency_conflict' });
    expect((await findResponse(app.db, body.id as string))?.answers).toEqual(body.answers);
  });

  it('when the citizen page asks for the questionnaire, then it gets the definition and the wave provinces', async () => {
    const res = await fetch(`${app.url}/api/waves/${openWave}/questionnaire`);
    const bundle = await res.json();
    expect(bundle.wave).toMatchObject({ id: openWave, geography: 'vn-63', status: 'open' });
    expect(bundle.provinces).toHaveLength(63);
    expect(bundle.questionnaire.sipasIndex.elements.length).toBeGreaterThan(0);
    const communes = await (await fetch(`${app.url}/api/waves/${openWave}/communes?province=01`)).json();
    expect(communes.communes.map((c: { code: string }) => c.code).sort()).toEqual(['00001', '00004']);
  });

  it('when a response has a fresh id, then it is a new response even with identical answers', async () => {
    const answers = sipasAnswers();
    const a = await post(openWave, responseBody(answers, { id: randomUUID() }));
    const b = await post(openWave, responseBody(answers, { id: randomUUID() }));
    expect([a.status, b.status]).toEqual([201, 201]);
  });
});
