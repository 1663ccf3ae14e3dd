/**
 * Where pgvet's own files are. The code runs from dist/src/… (tsc output, tests) or from the
 * single-file bundle dist/pgvet.mjs (the CLI), so the package root is found by walking up to
 * pgvet's package.json rather than by a fixed number of "../".
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && /"name":\s*"pgvet"/.test(fs.readFileSync(pkg, 'utf8'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`pgvet: cannot find its package root above ${start}`);
    dir = parent;
  }
}

export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const CATALOG_DATA_DIR = path.join(PACKAGE_ROOT, 'src', 'catalog', 'data');
export const RULES_DIR = path.join(PACKAGE_ROOT, 'rules');
