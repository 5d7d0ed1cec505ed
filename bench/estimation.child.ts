/**
 * One measurement of the estimation engine, run in its own process so that its peak memory is its own:
 * `tsx bench/estimation.child.ts RESPONDENTS [--csv-dir DIR]` prints one JSON line.
 */
import { join } from 'node:path';
import { DEFAULT_INDEX_DEFINITION } from '../server/estimation/default-index';
import { estimate } from '../server/estimation/estimate';
import { syntheticWave } from './synthetic-wave';
import { writeWaveCsv } from './wave-csv';

const respondents = Number(process.argv[2]);
const csvDir = process.argv[3] === '--csv-dir' ? process.argv[4] : null;

const generationStart = performance.now();
const { columns, margins } = syntheticWave(respondents);
const generationSeconds = (performance.now() - generationStart) / 1000;

const run = () => {
  const start = performance.now();
  const rows = estimate(columns, { definition: DEFAULT_INDEX_DEFINITION, margins });
  return { seconds: (performance.now() - start) / 1000, rows: rows.length, indicators: new Set(rows.map((r) => r.indicator)).size };
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
    warmSeconds: warm,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
