/**
 * Measures what PostgreSQL processes cost privately, on the real servers 13–18, and writes the
 * simulator's private-memory data (see src/simulate/data/README.md for the method):
 *
 * - src/simulate/data/backend-memory.json (`--what backends`): per version, start a server with
 *   the initdb-written postgresql.conf of the cached cluster, wait until its children are
 *   stable, read /proc/PID/smaps_rollup of the postmaster and every child; open N client
 *   sessions over the unix socket, read each backend's smaps_rollup right after connecting
 *   (`SELECT pg_backend_pid()`), then again after a catalog-heavy query.
 * - src/simulate/data/memory-scenarios.json (`--what scenarios`): per version, the calibration
 *   scenarios of scripts/lib/memory-scenarios.ts (a sort, hashes, temp buffers, CREATE INDEX,
 *   VACUUM, a parallel sort, page tables, idle sessions, a small busy hour, glibc retention), and
 *   two fits the model reads: the TID store's bytes per heap page (17+) and glibc's overshoot on
 *   a repeated 64MB sort, with and without its dynamic mmap threshold.
 *
 * Must run as root (or the server's user) to read the servers' /proc entries.
 *
 * Usage: npm run build && node dist/scripts/measure-backend-memory.js [--what backends|scenarios|all]
 *        [--versions 13,18] [--clients 20] [--out FILE] [--scenarios-out FILE]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { PG_MAJORS, type PgMajor } from '../src/catalog/types.js';
import { isPgMajor } from '../src/catalog/catalog.js';
import { pgAvailable, pgPackageId } from './lib/pg/install.js';
import { getCluster } from './lib/pg/cluster.js';
import { connect, startServer } from './lib/pg/server.js';
import { childrenOf, smapsRollup, type SmapsRollup } from './lib/procfs.js';
import { CATALOG_QUERY, measureGlibc, measureTidStore, runMemoryScenarios, SCENARIO_SERVER } from './lib/memory-scenarios.js';
import { spawnSync } from 'node:child_process';

const FIELDS = ['Rss', 'Pss', 'Pss_Anon', 'Pss_File', 'Pss_Shmem', 'Private_Dirty'] as const;
type Field = (typeof FIELDS)[number];
type Sample = Record<Field, number>;


function pick(r: SmapsRollup | undefined): Sample {
  const out = {} as Sample;
  for (const f of FIELDS) out[f] = r?.[f] ?? 0;
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

function medians(samples: Sample[]): Sample {
  const out = {} as Sample;
  for (const f of FIELDS) out[f] = median(samples.map((x) => x[f]));
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Wait until the postmaster's children stay the same for `stableMs`. */
async function stableChildren(pid: number, stableMs = 1500, timeoutMs = 15000): Promise<ReturnType<typeof childrenOf>> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  for (;;) {
    const kids = childrenOf(pid);
    const key = kids.map((k) => `${k.pid}:${k.title}`).join('|');
    if (key !== last) {
      last = key;
      since = Date.now();
    } else if (Date.now() - since >= stableMs) return kids;
    if (Date.now() > deadline) return kids;
    await sleep(100);
  }
}

async function measure(v: PgMajor, clients: number): Promise<unknown> {
  const cluster = await getCluster(v);
  const configPath = path.join(cluster.dataDir, 'postgresql.conf');
  const server = await startServer(cluster, configPath, { extraArgs: ['-c', 'logging_collector=off'] });
  if (!server.started || server.pid === undefined) throw new Error(`PostgreSQL ${v} did not start:\n${server.stderr}`);
  try {
    const kids = await stableChildren(server.pid);
    const idle = [{ pid: server.pid, title: 'postmaster' }, ...kids].map((k) => ({ title: k.title.replace(/\s+$/, ''), ...pick(smapsRollup(k.pid)) }));
    const sessions = [];
    for (let i = 0; i < clients; i++) sessions.push(await connect(server));
    const pids: number[] = [];
    for (const c of sessions) pids.push(Number((await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid));
    await sleep(300);
    const connected = pids.map((p) => pick(smapsRollup(p)));
    for (const c of sessions) await c.query(CATALOG_QUERY);
    await sleep(300);
    const afterCatalog = pids.map((p) => pick(smapsRollup(p)));
    for (const c of sessions) await c.end();
    const sum = (f: Field): number => idle.reduce((a, x) => a + x[f], 0);
    return {
      package: pgPackageId(v),
      idleServer: { processes: idle, sumPss: sum('Pss'), sumPssAnon: sum('Pss_Anon') },
      backendJustConnected: medians(connected),
      backendAfterCatalog: medians(afterCatalog),
    };
  } finally {
    await server.stop();
  }
}

function glibcVersion(): string {
  // "ldd (Debian GLIBC 2.36-9+deb12u14) 2.36" → "glibc 2.36 (Debian GLIBC 2.36-9+deb12u14)"
  const first = (spawnSync('ldd', ['--version'], { encoding: 'utf8' }).stdout ?? '').split('\n')[0]?.trim() ?? '';
  const m = /^ldd (\(.*\)) ([\d.]+)$/.exec(first);
  return m ? `glibc ${m[2]} ${m[1]}` : first || 'unknown';
}

const hostFacts = (): object => ({ kernel: os.release(), arch: os.arch(), memTotalKb: Math.round(os.totalmem() / 1024), cpus: os.cpus().length, libc: glibcVersion() });

async function backends(versions: PgMajor[], clients: number, out: string): Promise<void> {
  const result: Record<string, unknown> = {};
  for (const v of versions) {
    process.stderr.write(`PostgreSQL ${v}: idle processes and sessions …\n`);
    result[v] = await measure(v, clients);
  }
  const doc = {
    description: 'Private memory of PostgreSQL processes from /proc/PID/smaps_rollup (kB); see README.md',
    generatedBy: 'scripts/measure-backend-memory.ts',
    takenAt: new Date().toISOString().slice(0, 10),
    host: { kernel: os.release(), arch: os.arch(), memTotalKb: Math.round(os.totalmem() / 1024) },
    clients,
    catalogQuery: CATALOG_QUERY,
    config: 'the initdb-written postgresql.conf (shared_buffers = 128MB, max_connections = 100), logging_collector = off, unix socket only',
    versions: result,
  };
  fs.writeFileSync(out, JSON.stringify(doc, null, 2) + '\n');
  process.stderr.write(`wrote ${out}\n`);
}

async function scenarios(versions: PgMajor[], out: string): Promise<void> {
  const perVersion: Record<string, unknown> = {};
  const tidStore: Record<string, unknown> = {};
  const glibc: Record<string, unknown> = {};
  for (const v of versions) {
    process.stderr.write(`PostgreSQL ${v}: scenarios …\n`);
    const run = await runMemoryScenarios(v);
    perVersion[v] = { package: pgPackageId(v), ms: run.ms, scenarios: run.scenarios };
    if (v >= 17) {
      process.stderr.write(`PostgreSQL ${v}: TID store fit …\n`);
      tidStore[v] = await measureTidStore(v);
    }
    process.stderr.write(`PostgreSQL ${v}: glibc …\n`);
    glibc[v] = await measureGlibc(v);
  }
  const doc = {
    description: 'What real PostgreSQL backends allocate for sorts, hashes, temp buffers, CREATE INDEX, VACUUM, parallel queries and idle sessions (bytes); see README.md',
    generatedBy: 'scripts/measure-backend-memory.ts --what scenarios (scripts/lib/memory-scenarios.ts)',
    takenAt: new Date().toISOString().slice(0, 10),
    host: hostFacts(),
    method:
      'Fresh session per statement; the SETs and EXPLAIN first; growth = peak anonymous memory during the statement (max of RssAnon sampled every 2 ms and VmHWM − RssFile − RssShmem after clear_refs) minus RssAnon before; sessions: Pss − Pss_Shmem; parallel workers: their peak RssAnon; page tables: VmPTE.',
    server: SCENARIO_SERVER,
    versions: perVersion,
    tidStore,
    glibc,
  };
  fs.writeFileSync(out, JSON.stringify(doc, null, 2) + '\n');
  process.stderr.write(`wrote ${out}\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const versions = (opt('--versions')?.split(',').map(Number) ?? [...PG_MAJORS]).filter(isPgMajor).filter(pgAvailable);
  const what = opt('--what') ?? 'all';
  if (!['backends', 'scenarios', 'all'].includes(what)) throw new Error(`--what: backends, scenarios or all (got ${what})`);
  const dataDir = path.join(PACKAGE_ROOT, 'src', 'simulate', 'data');
  if (what !== 'scenarios') await backends(versions, Number(opt('--clients') ?? 20), opt('--out') ?? path.join(dataDir, 'backend-memory.json'));
  if (what !== 'backends') await scenarios(versions, opt('--scenarios-out') ?? path.join(dataDir, 'memory-scenarios.json'));
}

await main();
