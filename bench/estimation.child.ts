/**
 * One measurement of the estimation engine, run in its own process so that its peak memory is its own:
 * `tsx bench/estimation.child.ts RESPONDENTS [--overall-only] [--variance jkn] [--csv-dir DIR]` prints one JSON line.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { DEFAULT_INDEX_DEFINITION } from '../server/estimation/default-index';
import { estimate } from '../server/estimation/estimate';
import { syntheticWave } from './synthetic-wave';
import { writeWaveCsv } from './wave-csv';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'overall-only': { type: 'boolean' }, 'csv-dir': { type: 'string' }, variance: { type: 'string' } },
});
const respondents = Number(positionals[0]);
const csvDir = values['csv-dir'] ?? null;
// With --overall-only, the single indicator R is timed on (R takes too long for all of them).
const definition = values['overall-only']
  ? { ...DEFAULT_INDEX_DEFINITION, elements: [], composites: [] }
  : DEFAULT_INDEX_DEFINITION;

const generationStart = performance.now();
const { columns, margins } = syntheticWave(respondents);
const generationSeconds = (performance.now() - generationStart) / 1000;

const run = () => {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const variance = values.variance === 'jkn' ? 'jkn' : 'linearisation';
  const rows = estimate(columns, { definition, margins, variance });
  const cpu = process.cpuUsage(cpuStart);
  return {
    seconds: (performance.now() - start) / 1000,
    // CPU time is less disturbed than wall time when other work shares the machine.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rows: rows.length,
    indicators: new Set(rows.map((r) => r.indicator)).size,
  };
};
const first = run();
// A second run shows the cost once the JIT has compiled the hot loops (a long-lived server's case).
const warm = respondents <= 1_000_000 ? run().seconds : null;
if (csvDir) writeWaveCsv(columns, margins, join(csvDir, 'microdata.csv'), join(csvDir, 'margins.csv'));

process.stdout.write(
  `${JSON.stringify({
    respondents,
    psus: columns.psuCount,
    strata: columns.strata.length,
    provinces: columns.province.levels.length,
    indicators: first.indicators,
    rows: first.rows,
    generationSeconds,
    seconds: first.seconds,
    cpuSeconds: first.cpuSeconds,
    warmSeconds: warm,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
