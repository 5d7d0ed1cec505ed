import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { parseCsv } from '../../../server/csv/csv-records';
import { createDemo } from '../../../server/demo/demo.service';
import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import { estimate } from '../../../server/estimation/estimate';
import { resolveIndicators, type CompositeIndicator } from '../../../server/estimation/indicators';
import { parseMicrodata } from '../../../server/estimation/microdata';
import { ESTIMATE_COLUMNS } from '../../../server/estimation/types';
import { XLSX_COLUMNS } from '../../../server/exports/estimates-xlsx';
import { interval, percent } from '../../../server/reports/report-format';
import { statementNames } from '../../../server/surveys/index-definition';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { attack, type PublicFigureRow } from '../../support/disclosure-adversary';
import { anonymous, loginAs, type LoggedInAgent } from '../../support/users';

type Row = Record<string, unknown> & { scheme: string; domain_type: string; domain: string; indicator: string; n: number; p: number | null; se: number | null };

const QUANG_NINH = '22';
const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
const HAS_R = spawnSync('Rscript', ['-e', 'library(survey)']).status === 0;

/** A test that reads PDF text; skipped, and saying why in its name, where pdftotext is missing (`.ci/run` installs it). */
function pdfTest(name: string, fn: () => Promise<void>): void {
  if (HAS_PDFTOTEXT) it(name, fn);
  else it.skip(`${name} [skipped: pdftotext (poppler-utils) is not installed]`, fn);
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sipas-report-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), pdf);
    const out = spawnSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    return out.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const relative = (a: number | null, b: number | null) => (a === null || b === null ? (a === b ? 0 : Infinity) : Math.abs(a - b) / Math.max(1e-300, Math.abs(b)));

describe.each(testDatabases)('the annual report and data exports on $name', (target) => {
  let app: TestApp;
  let run63: string;
  let run2025: string;
  let results: Row[];
  let admin: LoggedInAgent;
  let analyst: LoggedInAgent;
  let official: LoggedInAgent;

  const national = (indicator: string, scheme = 'raked_jkn') =>
    results.find((r) => r.scheme === scheme && r.domain_type === 'national' && r.indicator === indicator)!;

  beforeAll(async () => {
    app = await startTestApp(target);
    const demo = await createDemo(app.db, { respondents: 6000 });
    const runs = await app.db.selectFrom('estimation_runs').select(['id', 'wave_id', 'geography_code']).execute();
    run63 = runs.find((r) => r.wave_id === 'demo-2023' && r.geography_code === 'vn-63')!.id;
    run2025 = runs.find((r) => r.wave_id === 'demo-2025')!.id;
    expect(demo.waves.map((w) => [w.id, w.created])).toEqual([['demo-2023', true], ['demo-2025', true]]);
    admin = await loginAs(app.url, app.db, { role: 'national_admin' });
    analyst = await loginAs(app.url, app.db, { role: 'analyst' });
    official = await loginAs(app.url, app.db, { role: 'province_official', province: QUANG_NINH, geography: 'vn-63' });
    results = (await (await analyst.get(`/api/runs/${run63}`)).json()).results;
  }, 120_000);
  afterAll(async () => { await app.close(); });

  pdfTest('when an analyst downloads the report of a 63-province run, then its text has the national index as printed, province names with diacritics and the synthetic warning on every page', async () => {
    const res = await analyst.get(`/api/runs/${run63}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('du-lieu-mo-phong');
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain(percent(national('sipas').p));
    expect(text).toContain('Quảng Ninh');
    expect(text).toContain('Bắc Kạn');
    expect(text).toContain('Đắk Lắk');
    expect(text).toContain(run63);
    const pages = text.split('\f').filter((page) => page.trim());
    expect(pages.length).toBeGreaterThan(8);
    for (const page of pages) expect(page).toContain('Dữ liệu mô phỏng (synthetic)');
    const audit = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').where('target', '=', `run:${run63}`).execute();
    expect(audit.some((a) => a.actor_id === analyst.user.id && (a.details as { what: string }).what === 'report')).toBe(true);
  });

  pdfTest('when the report is made for a later wave, then it compares with the previous wave\'s run in the same geography', async () => {
    const text = pdfText(Buffer.from(await (await analyst.get(`/api/runs/${run2025}/report.pdf`)).arrayBuffer()));
    expect(text).toContain('So với SIPAS 2023');
    expect(text).toMatch(/\d+ tỉnh tăng \(\d+ tăng có ý nghĩa thống kê/);
  });

  pdfTest('when the report is read, then it opens with the official mean of provinces, its interval and change, the top and bottom five, the service elements, the weighted figure beside it, and a tile map', async () => {
    const text = pdfText(Buffer.from(await (await analyst.get(`/api/runs/${run2025}/report.pdf`)).arrayBuffer()));
    const rows = (await (await analyst.get(`/api/runs/${run2025}`)).json()).results as Row[];
    const mean = rows.find((r) => r.scheme === 'raked_jkn' && r.domain_type === 'national_mean_of_provinces' && r.indicator === 'sipas')!;
    const weighted = rows.find((r) => r.scheme === 'raked_jkn' && r.domain_type === 'national' && r.indicator === 'sipas')!;
    const summary = text.split('\f').find((page) => page.includes('1. Tóm tắt kết quả'))!.replace(/\s+/g, ' ');
    const half = tQuantile(0.975, Number(mean.df)) * Number(mean.se);
    expect(summary).toContain(`theo cách tính chính thức (trung bình cộng không trọng số của 34 tỉnh, thành phố), là ${percent(mean.p)} (khoảng tin cậy 95%: ${interval(Number(mean.p) - half, Number(mean.p) + half)}). So với SIPAS 2023`);
    expect(summary).toMatch(/có ý nghĩa thống kê ở mức 5%/);
    expect(summary.indexOf(percent(mean.p))).toBeLessThan(summary.indexOf(percent(weighted.p)));
    expect(summary).toContain(`chỉ số cả nước có trọng số dân số (mỗi tỉnh đóng góp theo dân số của tỉnh) là ${percent(weighted.p)}`);
    expect(summary).toContain('Năm tỉnh, thành phố cao nhất');
    expect(summary).toContain('Các yếu tố cung ứng dịch vụ hành chính công');
    expect(text).toContain('Bản đồ ô: chỉ số SIPAS của các tỉnh, thành phố');
    expect(text).toContain('HCM: Hồ Chí Minh');
  });

  it('when the XLSX is read back, then every sheet\'s numbers equal the run\'s', async () => {
    const res = await analyst.get(`/api/runs/${run63}/estimates.xlsx`);
    expect(res.status).toBe(200);
    const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual(['Thông tin', 'Toàn quốc', 'Trung bình các tỉnh', 'Tỉnh, thành phố', 'Vùng', 'Giới tính', 'Nhóm tuổi']);
    const byKey = new Map(results.map((r) => [`${r.scheme}|${r.domain}|${r.indicator}`, r]));
    let compared = 0;
    for (const { sheet, data } of sheets.slice(1)) {
      expect(data[0][0]).toBe('Dữ liệu mô phỏng (synthetic)');
      expect(data[1]).toEqual(XLSX_COLUMNS.map((c) => c.header));
      for (const cells of data.slice(2)) {
        const at = (field: string) => cells[XLSX_COLUMNS.findIndex((c) => c.field === field)];
        const row = byKey.get(`${at('scheme')}|${at('domain')}|${at('indicator')}`);
        expect(row).toBeDefined();
        for (const c of XLSX_COLUMNS) {
          if (c.field === 'domain_name' || c.field === 'indicator_name') continue;
          const expected = c.field === 'flags' ? ((row!.flags as string[]).join(', ') || null) : row![c.field];
          expect([sheet, c.field, at(c.field)]).toEqual([sheet, c.field, expected]);
        }
        compared++;
      }
    }
    expect(compared).toBe(results.length);
  });

  it('when the estimates CSV is downloaded, then it has exactly the METHOD.md §6 columns and every row', async () => {
    const text = await (await analyst.get(`/api/runs/${run63}/estimates.csv`)).text();
    const [header, ...records] = parseCsv(text);
    expect(header.fields).toEqual([...ESTIMATE_COLUMNS]);
    expect(records.length).toBe(results.length);
    const sipas = records.find((r) => r.fields[0] === 'raked_jkn' && r.fields[1] === 'national' && r.fields[3] === 'sipas')!;
    expect(Number(sipas.fields[ESTIMATE_COLUMNS.indexOf('p')])).toBe(national('sipas').p);
  });

  describe('microdata', () => {
    let files: Record<string, string>;
    beforeAll(async () => {
      const res = await analyst.get(`/api/runs/${run63}/microdata.zip`);
      expect(res.status).toBe(200);
      files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(await res.arrayBuffer()))).map(([k, v]) => [k, strFromU8(v)]));
    });

    it('when exported, then the zip holds the data, the codebook in both languages, the margins and R and Stata scripts, and no free text', () => {
      expect(Object.keys(files).sort()).toEqual(['README.txt', 'codebook.csv', 'codebook.json', 'import.R', 'import.do', 'margins.csv', 'microdata.csv']);
      const codebook = JSON.parse(files['codebook.json']);
      expect(codebook.notice).toBe('Dữ liệu mô phỏng (synthetic)');
      const harassment = codebook.variables.find((v: { name: string }) => v.name === 'harassment');
      expect(harassment.label.vi).toContain('sách nhiễu');
      expect(harassment.label.en).toContain('harass');
      expect(harassment.values[0]).toEqual({ value: 'none', label: { vi: 'Không có', en: 'None' } });
      expect(codebook.excluded.map((e: { name: string }) => e.name)).toEqual(['village', 'comment']);
      expect(codebook.excluded[1].reason.en).toMatch(/not been reviewed/);
      const header = files['microdata.csv'].split('\n')[0].split(',');
      expect(header.slice(0, 9)).toEqual(['respondent_id', 'year', 'province_code', 'stratum', 'psu', 'weight', 'sex', 'age_group', 'weight_final']);
      expect(header).not.toContain('comment');
      expect(header.every((name) => name.length <= 32)).toBe(true);
      expect(files['import.R']).toContain('svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, nest = TRUE, data = d)');
      expect(files['import.do']).toContain('svyset _psu [pweight = weight], strata(_stratum)');
    });

    it('when microdata is exported twice, then respondents are numbered 1..n in an order drawn afresh each time, and no response id appears', async () => {
      const responseIds = new Set((await app.db.selectFrom('responses').select('id').where('wave_id', '=', 'demo-2023').execute()).map((r) => r.id));
      const uuids = Object.values(files).flatMap((text) => text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []);
      expect(uuids.filter((u) => responseIds.has(u))).toEqual([]);
      const records = (csv: string) => parseCsv(csv).slice(1).map((r) => r.fields);
      const first = records(files['microdata.csv']);
      expect(first.map((f) => Number(f[0]))).toEqual(Array.from({ length: first.length }, (_, k) => k + 1));
      expect(first.length).toBe((await app.db.selectFrom('estimation_runs').select('respondent_count').where('id', '=', run63).executeTakeFirstOrThrow()).respondent_count);
      const again = await analyst.get(`/api/runs/${run63}/microdata.zip`);
      const second = records(strFromU8(unzipSync(new Uint8Array(await again.arrayBuffer()))['microdata.csv']));
      const content = (f: string[]) => f.slice(1).join(',');
      expect(second.map(content).sort()).toEqual(first.map(content).sort());
      const sameNumberSameRow = first.filter((f, k) => content(f) === content(second[k])).length;
      expect(sameNumberSameRow).toBeLessThan(first.length / 10);
    });

    it('when the exported microdata and margins are estimated again, then the run\'s national index and its JKn SE are reproduced under both weightings', () => {
      const columns = parseMicrodata(parseCsv(files['microdata.csv']), {
        file: 'microdata.csv', definition: DEFAULT_INDEX_DEFINITION, isKnownProvince: () => true,
      });
      const margins = parseCsv(files['margins.csv']).slice(1)
        .map(({ fields: [variable, province, level, total] }) => ({ variable, province, level, total: Number(total) }));
      const rows = estimate(columns, { definition: DEFAULT_INDEX_DEFINITION, schemes: ['design', 'raked'], margins, variance: 'jkn' });
      for (const scheme of ['design_jkn', 'raked_jkn']) {
        const again = rows.find((r) => r.scheme === scheme && r.domain_type === 'national' && r.indicator === 'sipas')!;
        expect(relative(again.p, national('sipas', scheme).p)).toBeLessThan(1e-9);
        expect(relative(again.se, national('sipas', scheme).se)).toBeLessThan(1e-9);
      }
    });

    (HAS_R ? it : it.skip)(`when import.R runs on the export, then R survey reproduces the run's national index${HAS_R ? '' : ' — SKIPPED: Rscript with the survey package is not installed'}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sipas-r-'));
      try {
        for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
        // Asynchronously: a blocked event loop would leave the test server's keep-alive sockets half-closed.
        const out = await promisify(execFile)('Rscript', [join(dir, 'import.R'), dir], { encoding: 'utf8' });
        expect(out.stderr).toBe('');
        // A JKn run (the default) is reproduced with R's JKn replicates, the raked ones raked again.
        expect(out.stdout).not.toContain('(design weights)');
        for (const [scheme, label] of [['design_jkn', 'design weights, JKn'], ['raked_jkn', 'raked, JKn']]) {
          const line = out.stdout.split('\n').find((l) => l.includes(`(${label})`))!;
          const [p, se] = line.split('R = ')[1].trim().split(/\s+/).map(Number);
          expect(relative(p, national('sipas', scheme).p)).toBeLessThan(1e-9);
          expect(relative(se, national('sipas', scheme).se)).toBeLessThan(1e-9);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);
  });

  describe('permissions', () => {
    it('when nobody is signed in, then every download is refused with 401', async () => {
      for (const path of ['report.pdf', 'estimates.csv', 'estimates.xlsx', 'microdata.zip']) {
        expect([path, (await anonymous(app.url).get(`/api/runs/${run63}/${path}`)).status]).toEqual([path, 401]);
      }
    });

    it('when a province official exports microdata, then only their province\'s respondents come, and another province is refused with 403', async () => {
      const own = await official.get(`/api/runs/${run63}/microdata.zip`);
      expect(own.status).toBe(200);
      const csv = strFromU8(unzipSync(new Uint8Array(await own.arrayBuffer()))['microdata.csv']);
      const provinces = new Set(parseCsv(csv).slice(1).map((r) => r.fields[2]));
      expect([...provinces]).toEqual([QUANG_NINH]);
      expect((await official.get(`/api/runs/${run63}/microdata.zip?province=01`)).status).toBe(403);
      const audit = await app.db.selectFrom('audit_log').selectAll().where('actor_id', '=', official.user.id).where('action', '=', 'export').execute();
      expect(audit.map((a) => (a.details as { provinces: string[] }).provinces)).toContainEqual([QUANG_NINH]);
    });

    it('when a national role asks for one province, then it gets that province only', async () => {
      const res = await analyst.get(`/api/runs/${run63}/microdata.zip?province=01`);
      const csv = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['microdata.csv']);
      expect(new Set(parseCsv(csv).slice(1).map((r) => r.fields[2]))).toEqual(new Set(['01']));
    });

    it('when a province official downloads estimates, then province rows are only their own', async () => {
      const text = await (await official.get(`/api/runs/${run63}/estimates.csv`)).text();
      const provinceRows = parseCsv(text).slice(1).filter((r) => r.fields[1] === 'province');
      expect(new Set(provinceRows.map((r) => r.fields[2]))).toEqual(new Set([QUANG_NINH]));
    });

    it('when a province official asks for the report of an unpublished run, then it is refused; once published, it is allowed', async () => {
      expect((await official.get(`/api/runs/${run2025}/report.pdf`)).status).toBe(403);
      expect((await admin.put(`/api/runs/${run2025}/publication`)).status).toBe(200);
      expect((await official.get(`/api/runs/${run2025}/report.pdf`)).status).toBe(200);
      expect((await admin.delete(`/api/runs/${run2025}/publication`)).status).toBe(200);
    });

    it('when anyone but a national administrator (or one without the CSRF token) publishes, then it is refused', async () => {
      expect((await anonymous(app.url).put(`/api/runs/${run63}/publication`)).status).toBe(401);
      expect((await analyst.put(`/api/runs/${run63}/publication`)).status).toBe(403);
      expect((await official.put(`/api/runs/${run63}/publication`)).status).toBe(403);
      const noCsrf = await admin.put(`/api/runs/${run63}/publication`, undefined, { csrf: false });
      expect(noCsrf.status).toBe(403);
      expect((await noCsrf.json()).type).toBe('urn:sipas:problem:csrf');
      expect((await anonymous(app.url).get(`/api/open/runs/${run63}`)).status).toBe(404);
    });
  });

  describe('the open API', () => {
    let body: { run: { id: string }; minCellSize: number; disclosure: { withheld: { small_cell: number; secondary: number } }; estimates: PublicFigureRow[] };
    beforeAll(async () => {
      const published = await admin.put(`/api/runs/${run63}/publication`);
      expect(published.status).toBe(200);
      body = await (await anonymous(app.url).get(`/api/open/runs/${run63}`)).json();
    }, 300_000);

    it('when a run is published, then it is listed for anyone and its publication is audited with what it withholds', async () => {
      const list = await (await anonymous(app.url).get('/api/open/runs')).json();
      expect(list.minCellSize).toBe(30);
      expect(list.runs.map((r: { id: string }) => r.id)).toEqual([run63]);
      expect(list.runs[0]).toMatchObject({ wave: 'demo-2023', synthetic: true, notice: 'Dữ liệu mô phỏng (synthetic)', officialScheme: 'raked_jkn' });
      const audit = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'run_published').where('target', '=', `run:${run63}`).execute();
      expect(audit[0].actor_id).toBe(admin.user.id);
      expect((audit[0].details as { disclosure: unknown }).disclosure).toEqual(body.disclosure);
    });

    it('when anyone reads a published run, then cells under 30 respondents and the cells withheld to protect them carry no answer figure, and the others equal the run', async () => {
      expect(body.estimates.length).toBe(results.length);
      const small = body.estimates.filter((r) => r.n < 30);
      expect(small.length).toBeGreaterThan(0);
      const withheld = body.estimates.filter((r) => r.suppressed !== null);
      expect(withheld.filter((r) => r.suppressed === 'secondary').length).toBeGreaterThan(0);
      expect(new Set(small.map((r) => r.suppressed))).toEqual(new Set(['small_cell']));
      expect(body.disclosure.withheld.small_cell + body.disclosure.withheld.secondary).toBe(new Set(withheld.map((r) => `${r.domain_type}|${r.domain}|${r.indicator}`)).size);
      for (const r of withheld) {
        expect(r).toMatchObject({
          p: null, p_unweighted: null, se: null, ci_xlogit_lo: null, ci_xlogit_hi: null, ci_kg_lo: null, ci_kg_hi: null,
          deff: null, sum_w: null, kish_deff: null, kish_neff: null,
        });
      }
      const byKey = new Map(results.map((r) => [`${r.scheme}|${r.domain_type}|${r.domain}|${r.indicator}`, r]));
      for (const r of body.estimates.filter((x) => x.suppressed === null)) {
        const { suppressed: _s, ...figures } = r as PublicFigureRow & Record<string, unknown>;
        expect(figures).toEqual(byKey.get(`${r.scheme}|${r.domain_type}|${r.domain}|${r.indicator}`));
      }
      expect(JSON.stringify(body)).not.toMatch(/respondent_id|weight_final/);
    });

    it('when an attacker who knows every cell\'s weights and the regions solves every published relation, then no withheld proportion, weighted or not, is narrower than 10 points', async () => {
      const full = new Map(results.map((r) => [`${r.scheme}|${r.domain_type}|${r.domain}|${r.indicator}`, r]));
      const provinces = await app.db.selectFrom('provinces').select(['code', 'region_vi']).where('geography_code', '=', 'vn-63').execute();
      const regions: Record<string, string[]> = {};
      for (const p of provinces) (regions[p.region_vi ?? ''] ??= []).push(p.code);
      const composites = resolveIndicators(DEFAULT_INDEX_DEFINITION, new Set(statementNames(DEFAULT_INDEX_DEFINITION)), false)
        .filter((i): i is CompositeIndicator => i.kind === 'composite');
      const recovered = await attack({
        rows: body.estimates,
        weightOf: (scheme, key) => (full.get(`${scheme}|${key}`)?.sum_w as number | null) ?? null,
        kishOf: (scheme, key) => (full.get(`${scheme}|${key}`)?.kish_deff as number | null) ?? null,
        composites,
        regions,
      });
      expect(recovered.length).toBeGreaterThan(body.estimates.filter((r) => r.suppressed === 'small_cell').length);
      const narrow = recovered.filter((r) => r.hi - r.lo < 0.1);
      expect(narrow).toEqual([]);
    }, 300_000);

    it('when a national administrator previews a run, then the cells withheld, why and the intervals left are listed, the same as publishing stored', async () => {
      const preview = await (await admin.get(`/api/runs/${run63}/publication/preview`)).json();
      expect(preview.run).toMatchObject({ id: run63, wave: 'demo-2023', geography: 'vn-63' });
      expect(preview.source).toBe('published');
      expect(preview.audit).toMatchObject({ minCellSize: 30, minInterval: 0.1, ok: true, counts: body.disclosure.withheld });
      expect(preview.audit.narrowest.hi - preview.audit.narrowest.lo).toBeGreaterThanOrEqual(0.1);
      const withheld = body.estimates.filter((r) => r.suppressed !== null && r.scheme === body.estimates[0].scheme);
      expect(preview.audit.withheld.map((w: { domain: string; indicator: string; reason: string }) => `${w.domain}|${w.indicator}|${w.reason}`).sort())
        .toEqual(withheld.map((r) => `${r.domain}|${r.indicator}|${r.suppressed}`).sort());
      const fresh = await (await admin.get(`/api/runs/${run2025}/publication/preview`)).json();
      expect(fresh.source).toBe('preview');
      expect(fresh.audit.withheld[0]).toEqual({
        domain_type: expect.any(String), domain: expect.any(String), indicator: expect.any(String), n: expect.any(Number),
        reason: expect.stringMatching(/^(small_cell|secondary)$/),
        intervals: expect.arrayContaining([{ schemes: [], figure: 'p_unweighted', lo: expect.any(Number), hi: expect.any(Number) }]),
      });
      // Each withheld indicator comes with its name for the screen, never just its id.
      const ids = [...new Set<string>(preview.audit.withheld.map((w: { indicator: string }) => w.indicator))].sort();
      expect(Object.keys(preview.indicators).sort()).toEqual(ids);
      for (const id of ids) expect(preview.indicators[id].vi).not.toBe(id);
      if (ids.includes('elem_access')) expect(preview.indicators.elem_access).toEqual({ vi: 'Tiếp cận dịch vụ', en: expect.any(String) });
      expect((await analyst.get(`/api/runs/${run63}/publication/preview`)).status).toBe(403);
    }, 300_000);

    it('when a run is withdrawn and published again, then the same cells are withheld', async () => {
      expect((await admin.delete(`/api/runs/${run63}/publication`)).status).toBe(200);
      expect((await app.db.selectFrom('estimation_runs').select('disclosure').where('id', '=', run63).executeTakeFirstOrThrow()).disclosure).toBeNull();
      expect((await anonymous(app.url).get(`/api/open/runs/${run63}`)).status).toBe(404);
      expect((await admin.put(`/api/runs/${run63}/publication`)).status).toBe(200);
      const again = await (await anonymous(app.url).get(`/api/open/runs/${run63}`)).json();
      expect(again.estimates.map((r: PublicFigureRow) => r.suppressed)).toEqual(body.estimates.map((r) => r.suppressed));
    }, 300_000);
  });
});
