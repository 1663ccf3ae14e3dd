/** What every command shares: usage errors, choosing the major version. */
import path from 'node:path';
import { isPgMajor } from '../catalog/catalog.js';
import { NEWEST_MAJOR, PG_MAJORS, type PgMajor } from '../catalog/types.js';
import { findConfig, loadConfigFile } from '../engine/config.js';
import { RULES } from '../../rules/index.js';
import { parseSize } from '../host/units.js';
import { DEFAULT_MAX_FILE_SIZE, setMaxFileSize } from '../io/read.js';

// A mistake on the command line: one line on stderr, exit 2 (src/errors.ts).
export { UsageError } from '../errors.js';
import { UsageError } from '../errors.js';

/** --max-file-size SIZE (64MB, 1GB, or bytes; else the default), for every read that follows. Throws UsageError. */
export function applyMaxFileSize(raw: unknown): void {
  if (raw === undefined) return setMaxFileSize(DEFAULT_MAX_FILE_SIZE);
  let bytes: number;
  try {
    bytes = parseSize(String(raw));
  } catch (err) {
    throw new UsageError(`--max-file-size: ${(err as Error).message}`);
  }
  if (!Number.isSafeInteger(bytes)) throw new UsageError(`--max-file-size: "${String(raw)}" is too large`);
  setMaxFileSize(bytes);
}

export type VersionSource = 'flag' | 'config' | 'default';

/**
 * The major version to check against: --pg-version, else the pgVersion of the .pgvetrc.json
 * found above `file` (or given), else the newest supported, and where it came from.
 */
export function pickVersion(raw: unknown, configVersion?: number): { version: PgMajor; source: VersionSource } {
  if (raw !== undefined) {
    // plain digits only (args.ts has checked the flag; this guards other callers)
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^[1-9][0-9]$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || !isPgMajor(n)) throw new UsageError(`--pg-version must be one of ${PG_MAJORS.join(', ')} (got "${String(raw)}")`);
    return { version: n, source: 'flag' };
  }
  if (configVersion !== undefined && isPgMajor(configVersion)) return { version: configVersion, source: 'config' };
  return { version: NEWEST_MAJOR, source: 'default' };
}

/** The pgVersion of the .pgvetrc.json above a file (standard input: the current directory). */
export function configVersionFor(file: string | undefined): number | undefined {
  const start = !file || file === '-' ? path.join(process.cwd(), 'stdin') : file;
  const rc = findConfig(start);
  return rc ? loadConfigFile(rc, RULES).pgVersion : undefined;
}
