/** Where pgvet's own files are: this file compiles to dist/src/paths.js. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PACKAGE_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const CATALOG_DATA_DIR = path.join(PACKAGE_ROOT, 'src', 'catalog', 'data');
export const RULES_DIR = path.join(PACKAGE_ROOT, 'rules');
