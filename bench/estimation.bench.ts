import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench';

/** Targets from the issue: all indicators × every province × all three schemes. */
const SIZES = [
  { respondents: 50_000, targetSeconds: 1, compareWithR: true },
  { respondents: 5_000_000, targetSeconds: 30, compareWithR: false },
];
const MEMORY_LIMIT_MIB = 3072;
const R_TIMEOUT_MS = 15 * 60 * 1000;

interface Measurement {
  respondents: number;
  psus: number;
  strata: number;
  provinces: number;
  indicators: number;
  rows: number;
  generationSeconds: number;
  seconds: number;
  cpuSeconds: number;
  warmSeconds: number | null;
  maxRssMiB: number;
}

function measure(respondents: number, options: { csvDir?: string; overallOnly?: boolean; jkn?: boolean } = {}): Measurement {
  const child = join(__dirname, 'estimation.child.ts');
  const args = [`--max-old-space-size=${MEMORY_LIMIT_MIB}`, '--import', 'tsx', child, String(respondents)];
  if (options.csvDir) args.push('--csv-dir', options.csvDir);
  if (options.overallOnly) args.push('--overall-only');
  if (options.jkn) args.push('--variance', 'jkn');
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`estimation bench child failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Measurement;
}

/**
 * Seconds R `survey` takes for the `overall` indicator × (nation + provinces) × 3 schemes, or why it was not
 * measured. All indicators would take R over 19 minutes on 50,000 respondents (raked domains keep every row
 * and residualise on all 441 raking columns), too long for a routine benchmark run.
 */
function timeR(csvDir: string): { seconds: number } | { skipped: string } {
  const probe = spawnSync('Rscript', ['-e', 'library(survey)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { skipped: 'Rscript with package survey is not available' };
  const result = spawnSync(
    'Rscript',
    [join(__dirname, 'estimation.R'), join(csvDir, 'microdata.csv'), join(csvDir, 'margins.csv'), 'overall'],
    { encoding: 'utf8', timeout: R_TIMEOUT_MS },
  );
  if (result.status !== 0) return { skipped: `R failed or timed out: ${(result.stderr || String(result.error)).trim().slice(0, 300)}` };
  return { seconds: Number(result.stdout.trim().split('\n').pop()) };
}

export const estimationBench: Bench = {
  name: 'estimation engine',
  run(log) {
    for (const size of SIZES) {
      const csvDir = size.compareWithR ? mkdtempSync(join(tmpdir(), 'sipas-bench-')) : null;
      try {
        const m = measure(size.respondents, { csvDir: csvDir ?? undefined });
        log(
          `${m.respondents.toLocaleString('en')} respondents (${m.provinces} provinces, ${m.strata} strata, ` +
            `${m.psus.toLocaleString('en')} PSUs), ${m.indicators} indicators × (nation + provinces) × 3 schemes = ${m.rows} rows`,
        );
        log(
          `  estimate: ${m.seconds.toFixed(2)} s (target < ${size.targetSeconds} s: ${(m.seconds / size.targetSeconds).toFixed(2)} of it, ` +
            `${m.seconds < size.targetSeconds ? 'met' : 'NOT met'}); CPU time ${m.cpuSeconds.toFixed(2)} s` +
            (m.warmSeconds !== null ? `; second run ${m.warmSeconds.toFixed(2)} s` : ''),
        );
        log(
          `  peak RSS ${m.maxRssMiB.toFixed(0)} MiB (limit ${MEMORY_LIMIT_MIB} MiB: ${m.maxRssMiB < MEMORY_LIMIT_MIB ? 'met' : 'NOT met'}); ` +
            `generating the data took ${m.generationSeconds.toFixed(2)} s (not counted)`,
        );
        if (size.compareWithR) {
          // JKn (issue #19): one replicate per PSU, raking redone in each; target ≤ 5 s at 50,000.
          const jkn = measure(size.respondents, { jkn: true });
          log(
            `  --variance jkn (${jkn.psus.toLocaleString('en')} replicates, raking redone in each; design_jkn + raked_jkn, ${jkn.rows} rows): ` +
              `${jkn.seconds.toFixed(2)} s (target ≤ 5 s: ${jkn.seconds <= 5 ? 'met' : 'NOT met'}); CPU ${jkn.cpuSeconds.toFixed(2)} s` +
              (jkn.warmSeconds !== null ? `; second run ${jkn.warmSeconds.toFixed(2)} s` : ''),
          );
        }
        if (csvDir) {
          const r = timeR(csvDir);
          if ('skipped' in r) {
            log(`  R survey: skipped (${r.skipped})`);
          } else {
            const one = measure(size.respondents, { overallOnly: true });
            log(
              `  overall only × (nation + provinces) × 3 schemes: engine ${one.seconds.toFixed(2)} s, ` +
                `R survey ${r.seconds.toFixed(1)} s — R takes ${(r.seconds / one.seconds).toFixed(0)}× as long`,
            );
          }
        }
      } finally {
        if (csvDir) rmSync(csvDir, { recursive: true, force: true });
      }
    }
  },
};
