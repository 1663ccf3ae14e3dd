/**
 * The real-server harness for tests: everything of scripts/lib/pg/ that test files use, plus the
 * one thing only tests need: cleanup after each test file. Under jest, `process` is a
 * per-test-file stand-in whose 'exit' event never fires, so the harness's exit handler cannot
 * clean up; this module registers cleanupHarness as an afterAll hook of every test file that
 * imports it. (Should a process die anyway, its servers die with it through the parent-death
 * signal, and the next process sweeps its run directory.)
 *
 * Test files import the harness from here, never from scripts/lib/pg/ directly
 * (test/architecture.test.ts checks it).
 */
import { cleanupHarness } from '../../scripts/lib/pg/harness.js';

afterAll(cleanupHarness, 30_000);

export { pgAvailable, pgBinDir, pgPackageId } from '../../scripts/lib/pg/install.js';
export { serverUser, chownForServer } from '../../scripts/lib/pg/privileges.js';
export { mapLimit } from '../../scripts/lib/pg/run.js';
export { getCluster, writeScratch, makeScratchDir, type Cluster } from '../../scripts/lib/pg/cluster.js';
export { checkConfigFile } from '../../scripts/lib/pg/check.js';
export { parseServerMessages } from '../../scripts/lib/pg/messages.js';
export { startServer, connect, type ServerHandle } from '../../scripts/lib/pg/server.js';
