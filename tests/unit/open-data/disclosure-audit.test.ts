import type { CompositeIndicator } from '../../../server/estimation/indicators';
import type { EstimateRow } from '../../../server/estimation/types';
import { auditDisclosure, type DisclosureAudit } from '../../../server/open-data/disclosure-audit';
import { buildDisclosureModel, cellKey, DisclosureModelError } from '../../../server/open-data/disclosure-model';
import { publicRows } from '../../../server/open-data/public-figures';
import { withheldCells } from '../../../server/open-data/publication.service';
import { constructedRun, type ProvinceSpec } from '../../support/constructed-run';
import { attack } from '../../support/disclosure-adversary';

const MIN_N = 30;

async function audited(provinces: ProvinceSpec[], options: Parameters<typeof constructedRun>[1] = {}) {
  const run = constructedRun(provinces, options);
  const model = buildDisclosureModel({ rows: run.rows, indicators: run.indicators, provinceGroups: { region: run.regions } });
  const audit = await auditDisclosure(model, { minCellSize: MIN_N });
  return { ...run, audit, reasons: new Map(audit.withheld.map((w) => [`${w.domain}|${w.indicator}`, w.reason])) };
}

/** The independent attacker's intervals for every withheld proportion of the public rows. */
async function attacked(rows: EstimateRow[], audit: DisclosureAudit, composites: CompositeIndicator[], regions: Record<string, string[]>) {
  const weights = new Map(rows.map((r) => [cellKey(r), r.sum_w]));
  return attack({
    rows: publicRows(rows, withheldCells(audit)),
    weightOf: (_scheme, key) => weights.get(key) ?? null,
    composites,
    regions: Object.keys(regions).length ? regions : undefined,
  });
}

const narrowest = (intervals: { lo: number; hi: number }[]) => Math.min(...intervals.map((i) => i.hi - i.lo));
const auditIntervals = (audit: DisclosureAudit) => audit.withheld.flatMap((w) => w.intervals);

const province = (code: string, n: number, w: number, p: number, region?: string): ProvinceSpec => ({ code, n, w, p: { overall: p }, region });

describe('the disclosure audit', () => {
  it('when one province is small and only the national figure links provinces, then the next smallest is withheld too and neither can be narrowed below 10 points', async () => {
    const { rows, audit, reasons } = await audited([
      province('A', 12, 1000, 0.5), province('B', 40, 3000, 0.6), province('C', 300, 5000, 0.7), province('D', 400, 8000, 0.4),
    ], { mean: false });
    expect(reasons).toEqual(new Map([['A|overall', 'small_cell'], ['B|overall', 'secondary']]));
    expect(audit.ok).toBe(true);
    expect(narrowest(auditIntervals(audit))).toBeGreaterThanOrEqual(0.1);
    expect(narrowest(await attacked(rows, audit, [], {}))).toBeGreaterThanOrEqual(0.1);
  });

  it('when the mean of provinces is published as well, then two withheld provinces are solvable from it and the national figure, so a third is withheld', async () => {
    const { rows, audit, reasons } = await audited([
      province('A', 12, 1000, 0.5), province('B', 40, 3000, 0.6), province('C', 50, 5000, 0.7), province('D', 400, 8000, 0.4),
      province('E', 500, 9000, 0.55),
    ]);
    expect(reasons).toEqual(new Map([['A|overall', 'small_cell'], ['B|overall', 'secondary'], ['C|overall', 'secondary']]));
    expect(audit.ok).toBe(true);
    expect(narrowest(await attacked(rows, audit, [], {}))).toBeGreaterThanOrEqual(0.1);
  });

  it('when an element is small in a province whose composite is published, then the composite no longer gives it away, nor does the national element', async () => {
    const composite: CompositeIndicator = { kind: 'composite', name: 'service', parts: [{ name: 'elem_a', coefficient: 0.5 }, { name: 'elem_b', coefficient: 0.5 }] };
    const spec = (code: string, w: number, a: number, b: number, nA: number): ProvinceSpec => ({ code, w, p: { elem_a: a, elem_b: b }, n: { elem_a: nA, elem_b: 150 } });
    const { rows, audit, reasons } = await audited([
      spec('A', 1000, 0.5, 0.6, 12), spec('B', 3000, 0.6, 0.5, 120), spec('C', 5000, 0.4, 0.7, 130), spec('D', 8000, 0.55, 0.45, 140),
    ], { composites: [composite] });
    expect(reasons.get('A|elem_a')).toBe('small_cell');
    expect(reasons.has('A|elem_b') || reasons.has('A|service')).toBe(true);
    expect([...reasons.keys()].filter((k) => k.endsWith('|elem_a')).length).toBeGreaterThanOrEqual(3);
    expect(audit.ok).toBe(true);
    expect(narrowest(await attacked(rows, audit, [composite], {}))).toBeGreaterThanOrEqual(0.1);
  });

  it('when regions are published, then no region is left with a single withheld province (its region figure would give it away)', async () => {
    const { rows, audit, regions } = await audited([
      province('A', 12, 1000, 0.5, 'North'), province('B', 210, 3000, 0.6, 'North'), province('C', 220, 5000, 0.7, 'North'), province('G', 230, 4000, 0.62, 'North'),
      province('D', 100, 8000, 0.4, 'South'), province('E', 110, 9000, 0.55, 'South'), province('F', 120, 7000, 0.45, 'South'),
    ]);
    const withheldIn = (region: string) => audit.withheld.filter((w) => regions[region].includes(w.domain) && w.domain_type === 'province').length;
    expect(withheldIn('North')).toBeGreaterThanOrEqual(2);
    expect(withheldIn('South')).not.toBe(1);
    expect(audit.ok).toBe(true);
    expect(narrowest(await attacked(rows, audit, [], regions))).toBeGreaterThanOrEqual(0.1);
  });

  it('when a small province sits next to a much larger one, then the larger one\'s unweighted share is narrowed by the few respondents alone, so a third is withheld', async () => {
    // 12 respondents in A move B's count share by at most 12/200 = 6 points.
    const { rows, audit, reasons } = await audited([
      province('A', 12, 1000, 0.5), province('B', 200, 3000, 0.6), province('C', 300, 5000, 0.7), province('D', 400, 8000, 0.4),
    ], { mean: false });
    expect(reasons).toEqual(new Map([['A|overall', 'small_cell'], ['B|overall', 'secondary'], ['C|overall', 'secondary']]));
    expect(narrowest(await attacked(rows, audit, [], {}))).toBeGreaterThanOrEqual(0.1);
  });

  it('when the same run is audited twice, then the same cells are withheld', async () => {
    const provinces = [province('A', 12, 1000, 0.5), province('B', 200, 3000, 0.6), province('C', 300, 5000, 0.7), province('D', 400, 8000, 0.4), province('E', 13, 900, 0.2)];
    expect((await audited(provinces)).audit).toEqual((await audited(provinces)).audit);
  });

  it('when only small cells were withheld, then the attacker recovers them exactly (the attack the audit defends against works)', async () => {
    const { rows } = constructedRun([province('A', 12, 1000, 0.5), province('B', 200, 3000, 0.6), province('C', 300, 5000, 0.7)]);
    const primaryOnly: DisclosureAudit = { minCellSize: MIN_N, minInterval: 0.1, ok: true, solves: 0, withheld: [{ domain_type: 'province', domain: 'A', indicator: 'overall', n: 12, reason: 'small_cell', intervals: [] }] };
    const recovered = await attacked(rows, primaryOnly, [], {});
    expect(recovered.find((r) => r.system === 'design')).toMatchObject({ lo: expect.closeTo(0.5, 9), hi: expect.closeTo(0.5, 9) });
    expect(recovered.find((r) => r.system === 'unweighted')).toMatchObject({ lo: 6 / 12, hi: 6 / 12 });
  });

  it('when the regions given do not match the run\'s figures, then the model refuses rather than audit another system', () => {
    const { rows, indicators } = constructedRun([
      province('A', 12, 1000, 0.5, 'North'), province('B', 200, 3000, 0.6, 'North'), province('C', 300, 5000, 0.7, 'South'),
    ]);
    expect(() => buildDisclosureModel({ rows, indicators, provinceGroups: { region: { North: ['A'], South: ['B', 'C'] } } }))
      .toThrow(DisclosureModelError);
  });
});
