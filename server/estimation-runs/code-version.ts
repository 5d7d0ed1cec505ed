import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths';

let cached: string | null = null;

/**
 * Names the estimation code a run used: the package version plus a hash of the engine's source, so two
 * runs with equal code versions computed with identical code whatever the deployment.
 */
export function codeVersion(): string {
  if (cached) return cached;
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(ROOT, 'server/estimation');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    hash.update(file).update('\0').update(readFileSync(path.join(dir, file)));
  }
  cached = `${version}+engine.${hash.digest('hex').slice(0, 12)}`;
  return cached;
}
