import { DEFAULT_INDEX_DEFINITION } from '../../../server/estimation/default-index';
import type { EstimateRow } from '../../../server/estimation/types';
import type { ReportData } from '../../../server/reports/report-data';
import { rankChange } from '../../../server/reports/sections/rankings';
import { headlineIndicator, summarise } from '../../../server/reports/report-summary';

function row(domainType: string, domain: string, p: number, se: number, overrides: Partial<EstimateRow> = {}): EstimateRow {
  return {
    scheme: 'raked', domain_type: domainType, domain, indicator: 'sipas', n: 600, n_psu: 60, df: 58, sum_w: null, p_unweighted: null,
    p, se, ci_xlogit_lo: p - 2 * se, ci_xlogit_hi: p + 2 * se, ci_kg_lo: null, ci_kg_hi: null, deff: null, kish_deff: null, kish_neff: null,
    flags: [], ...overrides,
  };
}

function data(rows: EstimateRow[], previous: EstimateRow[] | null): ReportData {
  return {
    run: {} as ReportData['run'], wave: {} as ReportData['wave'], definition: DEFAULT_INDEX_DEFINITION, scheme: 'raked', rows,
    provinces: [{ code: '01', name: 'Hà Nội', region: 'Đồng bằng sông Hồng' }, { code: '22', name: 'Quảng Ninh', region: 'Đồng bằng sông Hồng' }, { code: '06', name: 'Bắc Kạn', region: 'Trung du và miền núi phía Bắc' }],
    previous: previous && { wave: {} as ReportData['wave'], run: {} as ReportData['run'], rows: previous },
    trend: [], perceptions: null, perceptionsMatchRun: true, generatedAt: new Date(0),
  };
}

describe('the report summary', () => {
  it('leads with the SIPAS composite', () => {
    expect(headlineIndicator(DEFAULT_INDEX_DEFINITION)).toBe('sipas');
  });

  it('when provinces moved, then only changes the t test calls significant count as moves, in ranks and in the counts', () => {
    const now = [row('national', 'NATIONAL', 0.83, 0.004), row('province', '01', 0.80, 0.01), row('province', '22', 0.90, 0.01), row('province', '06', 0.75, 0.01)];
    const before = [row('national', 'NATIONAL', 0.82, 0.004), row('province', '01', 0.70, 0.01), row('province', '22', 0.89, 0.01), row('province', '06', 0.76, 0.01)];
    const summary = summarise(data(now, before));
    expect(summary.standings.map((s) => [s.province.name, s.rank, s.previousRank])).toEqual([['Quảng Ninh', 1, 1], ['Hà Nội', 2, 3], ['Bắc Kạn', 3, 2]]);
    expect(summary.standings.map(rankChange)).toEqual(['≈', '+1', '≈']);
    expect(summary.movement).toEqual({ upSignificant: 1, upNotSignificant: 1, downSignificant: 0, downNotSignificant: 1, notCompared: 0 });
    expect(summary.nationalChange.get('sipas')!.diff).toBeCloseTo(0.01, 12);
  });

  it('when there is no previous wave, then nothing is compared', () => {
    const summary = summarise(data([row('national', 'NATIONAL', 0.83, 0.004), row('province', '01', 0.8, 0.01)], null));
    expect(summary.nationalChange.size).toBe(0);
    expect(summary.movement.notCompared).toBe(1);
    expect(rankChange(summary.standings[0])).toBe('–');
  });
});
