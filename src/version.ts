import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json is), whether running from src/ or dist/src/. */
export const ROOT_DIR = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the source folder');
    dir = parent;
  }
  return dir;
})();

export const VERSION: string = (
  JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }
).version;

export const WEB_ROOT = join(ROOT_DIR, 'dist', 'web');
