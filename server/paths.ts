import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's folder (the one holding package.json), whether this code runs from its sources (`server/…`,
 * under tsx or jest) or from the build (`dist/server/…`, `npm start`, `npm run sipas`). Files shipped beside
 * the sources (code lists, SQL migrations, questionnaires, the built client) are found from here.
 */
export const ROOT = projectRoot(__dirname);

function projectRoot(from: string): string {
  for (let dir = from; ; ) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from, '..');
    dir = parent;
  }
}
