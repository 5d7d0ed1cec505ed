import { COMPARISON_COLUMNS, compareWaves } from '../estimation/compare';
import { loadGeography } from '../geography/provinces';
import { VARIANCE_METHODS } from '../estimation/types';
import { oneOf, parseOptions, required } from './arguments';
import type { Command } from './command';
import { estimateWave } from './estimate.command';
import { loadIndexDefinition } from './inputs';
import { OUTPUT_FORMATS, toCsv, writeResult } from './output';
import { HELP } from './help';

const OPTIONS = {
  a: { type: 'string' },
  b: { type: 'string' },
  'margins-a': { type: 'string' },
  'margins-b': { type: 'string' },
  variance: { type: 'string' },
  questionnaire: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const;

export const compareCommand: Command = {
  name: 'compare',
  ...HELP['compare'],
  async run(args, io) {
    const options = parseOptions(args, OPTIONS);
    const format = oneOf('format', options.format, OUTPUT_FORMATS, 'csv');
    const definition = await loadIndexDefinition(options.questionnaire);
    const variance = oneOf('variance', options.variance, VARIANCE_METHODS, 'linearisation');
    const geography = loadGeography();
    const waves = (['a', 'b'] as const).map((side) =>
      estimateWave(
        {
          input: required(side, options[side]),
          margins: options[`margins-${side}`],
          schemes: 'all',
          variance,
          items: false,
          by: [],
          geography: 'vn-63',
          definition,
        },
        geography,
        io,
      ),
    );
    // Only schemes both waves allow are compared: compareWaves pairs rows by scheme.
    const rows = compareWaves(waves[0].rows, waves[1].rows);
    const text = format === 'csv' ? toCsv(rows, COMPARISON_COLUMNS) : `${JSON.stringify({ results: rows })}\n`;
    writeResult(text, options.out, io);
    return 0;
  },
};
