/**
 * Test data locations. The corpus of real-world files lives beside the checkout
 * (../shared/corpus, in CI too); fixtures/corpus is a byte-exact copy so that a clone on its own
 * runs the same tests (test/corpus-copy.test.ts keeps the two identical when both are there).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';

export const SHARED_CORPUS_DIR = path.resolve(PACKAGE_ROOT, '..', 'shared', 'corpus');
export const VENDORED_CORPUS_DIR = path.join(PACKAGE_ROOT, 'fixtures', 'corpus');
export const CORPUS_DIR = process.env.PGVET_CORPUS ?? (fs.existsSync(SHARED_CORPUS_DIR) ? SHARED_CORPUS_DIR : VENDORED_CORPUS_DIR);
export const FIXTURES_DIR = path.join(PACKAGE_ROOT, 'fixtures');
