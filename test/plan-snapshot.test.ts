/**
 * The plan golden (test/golden.test.ts) renders from live-server snapshots committed under
 * fixtures/plan/. This suite captures them again from the real server, the same way
 * (scripts/lib/live-capture.ts), and fails when the committed ones no longer match in what the
 * plan reads, so that the fixture cannot rot silently when the server package changes. To
 * update: `npm run capture-live`, then `PGVET_UPDATE_GOLDEN=1` on test/golden.test.ts, and read
 * both diffs. It also asks the server for its verdict on the deployed file (the golden says
 * "The server would accept this file").
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkConfigFile, getCluster, pgAvailable, writeScratch } from './support/pg.js';
import { CAPTURE_MAJOR, captureLiveSnapshots } from '../scripts/lib/live-capture.js';
import { parseSnapshot, planRelevant } from '../scripts/lib/live-snapshot.js';
import { PACKAGE_ROOT } from '../src/paths.js';

const PLAN_DIR = path.join(PACKAGE_ROOT, 'fixtures', 'plan');
const committed = (name: string) => parseSnapshot(fs.readFileSync(path.join(PLAN_DIR, name), 'utf8'), name);

(pgAvailable(CAPTURE_MAJOR) ? describe : describe.skip)(`the plan snapshots of PostgreSQL ${CAPTURE_MAJOR}`, () => {
  test('a fresh capture matches the committed snapshots (else: npm run capture-live)', async () => {
    const fresh = await captureLiveSnapshots();
    expect(planRelevant(fresh.live)).toEqual(planRelevant(committed(`live-${CAPTURE_MAJOR}.json`)));
    expect(planRelevant(fresh.primary)).toEqual(planRelevant(committed(`primary-${CAPTURE_MAJOR}.json`)));
    // the scene really is one: a restart pending, ALTER SYSTEM, the command line, open connections
    expect(fresh.live.server.settings.get('shared_buffers')?.pendingRestart).toBe(true);
    expect(fresh.live.server.alterSystem.get('maintenance_work_mem')?.value).toBe('99MB');
    expect(fresh.live.server.settings.get('autovacuum_naptime')?.source).toBe('command line');
    expect(fresh.live.server.clientBackends).toBeGreaterThan(5);
  }, 120_000);

  test('the server accepts the deployed file', async () => {
    const cluster = await getCluster(CAPTURE_MAJOR);
    // a copy in the scratch directory: the server user may not read the checkout
    const deploy = writeScratch(cluster, 'plan-snapshot/deploy.conf', fs.readFileSync(path.join(PLAN_DIR, 'deploy.conf')));
    const r = await checkConfigFile(cluster, deploy);
    expect({ accepted: r.accepted, stderr: r.stderr }).toEqual({ accepted: true, stderr: '' });
  }, 60_000);
});
