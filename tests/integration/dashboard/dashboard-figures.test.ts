import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { createDemo } from '../../../server/demo/demo.service';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { loginAs, type LoggedInAgent } from '../../support/users';
import { createWave } from '../../support/waves';

interface Row { scheme: string; domain_type: string; domain: string; indicator: string; p: number | null; se: number | null; df: number; n: number; flags: string[] }
interface Run { id: string; geography: string; schemes: string[]; status: string }

const key = (r: Row) => `${r.scheme} ${r.domain_type} ${r.domain} ${r.indicator}`;

describe.each(testDatabases)('dashboard figures are the stored runs\' figures on $name', (target) => {
  let app: TestApp;
  let analyst: LoggedInAgent;
  let official: LoggedInAgent;
  /** Stored rows of each wave's run on each geography, as GET /api/runs/:id gives them. */
  const stored = new Map<string, Row[]>();
  const runIds = new Map<string, string>();

  const storedRow = (wave: string, geography: string, scheme: string, domainType: string, domain: string, indicator: string) =>
    stored.get(`${wave} ${geography}`)!.find((r) => key(r) === `${scheme} ${domainType} ${domain} ${indicator}`)!;

  beforeAll(async () => {
    app = await startTestApp(target);
    await createDemo(app.db, { respondents: 3000 });
    analyst = await loginAs(app.url, app.db, { role: 'analyst' });
    official = await loginAs(app.url, app.db, { role: 'province_official', geography: 'vn-63', province: '01' });
    for (const wave of ['demo-2023', 'demo-2025']) {
      const { runs } = await (await analyst.get(`/api/waves/${wave}/runs`)).json() as { runs: Run[] };
      for (const run of runs) {
        runIds.set(`${wave} ${run.geography}`, run.id);
        stored.set(`${wave} ${run.geography}`, (await (await analyst.get(`/api/runs/${run.id}`)).json()).results);
      }
    }
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('when an analyst lists the waves, then draft and closed waves are there with their runs and response counts', async () => {
    const draft = await createWave(app.db, { status: 'draft', year: 2026, geographyCode: 'vn-34' });
    const { waves } = await (await analyst.get('/api/dashboard/waves')).json();
    expect(waves.map((w: { id: string }) => w.id)).toEqual(expect.arrayContaining(['demo-2023', 'demo-2025', draft.id]));
    const old = waves.find((w: { id: string }) => w.id === 'demo-2023');
    expect(old).toMatchObject({ status: 'closed', isSynthetic: true, geography: 'vn-63' });
    expect(old.responseCount).toBeGreaterThan(2000);
    expect(old.runs.map((r: Run) => r.geography).sort()).toEqual(['vn-34', 'vn-63']);
    expect(waves.find((w: { id: string }) => w.id === draft.id)).toMatchObject({ status: 'draft', responseCount: 0, runs: [] });
  });

  it('when the 2023 wave is shown on its 63 provinces, then every national and mean-of-provinces figure is the raked row of the stored run', async () => {
    const overview = await (await analyst.get('/api/dashboard/waves/demo-2023/overview')).json();
    expect(overview).toMatchObject({ geography: 'vn-63', reestimated: false, scheme: 'raked_jkn', run: { id: runIds.get('demo-2023 vn-63') }, comparison: null });
    const runRows = stored.get('demo-2023 vn-63')!.filter((r) => r.scheme === 'raked_jkn');
    expect(overview.national).toEqual(runRows.filter((r) => r.domain_type === 'national'));
    expect(overview.meanOfProvinces).toEqual(runRows.filter((r) => r.domain_type === 'national_mean_of_provinces'));
    expect(overview.breakdowns).toEqual(runRows.filter((r) => ['sex', 'age_group', 'region'].includes(r.domain_type)));
    expect(overview.national.map((r: Row) => r.indicator)).toEqual(expect.arrayContaining(['sipas', 'policy', 'service', 'overall', 'elem_access']));
    expect(overview.indicators.slice(0, 3).map((i: { id: string }) => i.id)).toEqual(['sipas', 'policy', 'service']);
  });

  it('when the 2023 wave is switched to the 34 units, then the national figure is the same and the mean is over the 34 re-estimated units', async () => {
    const old = await (await analyst.get('/api/dashboard/waves/demo-2023/overview')).json();
    const now = await (await analyst.get('/api/dashboard/waves/demo-2023/overview?geography=vn-34')).json();
    expect(now).toMatchObject({ geography: 'vn-34', reestimated: true, run: { id: runIds.get('demo-2023 vn-34') } });
    const sipas = (o: { national: Row[] }) => o.national.find((r) => r.indicator === 'sipas')!;
    expect(sipas(now).p).toBeCloseTo(sipas(old).p!, 12);
    expect(now.meanOfProvinces.find((r: Row) => r.indicator === 'sipas')).toEqual(storedRow('demo-2023', 'vn-34', 'raked_jkn', 'national_mean_of_provinces', 'NATIONAL_MEAN_OF_PROVINCES', 'sipas'));
    const rankings = await (await analyst.get('/api/dashboard/waves/demo-2023/rankings?geography=vn-34')).json();
    expect(rankings.provinces).toHaveLength(34);
    expect(rankings.regionRule).toBe('admin_centre');
    expect(rankings.provinces.find((u: { code: string }) => u.code === '52').region).toBe('Bắc Trung Bộ và Duyên hải miền Trung');
  });

  it('when the 2025 wave is compared with 2023, then it is on the 34 units and Δ, SE, df, t and p follow METHOD.md §5 from the stored rows', async () => {
    const overview = await (await analyst.get('/api/dashboard/waves/demo-2025/overview')).json();
    expect(overview.comparison).toMatchObject({
      previousWave: { id: 'demo-2023' }, geography: 'vn-34', acrossReorganisation: true, scheme: 'raked_jkn',
      currentRunId: runIds.get('demo-2025 vn-34'), previousRunId: runIds.get('demo-2023 vn-34'), missingRun: null,
    });
    for (const indicator of ['sipas', 'policy', 'service']) {
      for (const [type, domain] of [['national', 'NATIONAL'], ['national_mean_of_provinces', 'NATIONAL_MEAN_OF_PROVINCES']]) {
        const a = storedRow('demo-2023', 'vn-34', 'raked_jkn', type, domain, indicator);
        const b = storedRow('demo-2025', 'vn-34', 'raked_jkn', type, domain, indicator);
        const change = overview.changes.find((c: { domain_type: string; indicator: string }) => c.domain_type === type && c.indicator === indicator);
        const se = Math.sqrt(a.se! ** 2 + b.se! ** 2);
        const df = a.df + b.df;
        const t = (b.p! - a.p!) / se;
        const p = 2 * tCdf(-Math.abs(t), df);
        expect(change.p_a).toBe(a.p);
        expect(change.p_b).toBe(b.p);
        expect(change.diff).toBeCloseTo(b.p! - a.p!, 14);
        expect(change.se_diff).toBeCloseTo(se, 14);
        expect(change.df).toBe(df);
        expect(change.t).toBeCloseTo(t, 10);
        expect(change.p_value_t).toBeCloseTo(p, 12);
        expect(change.ci_diff_lo).toBeCloseTo(b.p! - a.p! - tQuantile(0.975, df) * se, 12);
        expect(change.significant).toBe(p < 0.05);
      }
    }
  });

  it('when the 2025 overview is read, then its headline is the mean of provinces with p ± t·se, its change, the top and bottom five and the five service elements', async () => {
    const { headline } = await (await analyst.get('/api/dashboard/waves/demo-2025/overview')).json();
    const mean = storedRow('demo-2025', 'vn-34', 'raked_jkn', 'national_mean_of_provinces', 'NATIONAL_MEAN_OF_PROVINCES', 'sipas');
    const half = tQuantile(0.975, mean.df) * mean.se!;
    expect(headline).toMatchObject({ indicator: 'sipas', provinces: 34 });
    expect(headline.figure.mean).toEqual(mean);
    expect(headline.figure.meanInterval.lo).toBeCloseTo(mean.p! - half, 14);
    expect(headline.figure.meanInterval.hi).toBeCloseTo(mean.p! + half, 14);
    expect(headline.figure.weighted).toEqual(storedRow('demo-2025', 'vn-34', 'raked_jkn', 'national', 'NATIONAL', 'sipas'));
    const before = storedRow('demo-2023', 'vn-34', 'raked_jkn', 'national_mean_of_provinces', 'NATIONAL_MEAN_OF_PROVINCES', 'sipas');
    expect(headline.figure.meanChange.diff).toBeCloseTo(mean.p! - before.p!, 14);
    expect(headline.figure.meanChange.domain_type).toBe('national_mean_of_provinces');

    const provinces = stored.get('demo-2025 vn-34')!.filter((r) => r.scheme === 'raked_jkn' && r.domain_type === 'province' && r.indicator === 'sipas')
      .sort((a, b) => b.p! - a.p!);
    expect(headline.top.map((u: { code: string }) => u.code)).toEqual(provinces.slice(0, 5).map((r) => r.domain));
    expect(headline.bottom.map((u: { code: string }) => u.code)).toEqual(provinces.slice(-5).reverse().map((r) => r.domain));
    expect(headline.top[0]).toMatchObject({ rank: 1, of: 34 });
    expect(headline.bottom[0]).toMatchObject({ rank: 34, of: 34 });
    expect(headline.top.every((u: { nameVi: string; code: string }) => u.nameVi !== u.code)).toBe(true);

    expect(headline.elements).toHaveLength(5);
    for (const e of headline.elements) {
      expect(e.indicator).toMatch(/^elem_/);
      expect(e.mean).toEqual(storedRow('demo-2025', 'vn-34', 'raked_jkn', 'national_mean_of_provinces', 'NATIONAL_MEAN_OF_PROVINCES', e.indicator));
      expect(e.weighted).toEqual(storedRow('demo-2025', 'vn-34', 'raked_jkn', 'national', 'NATIONAL', e.indicator));
    }
  });

  it('when the 2025 rankings are read, then 34 units are ranked by their stored figure and each rank change carries its test', async () => {
    const r = await (await analyst.get('/api/dashboard/waves/demo-2025/rankings')).json();
    expect(r).toMatchObject({ total: 34, restricted: false, indicator: 'sipas', comparison: { geography: 'vn-34', previousWave: { id: 'demo-2023' } } });
    expect(r.provinces).toHaveLength(34);
    const byRank = [...r.provinces].sort((x, y) => x.rank - y.rank);
    expect(byRank.map((u) => u.rank)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    for (let i = 1; i < byRank.length; i++) expect(byRank[i - 1].row.p).toBeGreaterThan(byRank[i].row.p);
    const previous = await (await analyst.get('/api/dashboard/waves/demo-2023/rankings?geography=vn-34')).json();
    for (const u of r.provinces) {
      expect(u.row).toEqual(storedRow('demo-2025', 'vn-34', 'raked_jkn', 'province', u.code, 'sipas'));
      const before = previous.provinces.find((x: { code: string }) => x.code === u.code);
      expect(u.previousRank).toBe(before.rank);
      expect(u.rankChange).toBe(before.rank - u.rank);
      expect(u.change.diff).toBeCloseTo(u.row.p - before.row.p, 14);
      // The test recomputed from the two stored rows, not read back from the answer.
      const se = Math.sqrt(u.row.se ** 2 + before.row.se ** 2);
      const p = 2 * tCdf(-Math.abs((u.row.p - before.row.p) / se), u.row.df + before.row.df);
      expect(u.change.p_value_t).toBeCloseTo(p, 12);
      expect(u.change.significant).toBe(p < 0.05);
    }
    const r63 = await (await analyst.get('/api/dashboard/waves/demo-2023/rankings?indicator=elem_staff')).json();
    expect(r63.provinces).toHaveLength(63);
    expect(r63.regions).toHaveLength(6);
    expect(r63.provinces.every((u: { row: Row }) => u.row.indicator === 'elem_staff')).toBe(true);
  });

  it('when a unit\'s page is read, then its figures, national figures and trend are the stored rows, and its breakdowns are the national ones', async () => {
    const d = await (await analyst.get('/api/dashboard/waves/demo-2025/provinces/08')).json();
    expect(d.province).toMatchObject({ code: '08', nameVi: 'Tuyên Quang', members: ['02', '08'] });
    const rows = stored.get('demo-2025 vn-34')!.filter((r) => r.scheme === 'raked_jkn');
    expect(d.figures).toEqual(rows.filter((r) => r.domain_type === 'province' && r.domain === '08'));
    expect(d.breakdowns.length).toBeGreaterThan(0);
    expect(d.breakdowns.every((r: Row) => r.domain_type === 'sex' || r.domain_type === 'age_group')).toBe(true);
    expect(d.breakdowns).toEqual(rows.filter((r) => r.domain_type === 'sex' || r.domain_type === 'age_group'));
    expect(d.ranks.find((x: { indicator: string }) => x.indicator === 'sipas').of).toBe(34);
    expect(d.members).toEqual([{ code: '02', nameVi: 'Hà Giang', nameEn: 'Ha Giang' }, { code: '08', nameVi: 'Tuyên Quang', nameEn: 'Tuyen Quang' }]);
    const range = d.ranks.find((x: { indicator: string }) => x.indicator === 'sipas').range;
    const rank = d.ranks.find((x: { indicator: string }) => x.indicator === 'sipas').rank;
    expect(range.best).toBeLessThanOrEqual(rank);
    expect(range.worst).toBeGreaterThanOrEqual(rank);
    expect(d.changes.find((c: { indicator: string }) => c.indicator === 'sipas').p_a).toBe(storedRow('demo-2023', 'vn-34', 'raked_jkn', 'province', '08', 'sipas').p);
    expect(d.trend.map((p: { wave: { id: string } }) => p.wave.id)).toEqual(['demo-2023', 'demo-2025']);
    expect(d.trend[0].province.find((r: Row) => r.indicator === 'sipas')).toEqual(storedRow('demo-2023', 'vn-34', 'raked_jkn', 'province', '08', 'sipas'));

    const old = await (await official.get('/api/dashboard/waves/demo-2023/provinces/01')).json();
    expect(old.trend.map((p: { wave: { id: string }; run: unknown }) => [p.wave.id, p.run !== null])).toEqual([['demo-2023', true], ['demo-2025', false]]);
  });

  it('when perceptions are read, then each share is Σw of the answer over Σw of those who answered, with n, nationally and for a merged unit', async () => {
    const national = await (await analyst.get('/api/dashboard/waves/demo-2023/perceptions')).json();
    expect(national.weighting).toBe('base_weight');
    expect(national.questions.map((q: { name: string }) => q.name)).toEqual(['harassment', 'informal_payments', 'preferred_service_channel', 'preferred_policy_channel', 'priorities']);
    const responses = await app.db.selectFrom('responses').select(['province_code', 'base_weight', 'answers'])
      .where('wave_id', '=', 'demo-2023').where('status', '=', 'complete').execute();
    const expected = (keep: (p: string) => boolean, pick: (a: Record<string, unknown>) => unknown, value: string) => {
      const answered = responses.filter((r) => keep(r.province_code) && pick(r.answers) !== undefined);
      const w = (rs: typeof answered) => rs.reduce((s, r) => s + (r.base_weight ?? 1), 0);
      return { n: answered.length, share: w(answered.filter((r) => pick(r.answers) === value)) / w(answered) };
    };
    const harassment = national.questions[0].rows[0];
    const some = expected(() => true, (a) => a.harassment, 'some');
    expect(harassment.n).toBe(some.n);
    expect(harassment.shares.find((s: { value: string }) => s.value === 'some').share).toBeCloseTo(some.share, 12);
    expect(harassment.shares.reduce((s: number, x: { share: number }) => s + x.share, 0)).toBeCloseTo(1, 12);

    const unit = await (await analyst.get('/api/dashboard/waves/demo-2023/perceptions?geography=vn-34&province=08')).json();
    const digital = unit.questions.find((q: { name: string }) => q.name === 'priorities').rows.find((r: { value: string }) => r.value === 'digital_services');
    const much = expected((p) => p === '02' || p === '08', (a) => (a.priorities as Record<string, unknown> | undefined)?.digital_services, 'much_more');
    expect(digital.n).toBe(much.n);
    expect(digital.shares.find((s: { value: string }) => s.value === 'much_more').share).toBeCloseTo(much.share, 12);
  });

  it('when a wave has no run on the asked units, then the answer says so and who may start one', async () => {
    const wave = await createWave(app.db, { status: 'open', year: 2024, geographyCode: 'vn-63' });
    const forAnalyst = await (await analyst.get(`/api/dashboard/waves/${wave.id}/overview`)).json();
    expect(forAnalyst).toMatchObject({ run: null, scheme: null, canStartRun: true, national: [], changes: [] });
    const forOfficial = await (await official.get(`/api/dashboard/waves/${wave.id}/rankings`)).json();
    expect(forOfficial).toMatchObject({ run: null, canStartRun: false, provinces: [] });
    const started = await analyst.post(`/api/waves/${wave.id}/runs`, { geography: 'vn-34' });
    expect(started.status).toBe(409);
  });
});
