import { rmSync } from 'node:fs';
import { SNAPSHOT_ENV } from './pglite-snapshot';

/** Removes this run's database snapshot (global-setup.ts). */
export default async function globalTeardown(): Promise<void> {
  const file = process.env[SNAPSHOT_ENV];
  if (file) rmSync(file, { force: true });
}
