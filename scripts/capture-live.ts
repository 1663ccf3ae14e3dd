/**
 * Writes the live-server snapshots behind the plan golden: `npm run capture-live`.
 *
 * Starts a real PostgreSQL (the newest major the harness has: scripts/lib/live-capture.ts sets the
 * scene), reads it the way `pgvet plan` does, and writes
 *   fixtures/plan/live-<v>.json      the server the plan deploys to
 *   fixtures/plan/primary-<v>.json   its primary (for the hot-standby check)
 * Then regenerate the goldens rendered from them: `PGVET_UPDATE_GOLDEN=1` on test/golden.test.ts,
 * and read every diff. test/plan-snapshot.test.ts (servers project) captures again and fails when
 * the committed snapshots no longer match the server in what the plan reads.
 *
 * Usage: node dist/scripts/capture-live.js [--check]
 *   --check   capture into memory and fail (exit 1) if a committed snapshot differs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { writeFileAtomic } from '../src/io/write.js';
import { cleanupHarness } from './lib/pg/harness.js';
import { pgAvailable } from './lib/pg/install.js';
import { CAPTURE_MAJOR, captureLiveSnapshots } from './lib/live-capture.js';
import { formatSnapshot } from './lib/live-snapshot.js';

/** Where the snapshots of major `v` are committed. */
export function snapshotPaths(v: number): { live: string; primary: string } {
  const dir = path.join(PACKAGE_ROOT, 'fixtures', 'plan');
  return { live: path.join(dir, `live-${v}.json`), primary: path.join(dir, `primary-${v}.json`) };
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  if (!pgAvailable(CAPTURE_MAJOR)) throw new Error(`PostgreSQL ${CAPTURE_MAJOR} is not installed (npm ci installs it as node_modules/pg${CAPTURE_MAJOR})`);
  const snaps = await captureLiveSnapshots();
  const paths = snapshotPaths(CAPTURE_MAJOR);
  let stale = false;
  for (const which of ['live', 'primary'] as const) {
    const target = paths[which];
    const text = formatSnapshot(snaps[which]);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current === text) continue;
    stale = true;
    const shown = path.relative(PACKAGE_ROOT, target);
    if (check) console.error(`${shown} is out of date: run npm run capture-live`);
    else {
      writeFileAtomic(target, text);
      console.log(`wrote ${shown}`);
    }
  }
  return check && stale ? 1 : 0;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main().then(
    async (code) => {
      await cleanupHarness();
      process.exitCode = code;
    },
    async (err: unknown) => {
      await cleanupHarness();
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 3;
    },
  );
}
