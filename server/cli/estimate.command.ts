import { collapseEmptyCells, type CollapsedCell } from '../estimation/cell-collapsing';
import { availableSchemes, estimate } from '../estimation/estimate';
import { ESTIMATE_COLUMNS, SCHEMES, VARIANCE_METHODS, type EstimateRow, type SurveyColumns, type VarianceMethod, type Weighting } from '../estimation/types';
import { loadGeography, type Geography } from '../geography/provinces';
import type { IndexDefinition } from '../surveys/index-definition';
import { oneOf, parseOptions, required } from './arguments';
import { UsageError, type CliIo, type Command } from './command';
import { loadIndexDefinition, loadMargins, loadMicrodata, provincesToVn34, withRegion } from './inputs';
import { OUTPUT_FORMATS, toCsv, writeResult } from './output';
import { Progress } from './progress';
import { HELP } from './help';

const OPTIONS = {
  input: { type: 'string' },
  margins: { type: 'string' },
  scheme: { type: 'string' },
  variance: { type: 'string' },
  items: { type: 'boolean' },
  by: { type: 'string' },
  geography: { type: 'string' },
  questionnaire: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const;

/** What one wave's estimation needs from the command line, shared with `compare`. */
export interface WaveRequest {
  input: string;
  margins?: string;
  schemes: 'all' | Weighting;
  /** Linearised or JKn replicate standard errors (schemes then named `design_jkn`, `raked_jkn`). */
  variance: VarianceMethod;
  items: boolean;
  by: string[];
  geography: 'vn-63' | 'vn-34';
  definition: IndexDefinition;
}

/**
 * Reads, validates and estimates one wave. Margin levels nobody in a province answered are collapsed into the
 * nearest level before raking, as stored runs do, and each collapsed cell is named on stderr.
 */
export function estimateWave(
  request: WaveRequest,
  geography: Geography,
  io: CliIo,
): { rows: EstimateRow[]; columns: SurveyColumns; collapsed: CollapsedCell[] } {
  const readProgress = new Progress(io, `Đọc/reading ${request.input}`);
  let columns = loadMicrodata(request.input, request.definition, request.by, geography, readProgress);
  if (request.by.includes('region') && !columns.categorical.region) columns = withRegion(columns, geography, request.input);
  const loadedMargins = request.margins ? loadMargins(request.margins, columns, geography) : null;
  const collapsing = loadedMargins ? collapseEmptyCells(columns, loadedMargins) : null;
  const margins = collapsing ? collapsing.margins : null;
  for (const cell of collapsing?.collapsed ?? []) io.stderr.write(`${request.input}: ${cell.vi} / ${cell.en}\n`);
  const schemes = request.schemes === 'all' ? availableSchemes(columns, margins, request.variance) : [request.schemes];
  const estimateProgress = new Progress(io, `Ước lượng/estimating ${request.input}`);
  estimateProgress.rowsSeen(columns.rowCount);
  const rows = estimate(columns, {
    definition: request.definition,
    schemes,
    variance: request.variance,
    onNotice: (notice) => io.stderr.write(`${notice.scheme}: ${notice.vi} / ${notice.en}\n`),
    includeItems: request.items,
    by: request.by,
    margins,
    provinceUnits: request.geography === 'vn-34' ? provincesToVn34(columns, geography, request.input) : undefined,
    onProgress: (done, total) => estimateProgress.update(done / total),
  });
  estimateProgress.done();
  return { rows, columns, collapsed: collapsing?.collapsed ?? [] };
}

export const estimateCommand: Command = {
  name: 'estimate',
  ...HELP['estimate'],
  async run(args, io) {
    const options = parseOptions(args, OPTIONS);
    const format = oneOf('format', options.format, OUTPUT_FORMATS, 'csv');
    const request: WaveRequest = {
      input: required('input', options.input),
      margins: options.margins,
      schemes: oneOf('scheme', options.scheme, ['all', ...SCHEMES], 'all'),
      variance: oneOf('variance', options.variance, VARIANCE_METHODS, 'linearisation'),
      items: options.items ?? false,
      by: parseBy(options.by),
      geography: oneOf('geography', options.geography, ['vn-63', 'vn-34'] as const, 'vn-63'),
      definition: await loadIndexDefinition(options.questionnaire),
    };
    const { rows, columns, collapsed } = estimateWave(request, loadGeography(), io);
    const text =
      format === 'csv'
        ? toCsv(rows, ESTIMATE_COLUMNS)
        : `${JSON.stringify({ meta: meta(request, columns, rows, collapsed), results: rows })}\n`;
    writeResult(text, options.out, io);
    return 0;
  },
};

function parseBy(value: string | undefined): string[] {
  if (!value) return [];
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const reserved = names.find((n) => n === 'province' || n === 'national' || n === 'national_mean_of_provinces');
  if (reserved) {
    throw new UsageError(`--by không nhận "${reserved}" (đã có sẵn)`, `--by cannot take "${reserved}" (always estimated)`);
  }
  return [...new Set(names)];
}

function meta(request: WaveRequest, columns: SurveyColumns, rows: EstimateRow[], collapsed: CollapsedCell[]) {
  return {
    input: request.input,
    margins: request.margins ?? null,
    geography: request.geography,
    rows: columns.rowCount,
    strata: columns.strata.length,
    psus: columns.psuCount,
    schemes: [...new Set(rows.map((r) => r.scheme))],
    indicators: [...new Set(rows.map((r) => r.indicator))],
    variance: request.variance,
    collapsed_cells: collapsed.map(({ province, variable, level, into, total }) => ({ province, variable, level, into, total })),
    lonely_psu: 'adjust',
    level: 0.95,
  };
}
