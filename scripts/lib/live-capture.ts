/**
 * Captures the live-server snapshots behind the plan golden from a real PostgreSQL server
 * (scripts/capture-live.ts writes them; test/plan-snapshot.test.ts captures again and compares).
 *
 * The scene, on the newest major (CAPTURE_MAJOR), one change of each kind against
 * fixtures/plan/deploy.conf:
 * - the live server starts with LIVE_CONF, with autovacuum_naptime on its command line (beats
 *   any file) and listening on 127.0.0.1 (and its private unix socket; nothing else);
 * - ALTER SYSTEM sets maintenance_work_mem (postgresql.auto.conf, read after the file);
 * - its file is then edited to shared_buffers = 192MB and reloaded: a restart is pending;
 * - EXTRA_CLIENTS idle client connections stay open while pg_stat_activity is read;
 * - a second server, the primary, starts with PRIMARY_CONF (hot-standby minimums above the
 *   deployed file's).
 * Both are read with src/plan/live.ts readLiveServer, as `pgvet plan` reads a server.
 *
 * Normalised (machine-specific, chosen by the harness, not by the server): the data directory,
 * the configuration directory and the socket directory become /pgvet-capture/…, and the private
 * port becomes 5432, in every string of the snapshot.
 */
import type pg from 'pg';
import type { PgMajor } from '../../src/catalog/types.js';
import { NEWEST_MAJOR } from '../../src/catalog/types.js';
import { describe, resolveConnection, toClientConfig } from '../../src/plan/conninfo.js';
import { readLiveServer } from '../../src/plan/live.js';
import { pgPackageId } from './pg/install.js';
import { getCluster, writeScratch, type Cluster } from './pg/cluster.js';
import { connect, withServer, type ServerHandle } from './pg/server.js';
import { formatSnapshot, parseSnapshot, type LiveSnapshot } from './live-snapshot.js';

export const CAPTURE_MAJOR: PgMajor = NEWEST_MAJOR;
/** Idle client connections open (besides the setup session and plan's own) while the live server is read. */
export const EXTRA_CLIENTS = 4;

export const LIVE_CONF = [
  'shared_buffers = 128MB',
  'max_connections = 50',
  'work_mem = 4MB',
  'checkpoint_timeout = 5min',
  'checkpoint_completion_target = 0.8',
  'log_min_duration_statement = 250ms',
].join('\n') + '\n';

/** The live file after the edit that leaves a restart pending. */
const LIVE_CONF_EDITED = LIVE_CONF.replace('shared_buffers = 128MB', 'shared_buffers = 192MB');

export const PRIMARY_CONF = ['max_connections = 200', 'max_worker_processes = 16'].join('\n') + '\n';

const PLACE = '/pgvet-capture';
const PORT = 5432;

interface Where {
  server: ServerHandle;
  confDir: string;
}

/** Read a started server as plan does (over 127.0.0.1, no PG* environment), normalised. */
async function read(cluster: Cluster, where: Where, name: string): Promise<LiveSnapshot> {
  const params = resolveConnection(`host=127.0.0.1 port=${where.server.port} user=postgres dbname=postgres`, {}, '--db');
  const server = await readLiveServer(toClientConfig(params));
  const port = server.settings.get('port');
  if (port?.setting !== String(where.server.port)) throw new Error(`capture: the server's port is ${port?.setting}, not ${where.server.port}`);
  port.setting = String(PORT);
  const raw: LiveSnapshot = {
    about: {
      capturedBy: 'scripts/capture-live.ts (npm run capture-live): real PostgreSQL, read by src/plan/live.ts readLiveServer',
      package: pgPackageId(cluster.version),
      normalised: `paths of the harness under ${PLACE}/ (data, socket, ${name}), the private port as ${PORT}`,
    },
    description: describe(params).replace(`:${where.server.port}/`, `:${PORT}/`),
    server,
  };
  const swaps: Array<[string, string]> = [
    [where.server.dataDir, `${PLACE}/data`],
    [where.confDir, `${PLACE}/${name}`],
    [where.server.socketDir, `${PLACE}/socket`],
  ];
  let text = formatSnapshot(raw);
  for (const [from, to] of swaps.sort((a, b) => b[0].length - a[0].length)) text = text.split(JSON.stringify(from).slice(1, -1)).join(to);
  return parseSnapshot(text, name);
}

async function waitFor(client: pg.Client, sql: string, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await client.query<{ ok: boolean }>(sql)).rows[0]?.ok !== true) {
    if (Date.now() > deadline) throw new Error(`capture: ${what} did not happen within 10 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Start the two servers, set the scene, read them, and stop them. */
export async function captureLiveSnapshots(): Promise<{ live: LiveSnapshot; primary: LiveSnapshot }> {
  const cluster = await getCluster(CAPTURE_MAJOR);
  const livePath = writeScratch(cluster, 'capture-live/live/postgresql.conf', LIVE_CONF);
  const primaryPath = writeScratch(cluster, 'capture-live/primary/postgresql.conf', PRIMARY_CONF);
  const tcp = ['-c', 'listen_addresses=127.0.0.1'];
  const live = await withServer(
    cluster,
    livePath,
    async (server) => {
      const admin = await connect(server);
      const idle: pg.Client[] = [];
      try {
        await admin.query("ALTER SYSTEM SET maintenance_work_mem = '99MB'");
        writeScratch(cluster, 'capture-live/live/postgresql.conf', LIVE_CONF_EDITED);
        await admin.query('SELECT pg_reload_conf()');
        await waitFor(admin, "SELECT pending_restart AS ok FROM pg_settings WHERE name = 'shared_buffers'", 'the reload');
        await waitFor(admin, "SELECT setting = '101376' AS ok FROM pg_settings WHERE name = 'maintenance_work_mem'", 'ALTER SYSTEM');
        for (let i = 0; i < EXTRA_CLIENTS; i++) idle.push(await connect(server));
        return await read(cluster, { server, confDir: livePath.replace(/\/postgresql\.conf$/, '') }, 'live');
      } finally {
        for (const c of idle) await c.end();
        // the data directory copy is reused by later servers of this process: leave no auto.conf
        await admin.query('ALTER SYSTEM RESET ALL');
        await admin.end();
      }
    },
    { freshDataDir: true, extraArgs: [...tcp, '-c', 'autovacuum_naptime=30s'] },
  );
  const primary = await withServer(cluster, primaryPath, (server) => read(cluster, { server, confDir: primaryPath.replace(/\/postgresql\.conf$/, '') }, 'primary'), { freshDataDir: true, extraArgs: tcp });
  return { live, primary };
}
