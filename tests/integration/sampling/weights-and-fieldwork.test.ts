import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { insertResponseOnce } from '../../../server/responses/responses.repository';
import { insertServicePoint } from '../../../server/service-points/service-points.repository';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { responseBody, sipasAnswers } from '../../support/sipas-answers';
import { postCsv, SMALL_FRAME } from '../../support/uploads';
import { loginAs, type LoggedInAgent } from '../../support/users';
import { createCommunes, createWave } from '../../support/waves';

const AGES = ['18-29', '30-39', '40-49', '50-59', '60+'];

function marginsCsv(province: string, ageTotals: number[]) {
  const total = ageTotals.reduce((a, b) => a + b, 0);
  return ['margin,province_code,level,total', `sex,${province},F,${total / 2}`, `sex,${province},M,${total / 2}`,
    ...AGES.map((a, k) => `age_group,${province},${a},${ageTotals[k]}`)].join('\n');
}

let sequence = 0;
async function storeResponse(db: TestApp['db'], wave: { id: string; survey_version_id: number }, fields: {
  province?: string; commune?: string; psu?: string; weight?: number | null; age?: string; submittedAt?: string; durationMs?: number; deviceId?: string;
}) {
  sequence += 1;
  const answers = sipasAnswers({ province: fields.province ?? '01', commune: fields.commune ?? '00001' }, { age_group: fields.age ?? '30-39', sex: sequence % 2 ? 'F' : 'M' });
  const id = responseBody(answers).id as string;
  await insertResponseOnce(db, {
    id, waveId: wave.id, surveyVersionId: wave.survey_version_id, provinceCode: fields.province ?? '01', communeCode: fields.commune ?? '00001',
    stratum: fields.province ?? '01', psu: fields.psu ?? fields.commune ?? '00001', channel: 'web', deviceId: fields.deviceId ?? null, answers,
    contentHash: `h${sequence}`, startedAt: null, submittedAt: fields.submittedAt ?? '2026-03-02T03:00:00Z', durationMs: fields.durationMs ?? 600_000,
    baseWeight: fields.weight ?? null, sampled: true,
  });
  return id;
}

describe.each(testDatabases)('frames, margins, weights and the fieldwork monitor on $name', (target) => {
  let app: TestApp;
  let admin: LoggedInAgent;

  beforeAll(async () => {
    app = await startTestApp(target);
    await createCommunes(app.db);
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
  });
  afterAll(() => app?.close());

  it('when a frame has bad rows, then every one is named by line and nothing is stored', async () => {
    const wave = await createWave(app.db);
    const bad = `${SMALL_FRAME}\n01,00009,Phường Sai,suburban,100\n01,00001,Phường Phúc Xá lặp,urban,5\n`;
    const res = await postCsv(admin, `/api/waves/${wave.id}/sample/frame`, bad);
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.title).toContain('chưa có gì được lưu');
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(['line.9.urban_rural', 'line.10.commune_code']);
    expect((await (await admin.get(`/api/waves/${wave.id}/sample`)).json()).plan).toBeNull();
  });

  it('when an administrator prints a commune\'s invitation sheet, then it is a PDF whose text has the commune\'s Vietnamese name and every code', async () => {
    const wave = await createWave(app.db);
    expect((await postCsv(admin, `/api/waves/${wave.id}/sample/frame`, SMALL_FRAME)).status).toBe(201);
    const plan = await (await admin.post(`/api/waves/${wave.id}/sample/draw`, { stratification: 'province_urban_rural', communesPerStratum: 1, respondentsPerCommune: 4, seed: 7 })).json();
    expect(plan.strata.map((s: { stratum: string }) => s.stratum)).toEqual(['01-rural', '01-urban', '02-rural', '02-urban']);
    const commune = plan.communes.find((c: { province: string }) => c.province === '02');
    const res = await admin.post(`/api/waves/${wave.id}/sample/communes/${commune.code}/invitations`);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sipas-pdf-')), 'sheet.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(commune.nameVi);
    expect(text).toContain('PHIẾU MỜI THAM GIA KHẢO SÁT');
    expect(text.match(/[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}/g)?.length).toBeGreaterThanOrEqual(4);
    const audit = await app.db.selectFrom('audit_log').select(['details']).where('action', '=', 'invitations_issued').execute();
    expect(audit.at(-1)?.details).toMatchObject({ commune: commune.code, issued: 4 });
  });

  it('when margins are uploaded, then bad rows are named by line, and the diagnostics show base and raked weights with the collapsed cells', async () => {
    const wave = await createWave(app.db);
    for (let k = 0; k < 8; k++) await storeResponse(app.db, wave, { weight: 100 + 10 * k, age: k % 2 ? '18-29' : '40-49' });
    for (const age of [...AGES, ...AGES]) await storeResponse(app.db, wave, { province: '02', commune: '00070', weight: 50, age });
    const bad = await postCsv(admin, `/api/waves/${wave.id}/margins`, 'margin,province_code,level,total\nsex,01,F,10\nsex,01,X,5\n');
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toEqual(['line.3.level']);

    const csv = `${marginsCsv('01', [300, 200, 250, 150, 100])}\n${marginsCsv('02', [100, 100, 100, 100, 100]).split('\n').slice(1).join('\n')}`;
    const ok = await postCsv(admin, `/api/waves/${wave.id}/margins`, csv);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ rows: 14, provinces: 2 });

    const diagnostics = await (await admin.get(`/api/waves/${wave.id}/weights/diagnostics`)).json();
    expect(diagnostics.rakingError).toBeNull();
    expect(diagnostics.collapsed.map((c: { province: string; level: string; into: string }) => [c.province, c.level, c.into]))
      .toEqual([['01', '30-39', '18-29'], ['01', '50-59', '40-49'], ['01', '60+', '40-49']]);
    const hanoi = diagnostics.provinces.find((p: { province: string }) => p.province === '01');
    expect(hanoi.base).toMatchObject({ n: 8, min: 100, max: 170 });
    expect(hanoi.raked.sum).toBeCloseTo(1000, 6);
    expect(hanoi.raked.kishNeff).toBeGreaterThan(0);

    const run = await admin.post(`/api/waves/${wave.id}/runs`, {});
    expect(run.status).toBe(201);
    expect((await run.json()).run.parameters.collapsedCells).toHaveLength(3);
  });

  it('when a province\'s margins cannot be met as given (every man 60+, every woman younger, men ≠ 60+ total), then the stored run still has raked figures and its parameters name the province and the merged age groups, Vietnamese first', async () => {
    // Stored margins are positive (wave_margins.total > 0), so a zero-total cell cannot reach a stored run.
    const wave = await createWave(app.db);
    for (let k = 0; k < 10; k++) await storeResponse(app.db, wave, { psu: k % 2 ? '00001' : '00004', weight: 100, age: AGES[k % 5] });
    // storeResponse alternates F (odd sequence) and M: men are all 60+, women 18-59.
    for (let k = 0; k < 12; k++) {
      await storeResponse(app.db, wave, { province: '02', commune: '00070', psu: k % 4 < 2 ? '00070' : '00071', weight: 50, age: (sequence + 1) % 2 ? AGES[(k >> 1) % 4] : '60+' });
    }
    const csv = [marginsCsv('01', [100, 100, 100, 100, 100]), ...marginsCsv('02', [100, 100, 100, 100, 100]).split('\n').slice(1)].join('\n');
    expect((await postCsv(admin, `/api/waves/${wave.id}/margins`, csv)).status).toBe(201);

    const res = await admin.post(`/api/waves/${wave.id}/runs`, {});
    expect(res.status).toBe(201);
    const { run } = await res.json();
    expect(run.schemes).toContain('raked_jkn');
    expect(run.parameters.notices).toEqual(expect.arrayContaining([{
      scheme: 'raked_jkn',
      vi: expect.stringMatching(/^Tỉnh 02: không thể đạt các tổng biên như đã cho; đã gộp nhóm tuổi liền kề .*60\+/),
      en: expect.stringMatching(/^Province 02: its margins cannot be met as given; adjacent age groups were merged: .*60\+/),
    }]));
    const rows = await app.db.selectFrom('estimation_results').selectAll().where('run_id', '=', run.id).where('scheme', '=', 'raked_jkn').where('indicator', '=', 'overall').execute();
    const row = (domain: string) => rows.find((r) => r.domain === domain)!;
    expect(row('02').p).not.toBeNull();
    expect(row('02').flags).not.toContain('not_raked');
  });

  it('when transaction counts are uploaded for a service-point wave, then each response weighs its point\'s transactions over its responses in the period', async () => {
    const wave = await createWave(app.db, { design: 'service_point' });
    await insertServicePoint(app.db, { code: 'HN-PHUCXA-01', nameVi: 'Bộ phận một cửa phường Phúc Xá', geography: 'vn-63', province: '01', commune: '00001' });
    await insertServicePoint(app.db, { code: 'HN-TRUCBACH-01', nameVi: 'Bộ phận một cửa phường Trúc Bạch', geography: 'vn-63', province: '01', commune: '00004' });
    const a = [0, 1, 2, 3].map((k) => storeResponse(app.db, wave, { psu: 'HN-PHUCXA-01', submittedAt: `2026-03-0${k + 1}T02:00:00Z` }));
    const b = [0, 1].map(() => storeResponse(app.db, wave, { commune: '00004', psu: 'HN-TRUCBACH-01' }));
    const late = storeResponse(app.db, wave, { psu: 'HN-PHUCXA-01', submittedAt: '2026-04-30T18:00:00Z' });
    const [idsA, idsB, idLate] = [await Promise.all(a), await Promise.all(b), await late];
    const res = await postCsv(admin, `/api/waves/${wave.id}/transactions`,
      'service_point_code,period_start,period_end,transactions\nHN-PHUCXA-01,2026-03-01,2026-03-31,1200\nhn-trucbach-01,2026-03-01,2026-03-31,300\n');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ periods: 2, weighted: 6, unweighted: 1 });
    const weights = new Map((await app.db.selectFrom('responses').select(['id', 'base_weight']).where('wave_id', '=', wave.id).execute()).map((r) => [r.id, r.base_weight]));
    for (const id of idsA) expect(weights.get(id)).toBe(300);
    for (const id of idsB) expect(weights.get(id)).toBe(150);
    // 18:00 UTC on 30 April is 1 May in Vietnam: outside the period.
    expect(weights.get(idLate)).toBeNull();

    const excluded = await admin.patch(`/api/waves/${wave.id}/responses/${idsA[0]}`, { status: 'excluded', reason: 'Trả lời quá nhanh, nghi vấn' });
    expect(excluded.status).toBe(200);
    const after = new Map((await app.db.selectFrom('responses').select(['id', 'base_weight', 'status']).where('wave_id', '=', wave.id).execute()).map((r) => [r.id, r]));
    expect(after.get(idsA[0])).toMatchObject({ status: 'excluded', base_weight: null });
    expect(after.get(idsA[1])!.base_weight).toBe(400);
  });

  it('when the monitor is read, then speeders, straight-lining and device bursts are flagged, and an analyst can exclude one and include it again, audited', async () => {
    const wave = await createWave(app.db);
    for (let k = 0; k < 6; k++) await storeResponse(app.db, wave, { durationMs: 600_000 });
    const speeder = await storeResponse(app.db, wave, { durationMs: 60_000 });
    const burst = await Promise.all([0, 1, 2, 3, 4].map((m) => storeResponse(app.db, wave, { deviceId: 'tablet-7', submittedAt: `2026-03-02T03:0${m}:00Z` })));
    const analyst = await loginAs(app.url, app.db, { role: 'analyst' });
    const monitor = await (await analyst.get(`/api/waves/${wave.id}/fieldwork`)).json();
    expect(monitor.totals).toMatchObject({ received: 12, complete: 12, flags: { speeder: 1, device_burst: 5 } });
    expect(monitor.totals.flags.straight_lining).toBe(0);
    const flaggedIds = monitor.flagged.map((f: { id: string }) => f.id);
    expect(flaggedIds).toEqual(expect.arrayContaining([speeder, ...burst]));
    // Counted once each, whatever the number of rules a response breaks; each listed with the rules it breaks.
    expect(monitor.flaggedCount).toBe(6);
    expect(monitor.flagged.find((f: { id: string }) => f.id === speeder).flags).toEqual(['speeder']);
    expect(monitor.flagged.find((f: { id: string }) => f.id === burst[0]).flags).toEqual(['device_burst']);
    expect(monitor.provinces[0].units.find((u: { code: string }) => u.code === '00001')).toMatchObject({ received: 12, flags: { speeder: 1, straight_lining: 0, device_burst: 5 } });
    const strict = await (await analyst.get(`/api/waves/${wave.id}/fieldwork?straightLineMinItems=5`)).json();
    expect(strict.totals.flags.straight_lining).toBe(0);

    expect((await analyst.patch(`/api/waves/${wave.id}/responses/${speeder}`, { status: 'excluded', reason: 'Thời gian trả lời 1 phút' })).status).toBe(200);
    const excluded = await (await analyst.get(`/api/waves/${wave.id}/fieldwork`)).json();
    expect(excluded.totals).toMatchObject({ received: 12, complete: 11, excluded: 1 });
    expect(excluded.flagged.find((f: { id: string }) => f.id === speeder)).toMatchObject({ status: 'excluded', exclusionReason: 'Thời gian trả lời 1 phút' });
    expect((await analyst.patch(`/api/waves/${wave.id}/responses/${speeder}`, { status: 'complete' })).status).toBe(200);
    const actions = await app.db.selectFrom('audit_log').select(['action', 'details']).where('target', '=', `response:${speeder}`).orderBy('id').execute();
    expect(actions).toEqual([
      { action: 'response_excluded', details: expect.objectContaining({ reason: 'Thời gian trả lời 1 phút' }) },
      { action: 'response_included', details: expect.objectContaining({ previousReason: 'Thời gian trả lời 1 phút' }) },
    ]);
    const official = await loginAs(app.url, app.db, { role: 'province_official', province: '01' });
    expect((await official.patch(`/api/waves/${wave.id}/responses/${speeder}`, { status: 'excluded', reason: 'thử' })).status).toBe(403);
  });
});
