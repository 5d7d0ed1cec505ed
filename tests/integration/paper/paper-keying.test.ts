import type { LayoutFile } from '../../../server/paper/paper-layout';
import { countResponses, findResponse } from '../../../server/responses/responses.repository';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { drawSmallSample, keyedFromLayout, runPaperForms } from '../../support/paper';
import { sipasAnswers } from '../../support/sipas-answers';
import { loginAs, type LoggedInAgent } from '../../support/users';
import { createCommunes, createWave } from '../../support/waves';

describe.each(testDatabases)('manual keying of paper forms on $name', (target) => {
  let app: TestApp;
  let wave: string;
  let admin: LoggedInAgent;
  let layout: LayoutFile;
  let commune: { code: string; province: string };
  let blankSerial: string;

  beforeAll(async () => {
    app = await startTestApp(target);
    await createCommunes(app.db);
    wave = (await createWave(app.db)).id;
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    commune = (await drawSmallSample(admin, wave, 3)).find((c) => c.province === '02')!;
    layout = (await runPaperForms(app.db, ['--wave', wave, '--invitations', '--commune', commune.code])).layout;
    blankSerial = (await runPaperForms(app.db, ['--wave', wave, '--count', '1'])).layout.forms[0].form;
  }, 600_000);
  afterAll(() => app.close());

  const lookup = async (agent: LoggedInAgent, form: string) => agent.post(`/api/waves/${wave}/paper/lookup`, { form });

  it('when a clerk keys a form once, then it is stored as a paper response of its invitation, a retry stores nothing twice, and bad values are refused naming the question', async () => {
    const form = layout.forms[0];
    const found = await lookup(admin, form.form.toLowerCase().replaceAll('-', ' '));
    expect(found.status).toBe(200);
    const { id } = (await found.json()).form;
    const shown = (await (await admin.get(`/api/paper/forms/${id}/keying`)).json()).form;
    expect(shown).toMatchObject({ status: 'printed', pass: 1, awaitingSecond: false, disagreements: [] });
    // The paper form's order: the first rating statements before the last question, matrix rows as their own fields.
    const order = shown.fields.map((f: { question: string }) => f.question);
    expect(order).toEqual([...new Set(form.pages.flatMap((p) => p.marks.map((m) => m.question)))]);
    expect(order.indexOf('q_access_1')).toBeLessThan(order.indexOf('q_access_2'));
    expect(order).toContain('policy_interest.health_care');
    expect(shown.fields.find((f: { question: string }) => f.question === 'q_staff_2')).toMatchObject({ kind: 'single', scanned: false, choices: [{ value: 1, label: 'Rất không hài lòng' }, expect.anything(), expect.anything(), expect.anything(), { value: 5, label: 'Rất hài lòng' }] });

    const answers = keyedFromLayout(form, sipasAnswers({ procedure: true }, { q_staff_2: 2, comment: 'Chờ lâu quá.' }));
    const bad = await admin.post(`/api/paper/forms/${id}/keying`, { answers: { ...answers, q_staff_2: 9, q_nope: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const issues = (await bad.json()).errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(issues).toEqual(expect.arrayContaining(['answers.q_staff_2:not_a_choice', 'answers.q_nope:unknown_question']));
    expect(await countResponses(app.db, wave)).toBe(0);

    const keyed = await admin.post(`/api/paper/forms/${id}/keying`, { answers });
    expect(keyed.status).toBe(200);
    expect((await keyed.json()).form).toMatchObject({ status: 'stored', pass: null });
    const row = await app.db.selectFrom('paper_forms').select(['response_id', 'invitation_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const response = await findResponse(app.db, row.response_id!);
    expect(response).toMatchObject({ channel: 'paper', province_code: '02', commune_code: commune.code, psu: commune.code, status: 'complete' });
    expect(response!.base_weight).toBeGreaterThan(0);
    expect(response!.answers).toMatchObject({ q_staff_2: 2, q_access_1: 5, comment: 'Chờ lâu quá.', policy_interest: { health_care: 'some' }, exp_admin_procedure: true });
    // Asked only when feedback was lodged: keyed or not, it is not stored.
    expect(response!.answers).not.toHaveProperty('q_feedback_1');
    const invitation = await app.db.selectFrom('invitations').select('response_id').where('id', '=', row.invitation_id!).executeTakeFirstOrThrow();
    expect(invitation.response_id).toBe(response!.id);

    const retry = await admin.post(`/api/paper/forms/${id}/keying`, { answers });
    expect(retry.status).toBe(200);
    expect((await retry.json()).form.status).toBe('stored');
    expect(await countResponses(app.db, wave)).toBe(1);
    const other = await loginAs(app.url, app.db, { role: 'national_admin' });
    const late = await other.post(`/api/paper/forms/${id}/keying`, { answers: { ...answers, q_staff_2: 3 } });
    expect(late.status).toBe(409);
    expect((await late.json()).errors[0]).toMatchObject({ field: 'form', rule: 'already_keyed' });
    expect(await countResponses(app.db, wave)).toBe(1);
  }, 300_000);

  it('when two clerks key a form with one rating different, then the disagreement waits for verification with both entries, agreements are kept, and settling it stores the form once', async () => {
    const form = layout.forms[1];
    const { id } = (await (await lookup(admin, form.form)).json()).form;
    const answers = keyedFromLayout(form, sipasAnswers({ procedure: true }));
    const first = await (await admin.post(`/api/paper/forms/${id}/keying`, { answers, double: true })).json();
    expect(first.form).toMatchObject({ status: 'returned', awaitingSecond: true, pass: 1 });
    expect(await countResponses(app.db, wave)).toBe(1);
    // The first clerk cannot be the second.
    expect((await (await admin.post(`/api/paper/forms/${id}/keying`, { answers, double: true })).json()).form.pass).toBe(1);

    const official = await loginAs(app.url, app.db, { role: 'province_official', province: '02' });
    const asSecond = (await (await official.get(`/api/paper/forms/${id}/keying`)).json()).form;
    expect(asSecond).toMatchObject({ pass: 2, awaitingSecond: true });
    expect(JSON.stringify(asSecond)).not.toContain('"answers"');
    const second = await official.post(`/api/paper/forms/${id}/keying`, { answers: { ...answers, q_result_1: 3 } });
    expect(second.status).toBe(200);
    expect((await second.json()).form).toMatchObject({ status: 'verification', pass: null, disagreements: ['q_result_1'] });
    expect(await countResponses(app.db, wave)).toBe(1);

    const list = (await (await official.get(`/api/waves/${wave}/paper/verification`)).json()).forms;
    expect(list).toEqual([expect.objectContaining({ id, uncertain: 1, disagreements: 1 })]);
    const verify = (await (await official.get(`/api/paper/forms/${id}`)).json()).form;
    expect(verify.items).toEqual([expect.objectContaining({ question: 'q_result_1', keyed: [5, 3], scanned: false })]);
    const settled = await (await official.post(`/api/paper/forms/${id}/settle`, { question: 'q_result_1', value: 3 })).json();
    expect(settled.form).toMatchObject({ status: 'stored', items: [] });
    const row = await app.db.selectFrom('paper_forms').select('response_id').where('id', '=', id).executeTakeFirstOrThrow();
    expect((await findResponse(app.db, row.response_id!))!.answers).toMatchObject({ q_result_1: 3, q_result_2: 5, q_staff_2: 5 });
    expect(await countResponses(app.db, wave)).toBe(2);
    // A retry of the second entry changes nothing.
    expect((await official.post(`/api/paper/forms/${id}/keying`, { answers: { ...answers, q_result_1: 3 } })).status).toBe(200);
    expect(await countResponses(app.db, wave)).toBe(2);
    const keyings = await app.db.selectFrom('paper_keyings').select(['pass', 'keyed_by']).where('form_id', '=', id).orderBy('pass').execute();
    expect(keyings).toEqual([{ pass: 1, keyed_by: admin.user.id }, { pass: 2, keyed_by: official.user.id }]);

    const counts = (await (await official.get(`/api/waves/${wave}/paper/counts`)).json()).communes;
    expect(counts).toEqual([expect.objectContaining({ commune: commune.code, province: '02', printed: 3, stored: 2, verification: 0 })]);
    // The fieldwork monitor counts the same per commune, within the official's scope.
    const monitor = await (await official.get(`/api/waves/${wave}/fieldwork`)).json();
    expect(monitor.paper).toEqual([{ commune: commune.code, province: '02', name: expect.any(String), printed: 3, returned: 2, read: 2, verification: 0, stored: 2 }]);
    const national = await (await admin.get(`/api/waves/${wave}/fieldwork`)).json();
    expect(national.paper).toEqual([
      expect.objectContaining({ commune: commune.code, printed: 3, returned: 2, read: 2, stored: 2 }),
      { commune: null, province: null, name: null, printed: 1, returned: 0, read: 0, verification: 0, stored: 0 },
    ]);
    expect(national.totals.channels.paper).toBe(2);
    const elsewhere = await loginAs(app.url, app.db, { role: 'province_official', province: '01' });
    expect((await (await elsewhere.get(`/api/waves/${wave}/fieldwork`)).json()).paper).toEqual([]);
  }, 300_000);

  it('when a province official of another province tries, then the form, its keying and its verification are refused, and lists show none of its forms', async () => {
    const form = layout.forms[2];
    const { id } = (await (await lookup(admin, form.form)).json()).form;
    const elsewhere = await loginAs(app.url, app.db, { role: 'province_official', province: '01' });
    expect((await lookup(elsewhere, form.form)).status).toBe(403);
    expect((await elsewhere.get(`/api/paper/forms/${id}/keying`)).status).toBe(403);
    const refused = await elsewhere.post(`/api/paper/forms/${id}/keying`, { answers: {} });
    expect(refused.status).toBe(403);
    expect((await refused.json()).title).toMatch(/tỉnh, thành phố mình phụ trách/);
    expect((await elsewhere.get(`/api/paper/forms/${id}`)).status).toBe(403);
    expect((await (await elsewhere.get(`/api/waves/${wave}/paper/counts`)).json()).communes).toEqual([]);
    // A blank form names no commune: the national office keys it.
    const own = await loginAs(app.url, app.db, { role: 'province_official', province: '02' });
    expect((await lookup(own, blankSerial)).status).toBe(403);
    expect((await lookup(admin, blankSerial.toLowerCase())).status).toBe(200);
    const analyst = await loginAs(app.url, app.db, { role: 'analyst' });
    expect((await analyst.get(`/api/paper/forms/${id}/keying`)).status).toBe(403);
    expect((await lookup(admin, 'ABCDE-ABCDE-ABCDE')).status).toBe(404);
    expect(await countResponses(app.db, wave)).toBe(2);
  }, 300_000);
});
