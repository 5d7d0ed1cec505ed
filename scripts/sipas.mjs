#!/usr/bin/env node
/**
 * `npm run sipas -- <command> …`: brings dist/server up to date (scripts/build.mjs; a few milliseconds of `stat`
 * when nothing changed) and runs the command in this same process, so that a command pays for one Node start.
 */
import { createRequire } from 'node:module';
import { buildChanged } from './build.mjs';

try {
  await buildChanged({ client: false });
} catch (error) {
  process.stderr.write(`build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
createRequire(import.meta.url)('../dist/server/cli/main.js').main(process.argv.slice(2));
