/**
 * Tile-grid maps of Vietnam's provincial units: one square per unit, placed roughly where the unit lies
 * (column west → east, row north → south), for the 63 provinces (to 2024) and the 34 units (from 2025).
 * Positions are drawn for this project from the GSO code lists (server/geography/data); no tile overlaps
 * another. Pure data: the dashboard (client) and the report PDF (server) both read it.
 */
export type TileGeography = 'vn-63' | 'vn-34';

/** code → [column, row] */
export type TileGrid = Readonly<Record<string, readonly [number, number]>>;

const VN63: TileGrid = {
  // North-west and north-east
  '12': [1, 0], '10': [2, 0], '02': [3, 0], '04': [4, 0],
  '11': [0, 1], '15': [2, 1], '08': [3, 1], '06': [4, 1], '20': [5, 1],
  '14': [1, 2], '25': [2, 2], '19': [3, 2], '24': [4, 2], '22': [5, 2],
  // Red River Delta
  '17': [1, 3], '26': [2, 3], '01': [3, 3], '27': [4, 3], '30': [5, 3], '31': [6, 3],
  '35': [3, 4], '33': [4, 4], '34': [5, 4],
  '38': [2, 5], '37': [3, 5], '36': [4, 5],
  // North Central and Central coast
  '40': [2, 6], '42': [3, 7], '44': [3, 8], '45': [4, 9], '46': [4, 10],
  '49': [4, 11], '48': [5, 11], '62': [4, 12], '51': [5, 12],
  // Central Highlands and south-central coast
  '64': [4, 13], '52': [5, 13], '66': [4, 14], '54': [5, 14],
  '67': [3, 15], '68': [4, 15], '56': [5, 15],
  // South East
  '70': [2, 16], '75': [3, 16], '60': [4, 16], '58': [5, 16],
  '72': [1, 17], '74': [2, 17], '79': [3, 17], '77': [4, 17],
  // Mekong River Delta
  '89': [0, 18], '87': [1, 18], '80': [2, 18], '82': [3, 18],
  '91': [0, 19], '92': [1, 19], '86': [2, 19], '83': [3, 19],
  '93': [1, 20], '94': [2, 20], '84': [3, 20],
  '96': [0, 21], '95': [1, 21],
};

const VN34: TileGrid = {
  '12': [1, 0], '15': [2, 0], '08': [3, 0], '04': [4, 0],
  '11': [0, 1], '14': [1, 1], '25': [2, 1], '19': [3, 1], '20': [4, 1],
  '01': [2, 2], '24': [3, 2], '22': [4, 2],
  '37': [2, 3], '33': [3, 3], '31': [4, 3],
  '38': [2, 4], '40': [2, 5], '42': [3, 6], '44': [3, 7], '46': [4, 8],
  '48': [4, 9], '51': [4, 10], '52': [4, 11], '66': [4, 12],
  '68': [3, 13], '56': [4, 13],
  '80': [1, 14], '75': [2, 14],
  '91': [0, 15], '82': [1, 15], '79': [2, 15],
  '92': [1, 16], '86': [2, 16],
  '96': [1, 17],
};

export const TILE_GRIDS: Readonly<Record<TileGeography, TileGrid>> = { 'vn-63': VN63, 'vn-34': VN34 };

/** The grid's size in tiles. */
export function gridSize(grid: TileGrid): { columns: number; rows: number } {
  const cells = Object.values(grid);
  return { columns: Math.max(...cells.map((c) => c[0])) + 1, rows: Math.max(...cells.map((c) => c[1])) + 1 };
}

/** Five light-to-dark blues (after ColorBrewer "Blues"); the last two carry white text at a contrast of at least 4.5:1. */
export const TILE_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5', '#08519c'] as const;

/** Equal-width classes between the lowest and highest defined figure; the upper bounds of the first four. */
export function classBreaks(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return [1, 2, 3, 4].map((k) => lo + ((hi - lo) * k) / 5);
}

export function classOf(p: number, breaks: readonly number[]): number {
  const k = breaks.findIndex((b) => p < b);
  return k === -1 ? breaks.length : k;
}

/** Initials of a unit's name ("Hồ Chí Minh" → "HCM"), printed on its tile; the full name is in the label. */
export function initials(name: string): string {
  return name.split(/[\s-]+/).filter(Boolean).map((w) => w[0].toUpperCase()).join('').slice(0, 3);
}
