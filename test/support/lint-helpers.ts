/** Lint a case held in memory. */
import type { PgMajor } from '../../src/catalog/types.js';
import { lintFile, type FileLint } from '../../src/engine/lint.js';
import { CASE_ROOT, memoryReader } from './memfs.js';

export function lintText(conf: string, version: PgMajor, files: Record<string, string> = {}): FileLint {
  return lintFile(`${CASE_ROOT}/postgresql.conf`, { version, reader: memoryReader({ 'postgresql.conf': conf, ...files }), cwd: CASE_ROOT });
}
