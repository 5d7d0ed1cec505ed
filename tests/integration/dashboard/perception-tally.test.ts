import { sql } from 'kysely';
import { createDemo } from '../../../server/demo/demo.service';
import { loadReportData } from '../../../server/reports/report.service';
import { wavePerceptions } from '../../../server/perceptions/perceptions.service';
import { QuestionnaireCache } from '../../../server/surveys/questionnaire.cache';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { loginAs, type LoggedInAgent } from '../../support/users';

/** The perception questions of the demo's questionnaire, single-choice then the priorities matrix. */
const SINGLE = ['harassment', 'informal_payments', 'preferred_service_channel', 'preferred_policy_channel'];
const MATRIX = 'priorities';

interface Cell { n: number; w: number }
type Tally = Map<string, Cell>;

const cellKey = (province: string, question: string, row: string, value: string) => `${province}|${question}|${row}|${value}`;

/**
 * A tally made in the test from the raw answers, independently of the platform's code: every complete response
 * of the wave's sample, by province, question, matrix row ('' for none) and answer as text, with base weights.
 * Answers outside a question's options are not removed here: the demo gives none, and the comparison would show them.
 */
async function freshTally(app: TestApp, waveId: string): Promise<Tally> {
  const responses = await app.db.selectFrom('responses').select(['province_code', 'base_weight', 'answers'])
    .where('wave_id', '=', waveId).where('status', '=', 'complete').where('sampled', '=', true).execute();
  const tally: Tally = new Map();
  const add = (key: string, w: number) => {
    const c = tally.get(key) ?? { n: 0, w: 0 };
    c.n++; c.w += w;
    tally.set(key, c);
  };
  for (const r of responses) {
    const a = r.answers as Record<string, unknown>;
    const w = r.base_weight ?? 1;
    for (const q of SINGLE) if (a[q] !== undefined && a[q] !== null) add(cellKey(r.province_code, q, '', String(a[q])), w);
    const m = a[MATRIX] as Record<string, unknown> | undefined;
    for (const [row, v] of Object.entries(m ?? {})) if (v !== null) add(cellKey(r.province_code, MATRIX, row, String(v)), w);
  }
  return tally;
}

async function storedTally(app: TestApp, runId: string): Promise<Tally> {
  const rows = await app.db.selectFrom('run_perception_tallies').selectAll().where('run_id', '=', runId).execute();
  return new Map(rows.map((r) => [cellKey(r.province_code, r.question, r.row, r.value), { n: r.n, w: r.sum_w }]));
}

function expectSameTally(actual: Tally, expected: Tally): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, cell] of expected) {
    expect({ key, n: actual.get(key)!.n }).toEqual({ key, n: cell.n });
    expect(actual.get(key)!.w).toBeCloseTo(cell.w, 6);
  }
}

describe.each(testDatabases)('perception shares are tallied once with the run, on $name', (target) => {
  let app: TestApp;
  let analyst: LoggedInAgent;
  const runs = new Map<string, string>();

  beforeAll(async () => {
    app = await startTestApp(target);
    await createDemo(app.db, { respondents: 2500 });
    analyst = await loginAs(app.url, app.db, { role: 'analyst' });
    for (const run of await app.db.selectFrom('estimation_runs').select(['id', 'wave_id', 'geography_code']).execute()) {
      runs.set(`${run.wave_id} ${run.geography_code}`, run.id);
    }
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('when a run is made, then its stored tally is the tally of its wave\'s answers, cell for cell, and the run says it is tallied', async () => {
    expect([...runs.keys()].sort()).toEqual(['demo-2023 vn-34', 'demo-2023 vn-63', 'demo-2025 vn-34']);
    for (const [key, runId] of runs) {
      const stored = await storedTally(app, runId);
      expect(stored.size).toBeGreaterThan(100);
      expectSameTally(stored, await freshTally(app, key.split(' ')[0]));
      const run = await app.db.selectFrom('estimation_runs').select('perceptions_tallied').where('id', '=', runId).executeTakeFirstOrThrow();
      expect(run.perceptions_tallied).toBe(true);
    }
  });

  it('when answers change after the run, then the dashboard and the report both still show the run\'s tally, until a new run tallies the change', async () => {
    const runId = runs.get('demo-2025 vn-34')!;
    const before = await (await analyst.get('/api/dashboard/waves/demo-2025/perceptions')).json();
    expect(before.tallyRun).toBe(runId);
    const beforeProvince = await (await analyst.get('/api/dashboard/waves/demo-2025/perceptions?province=01')).json();

    // The dashboard's shares are the stored cells' shares: Σw of the answer over Σw of those who answered.
    const stored = await storedTally(app, runId);
    const harassment = before.questions.find((q: { name: string }) => q.name === 'harassment').rows[0];
    const sumOver = (predicate: (key: string) => boolean) => [...stored].filter(([k]) => predicate(k)).reduce((s, [, c]) => s + c.w, 0);
    const answered = sumOver((k) => k.includes('|harassment||'));
    for (const share of harassment.shares) {
      expect(share.share).toBeCloseTo(sumOver((k) => k.endsWith(`|harassment||${share.value}`)) / answered, 12);
    }

    // Every answer to harassment in province 01 becomes "many", and a tenth of the nation's responses are excluded.
    await sql`update responses set answers = jsonb_set(answers, '{harassment}', '"many"') where wave_id = 'demo-2025' and province_code = '01'`.execute(app.db);
    await sql`update responses set status = 'excluded', exclusion_reason = 'thử' where wave_id = 'demo-2025' and id::text < '1a'`.execute(app.db);
    const questionnaires = new QuestionnaireCache(app.db);
    const live = await wavePerceptions(app.db, questionnaires, { waveId: 'demo-2025' });
    const report = await loadReportData({ db: app.db, questionnaires }, runId);
    const liveHarassment = live.all.find((i) => i.key === 'harassment')!;
    const reportHarassment = report.perceptions!.all.find((i) => i.key === 'harassment')!;
    // The change is visible to a fresh tally, so the comparisons below could fail.
    expect(liveHarassment.n).toBeLessThan(harassment.n);
    expect(reportHarassment.n).toBe(harassment.n);
    expect(reportHarassment.shares.map((s) => s.share)).toEqual(harassment.shares.map((s: { share: number }) => expect.closeTo(s.share, 12)));
    expect(report.perceptionsMatchRun).toBe(true);
    expect(report.perceptions!.respondents).toBe((await app.db.selectFrom('estimation_runs').select('respondent_count').where('id', '=', runId).executeTakeFirstOrThrow()).respondent_count);

    expect(await (await analyst.get('/api/dashboard/waves/demo-2025/perceptions')).json()).toEqual(before);
    expect(await (await analyst.get('/api/dashboard/waves/demo-2025/perceptions?province=01')).json()).toEqual(beforeProvince);

    const started = await analyst.post('/api/waves/demo-2025/runs', { geography: 'vn-34' });
    expect(started.status).toBe(201);
    const newRun = (await started.json()).run.id as string;
    expectSameTally(await storedTally(app, newRun), await freshTally(app, 'demo-2025'));
    const after = await (await analyst.get('/api/dashboard/waves/demo-2025/perceptions?province=01')).json();
    expect(after.tallyRun).toBe(newRun);
    const many = after.questions.find((q: { name: string }) => q.name === 'harassment').rows[0].shares.find((s: { value: string }) => s.value === 'many');
    expect(many.share).toBe(1);
  });

  it('when a run predates stored tallies, then the dashboard and the report tally the wave\'s answers as they are now, and the report says they changed', async () => {
    const runId = runs.get('demo-2023 vn-63')!;
    await app.db.updateTable('estimation_runs').set({ perceptions_tallied: false } as never).where('id', '=', runId).execute();
    await app.db.deleteFrom('run_perception_tallies').where('run_id', '=', runId).execute();
    await sql`update responses set status = 'excluded', exclusion_reason = 'thử' where wave_id = 'demo-2023' and id::text < '1a'`.execute(app.db);
    const questionnaires = new QuestionnaireCache(app.db);
    const report = await loadReportData({ db: app.db, questionnaires }, runId);
    const fresh = await freshTally(app, 'demo-2023');
    const answeredHarassment = [...fresh].filter(([k]) => k.includes('|harassment||')).reduce((s, [, c]) => s + c.n, 0);
    expect(report.perceptions!.all.find((i) => i.key === 'harassment')!.n).toBe(answeredHarassment);
    expect(report.perceptionsMatchRun).toBe(false);
    const dashboard = await (await analyst.get('/api/dashboard/waves/demo-2023/perceptions?geography=vn-63')).json();
    expect(dashboard.tallyRun).toBeNull();
    expect(dashboard.questions.find((q: { name: string }) => q.name === 'harassment').rows[0].n).toBe(answeredHarassment);
  });
});
