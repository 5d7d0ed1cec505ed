// Preloaded (`node --require`) into the processes `bench/cli.bench.ts` times: at exit, each appends its peak
// resident memory (KiB) to the file SIPAS_BENCH_RSS_FILE names.
const { appendFileSync } = require('node:fs');

const file = process.env.SIPAS_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // Nothing to report to.
    }
  });
}
