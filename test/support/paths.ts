/** Test data locations. The corpus lives beside the checkout (../shared/corpus), in CI too. */
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';

export const CORPUS_DIR = process.env.PGVET_CORPUS ?? path.resolve(PACKAGE_ROOT, '..', 'shared', 'corpus');
export const FIXTURES_DIR = path.join(PACKAGE_ROOT, 'fixtures');
