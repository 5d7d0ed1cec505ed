import { countResponses, findResponse } from '../../../server/responses/responses.repository';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { responseBody, sipasAnswers } from '../../support/sipas-answers';
import { postCsv, SMALL_FRAME } from '../../support/uploads';
import { anonymous, loginAs, type LoggedInAgent } from '../../support/users';
import { createCommunes, createWave } from '../../support/waves';

interface PlanCommune { code: string; nameVi: string; province: string; stratum: string; probability: number; target: number; adultPopulation: number; designWeight: number }
interface Issued { invitations: { slot: number; code: string; url: string }[]; revoked: number }

/** Answers that leave the place to the invitation code. */
function answersWithoutPlace(overrides: Record<string, unknown> = {}) {
  const answers = sipasAnswers({}, overrides);
  delete answers.province;
  delete answers.commune;
  return answers;
}

describe.each(testDatabases)('invitation codes on $name', (target) => {
  let app: TestApp;
  let admin: LoggedInAgent;
  let wave: string;
  let communes: PlanCommune[];

  const submit = (body: Record<string, unknown>) => anonymous(app.url).post(`/api/waves/${wave}/responses`, body);
  const issue = async (commune: string): Promise<Issued> => {
    const res = await admin.post(`/api/waves/${wave}/sample/communes/${commune}/invitations`, undefined, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    app = await startTestApp(target);
    await createCommunes(app.db);
    wave = (await createWave(app.db)).id;
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    expect((await postCsv(admin, `/api/waves/${wave}/sample/frame`, SMALL_FRAME)).status).toBe(201);
    const drawn = await admin.post(`/api/waves/${wave}/sample/draw`, { stratification: 'province', communesPerStratum: 2, respondentsPerCommune: 3, seed: 20260115 });
    expect(drawn.status).toBe(201);
    communes = (await drawn.json()).communes;
  });
  afterAll(() => app?.close());

  it('when the sample is drawn, then two communes per province are selected, their π add up with the others to 2, and they join the wave geography', async () => {
    const plan = await (await admin.get(`/api/waves/${wave}/sample`)).json();
    expect(plan.plan).toMatchObject({ seed: 20260115, stratification: 'province', communesPerStratum: 2, respondentsPerCommune: 3, frameUnits: 7, frozen: false });
    expect(plan.strata.map((s: { stratum: string; selected: number; sumProbabilities: number }) => [s.stratum, s.selected, Math.round(s.sumProbabilities * 1e9) / 1e9]))
      .toEqual([['01', 2, 2], ['02', 2, 2]]);
    expect(communes).toHaveLength(4);
    const listed = await (await anonymous(app.url).get(`/api/waves/${wave}/communes?province=02`)).json();
    for (const c of communes.filter((x) => x.province === '02')) expect(listed.communes.map((x: { code: string }) => x.code)).toContain(c.code);
  });

  it('when a citizen answers with a code, then the response takes the code\'s place and design weight, and a retry of the same response is still accepted', async () => {
    const commune = communes.find((c) => c.province === '02')!;
    const { invitations } = await issue(commune.code);
    expect(invitations).toHaveLength(3);
    const lookup = await anonymous(app.url).get(`/api/waves/${wave}/invitation?code=${encodeURIComponent(invitations[0].code.toLowerCase())}`);
    expect(await lookup.json()).toEqual({ invitation: { province: { code: '02', nameVi: 'Hà Giang' }, commune: { code: commune.code, nameVi: commune.nameVi } } });

    const body = responseBody(answersWithoutPlace(), { invitationCode: invitations[0].code });
    const res = await submit(body);
    expect(res.status).toBe(201);
    const stored = await findResponse(app.db, body.id as string);
    expect(stored).toMatchObject({ province_code: '02', commune_code: commune.code, stratum: '02', psu: commune.code });
    expect(stored!.answers).toMatchObject({ province: '02', commune: commune.code });
    expect(stored!.base_weight).toBeCloseTo(commune.adultPopulation / (commune.probability * 3), 9);
    expect(stored!.base_weight).toBeCloseTo(commune.designWeight, 9);

    const retry = await submit(body);
    expect(retry.status).toBe(200);
    expect((await retry.json()).duplicate).toBe(true);
  });

  it('when a second response uses the same code, then it is refused with a clear Vietnamese message naming invitationCode, nothing is stored, and the attempt is counted', async () => {
    const commune = communes.find((c) => c.province === '01')!;
    const { invitations } = await issue(commune.code);
    const first = responseBody(answersWithoutPlace(), { invitationCode: invitations[1].code });
    expect((await submit(first)).status).toBe(201);
    const before = await countResponses(app.db);

    const second = await submit(responseBody(answersWithoutPlace({ overall: 2 }), { invitationCode: invitations[1].code }));
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await second.json();
    expect(problem.title).toBe('Mã mời này đã được sử dụng');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'invitationCode', rule: 'already_used', message: expect.stringContaining('Mỗi mã chỉ dùng được một lần') })]);
    expect(await countResponses(app.db)).toBe(before);

    const opened = await anonymous(app.url).get(`/api/waves/${wave}/invitation?code=${invitations[1].code}`);
    expect(opened.status).toBe(409);
    const monitor = await (await admin.get(`/api/waves/${wave}/fieldwork`)).json();
    const unit = monitor.provinces.find((p: { code: string }) => p.code === '01').units.find((u: { code: string }) => u.code === commune.code);
    expect(unit).toMatchObject({ received: 1, target: 3, refusedCodes: 2 });
  });

  it('when a sheet is printed again, then its unused codes stop working and used slots keep theirs', async () => {
    const commune = communes.filter((c) => c.province === '01')[1];
    const old = await issue(commune.code);
    expect((await submit(responseBody(answersWithoutPlace(), { invitationCode: old.invitations[0].code }))).status).toBe(201);
    const reprint = await issue(commune.code);
    expect(reprint.revoked).toBe(2);
    expect(reprint.invitations.map((i) => i.slot)).toEqual([2, 3]);
    const stale = await submit(responseBody(answersWithoutPlace(), { invitationCode: old.invitations[1].code }));
    expect(stale.status).toBe(409);
    expect((await stale.json()).errors[0]).toMatchObject({ field: 'invitationCode', rule: 'revoked' });
    expect((await submit(responseBody(answersWithoutPlace(), { invitationCode: reprint.invitations[0].code }))).status).toBe(201);
  });

  it('when a code is wrong, or the answers name another place than the code, then the response is refused', async () => {
    const wrong = await submit(responseBody(answersWithoutPlace(), { invitationCode: 'AAAAA-BBBBB-CCCCC' }));
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).errors[0]).toMatchObject({ field: 'invitationCode', rule: 'unknown_code' });
    const commune = communes.find((c) => c.province === '02')!;
    const { invitations } = await issue(communes.filter((c) => c.province === '02')[1].code);
    const elsewhere = await submit(responseBody(sipasAnswers({ province: '02', commune: commune.code }), { invitationCode: invitations[0].code }));
    expect(elsewhere.status).toBe(422);
    expect((await elsewhere.json()).errors[0]).toMatchObject({ field: 'answers.commune', rule: 'invitation_location' });
  });

  it('when codes have been used, then the frame and the draw are frozen', async () => {
    const upload = await postCsv(admin, `/api/waves/${wave}/sample/frame`, SMALL_FRAME);
    expect(upload.status).toBe(409);
    expect((await upload.json()).errors[0].rule).toBe('fieldwork_started');
    const redraw = await admin.post(`/api/waves/${wave}/sample/draw`, { stratification: 'province', communesPerStratum: 1, respondentsPerCommune: 3 });
    expect(redraw.status).toBe(409);
  });

  it('when a province official looks at the plan, then only their province shows, and they may not print codes', async () => {
    const official = await loginAs(app.url, app.db, { role: 'province_official', province: '02', geography: 'vn-63' });
    const plan = await (await official.get(`/api/waves/${wave}/sample`)).json();
    expect(new Set(plan.communes.map((c: PlanCommune) => c.province))).toEqual(new Set(['02']));
    const monitor = await (await official.get(`/api/waves/${wave}/fieldwork`)).json();
    expect(monitor.provinces.map((p: { code: string }) => p.code)).toEqual(['02']);
    expect((await official.post(`/api/waves/${wave}/sample/communes/${plan.communes[0].code}/invitations`)).status).toBe(403);
    expect((await postCsv(official, `/api/waves/${wave}/sample/frame`, SMALL_FRAME)).status).toBe(403);
  });
});
