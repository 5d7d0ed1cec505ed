import fc from 'fast-check';
import { startTestApp, UNLIMITED, type TestApp } from '../../support/app';
import { countResponses } from '../../../server/responses/responses.repository';
import { testDatabases } from '../../support/databases';
import { POLICY_STATEMENTS, responseBody, SERVICE_STATEMENTS, sipasAnswers } from '../../support/sipas-answers';
import { createCommunes, createWave } from '../../support/waves';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const RATINGS = [...POLICY_STATEMENTS, ...SERVICE_STATEMENTS, 'overall'];
const CHOICE_FIELDS = ['sex', 'age_group', 'ethnicity', 'harassment', 'informal_payments', 'urban_rural'];

/** A value that is never a valid rating: outside 1–5, fractional, or not a number at all. */
const badRating = fc.oneof(
  fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 6, max: 1000 }),
  fc.double({ min: 1.01, max: 4.99, noInteger: true }), fc.string({ minLength: 1 }), fc.boolean(),
  fc.array(fc.integer()), fc.object(),
);
const badChoice = fc.oneof(fc.string().map((s) => `zz${s}`), fc.integer(), fc.boolean(), fc.array(fc.string()), fc.object());

/** Ways to break a valid submission; each produces something the API must refuse. */
const malformed = fc.oneof(
  fc.record({ name: fc.constantFrom(...RATINGS), value: badRating }).map(({ name, value }) => responseBody(sipasAnswers({}, { [name]: value }))),
  fc.record({ name: fc.constantFrom(...CHOICE_FIELDS), value: badChoice }).map(({ name, value }) => responseBody(sipasAnswers({}, { [name]: value }))),
  fc.record({ key: fc.string({ minLength: 1, maxLength: 20 }).map((k) => `zz_${k}`), value: fc.jsonValue() })
    .map(({ key, value }) => responseBody(sipasAnswers({}, { [key]: value }))),
  fc.constantFrom('sex', 'age_group', 'overall', 'province', 'q_staff_1').map((k) => {
    const answers = sipasAnswers();
    delete answers[k];
    return responseBody(answers);
  }),
  fc.record({ field: fc.constantFrom('id', 'channel', 'answers', 'startedAt', 'submittedAt'), value: fc.oneof(fc.integer(), fc.string().map((s) => `zz${s}`), fc.array(fc.anything()), fc.boolean()) })
    .map(({ field, value }) => responseBody(sipasAnswers(), { [field]: value })),
  fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue())),
  fc.string().map((s) => `{${s}`),
);

describe.each(testDatabases.slice(0, 1))('fuzzing the response API on $name', (target) => {
  let app: TestApp;
  let wave: string;

  beforeAll(async () => {
    // Thousands of posts from one address: the per-address limit is not what is fuzzed here.
    app = await startTestApp(target, { responseRate: UNLIMITED });
    await createCommunes(app.db);
    wave = (await createWave(app.db)).id;
  });
  afterAll(() => app?.close());

  it(`when ${RUNS} malformed payloads arrive, then none gets a 5xx, nothing is stored, and every refusal is problem+json naming a field`, async () => {
    await fc.assert(fc.asyncProperty(malformed, async (payload) => {
      const res = await fetch(`${app.url}/api/waves/${wave}/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      const problem = await res.json();
      return res.status >= 400 && res.status < 500
        && (res.headers.get('content-type') ?? '').startsWith('application/problem+json')
        && Array.isArray(problem.errors) && problem.errors.length > 0
        && problem.errors.every((e: { field: unknown; rule: unknown }) => typeof e.field === 'string' && typeof e.rule === 'string');
    }), { numRuns: RUNS });
    expect(await countResponses(app.db)).toBe(0);
  }, 300_000);
});
