/** `npm run bench`: runs every benchmark in turn. Add new ones to BENCHES. */
import type { Bench } from './bench';
import { citizenPageBench } from './citizen-page.bench';
import { cliBench } from './cli.bench';
import { coverageBench } from './coverage.bench';
import { dashboardBench } from './dashboard.bench';
import { estimationBench } from './estimation.bench';
import { loadBench } from './load.bench';
import { paperBench } from './paper.bench';
import { reportBench } from './report.bench';
import { storedRunBench } from './stored-run.bench';

const BENCHES: Bench[] = [estimationBench, coverageBench, loadBench, storedRunBench, reportBench, citizenPageBench, paperBench, cliBench, dashboardBench];

async function main(): Promise<void> {
  // `BENCH_ONLY=load npm run bench` runs the benchmarks whose name contains the word (case-insensitive).
  const only = process.env.BENCH_ONLY?.toLowerCase();
  for (const bench of BENCHES.filter((b) => !only || b.name.toLowerCase().includes(only))) {
    console.log(`== ${bench.name}`);
    const started = performance.now();
    await bench.run((line) => console.log(line));
    console.log(`   (${((performance.now() - started) / 1000).toFixed(1)} s in all)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
