import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../../server/csv/csv-records';
import { gridSize, TILE_GRIDS } from '../../../contracts/tile-grid';
import { meanInterval } from '../../../server/dashboard/headline';
import { rankRange } from '../../../server/dashboard/province.service';

function codes(file: string): string[] {
  const [header, ...records] = parseCsv(readFileSync(path.join(__dirname, '../../../server/geography/data', file), 'utf8'));
  const at = header.fields.indexOf('code');
  return records.map((r) => r.fields[at]).sort();
}

describe('the tile-grid maps', () => {
  it.each([['vn-63', 'provinces-63.csv', 63], ['vn-34', 'provinces-34.csv', 34]] as const)(
    'when the %s grid is laid out, then it has one tile for each of the code list\'s units and no two share a square',
    (geography, file, count) => {
      const grid = TILE_GRIDS[geography];
      expect(Object.keys(grid).sort()).toEqual(codes(file));
      expect(Object.keys(grid)).toHaveLength(count);
      const squares = new Set(Object.values(grid).map(([c, r]) => `${c},${r}`));
      expect(squares.size).toBe(count);
    },
  );

  it('when the grids are measured, then Vietnam stands taller than wide, Hà Nội north of Hồ Chí Minh, Cà Mau southernmost', () => {
    for (const grid of Object.values(TILE_GRIDS)) {
      const { columns, rows } = gridSize(grid);
      expect(rows).toBeGreaterThan(2 * columns);
      expect(grid['01'][1]).toBeLessThan(grid['79'][1]);
      expect(grid['96'][1]).toBe(rows - 1);
    }
  });
});

describe('headline and rank intervals', () => {
  it('when the mean of provinces has p, se and df, then its interval is p ± t(0.975, df)·se, clipped to [0, 1]', () => {
    const i = meanInterval({ p: 0.8, se: 0.01, df: 1000 })!;
    expect(i.lo).toBeCloseTo(0.8 - 1.962339 * 0.01, 5);
    expect(i.hi).toBeCloseTo(0.8 + 1.962339 * 0.01, 5);
    expect(meanInterval({ p: 0.99, se: 0.05, df: 30 })!.hi).toBe(1);
    expect(meanInterval({ p: null, se: null, df: 0 })).toBeNull();
  });

  it('when intervals overlap, then a unit\'s rank range spans the units whose interval is not wholly above or below its own', () => {
    const rows = [
      { domain: 'a', p: 0.9, ci_xlogit_lo: 0.88, ci_xlogit_hi: 0.92 },
      { domain: 'b', p: 0.8, ci_xlogit_lo: 0.75, ci_xlogit_hi: 0.85 },
      { domain: 'c', p: 0.78, ci_xlogit_lo: 0.70, ci_xlogit_hi: 0.86 },
      { domain: 'd', p: 0.6, ci_xlogit_lo: 0.55, ci_xlogit_hi: 0.65 },
      { domain: 'e', p: null, ci_xlogit_lo: null, ci_xlogit_hi: null },
    ];
    expect(rankRange(rows, 'a')).toEqual({ best: 1, worst: 1 });
    expect(rankRange(rows, 'b')).toEqual({ best: 2, worst: 3 });
    expect(rankRange(rows, 'c')).toEqual({ best: 2, worst: 3 });
    expect(rankRange(rows, 'd')).toEqual({ best: 4, worst: 4 });
    expect(rankRange(rows, 'e')).toBeNull();
  });
});
