/** A benchmark run by `npm run bench`; it reports through `log` (one line at a time). */
export interface Bench {
  name: string;
  run(log: (line: string) => void): void | Promise<void>;
}
