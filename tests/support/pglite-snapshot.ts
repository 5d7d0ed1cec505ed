import { existsSync, readFileSync } from 'node:fs';

/** Where global-setup.ts tells the test workers its dumped, migrated and seeded PGlite data directory is. */
export const SNAPSHOT_ENV = 'SIPAS_TEST_PGLITE_SNAPSHOT';

let snapshot: Blob | null | undefined;

/** This run's migrated-and-seeded PGlite dump, or null when there is none (a test run without the global set-up). */
export function migratedSnapshot(): Blob | null {
  if (snapshot === undefined) {
    const file = process.env[SNAPSHOT_ENV];
    snapshot = file && existsSync(file) ? new Blob([readFileSync(file)]) : null;
  }
  return snapshot;
}
