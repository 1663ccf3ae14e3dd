/**
 * Memory scenarios on a real server: what a backend really allocates for a sort, a hash, temp
 * buffers, CREATE INDEX, VACUUM, a parallel query, idle sessions and a small busy hour. Used by
 * the calibration test (test/calibration/memory.test.ts, live, against the model) and by
 * scripts/measure-backend-memory.ts (recorded in src/simulate/data/memory-scenarios.json).
 *
 * How a process's memory is measured (Linux /proc; this process must be able to read the
 * server's /proc entries, i.e. run as root or as the server's user):
 * - private memory = Pss − Pss_Shmem from /proc/PID/smaps_rollup (as backend-memory.json);
 * - the growth of a statement = the peak of the process's anonymous memory during it minus
 *   its anonymous memory just before, in a fresh session that has already planned the
 *   statement (EXPLAIN), so caches and plan memory are in the baseline. The peak is the larger
 *   of two lower bounds: RssAnon sampled every 2 ms from /proc/PID/status, and the kernel's own
 *   peak RSS (VmHWM, reset through /proc/PID/clear_refs before the statement) minus the file
 *   and shared pages mapped at the end (those only grow during a statement);
 * - parallel workers (titles "parallel worker for PID n") are found while the statement runs;
 *   each one's peak RssAnon is its whole private memory (it did not exist before);
 * - page tables: VmPTE from /proc/PID/status.
 * Each statement runs as EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON): no rows reach the client and
 * the plan says what PostgreSQL counted (sort space, hash batches).
 */
import * as fs from 'node:fs';
import type pg from 'pg';
import type { PgMajor } from '../../src/catalog/types.js';
import { getCluster, writeScratch } from './pg/cluster.js';
import { connect, startServer, type ServerHandle } from './pg/server.js';
import { childrenOf, smapsRollup } from './procfs.js';

const KB = 1024;
const MB = 1024 * 1024;

/** /proc/PID/status memory fields, kB. */
export function procStatus(pid: number): Record<string, number> | undefined {
  try {
    const out: Record<string, number> = {};
    for (const line of fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
      const m = /^(\w+):\s+(\d+) kB$/.exec(line);
      if (m?.[1] && m[2]) out[m[1]] = Number(m[2]);
    }
    return out;
  } catch {
    return undefined;
  }
}

function resetPeak(pid: number): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not allowed: the sampled peak alone is used
  }
}

/** Private memory (Pss − Pss_Shmem) of a process now, bytes. */
export function privateBytes(pid: number): number {
  const r = smapsRollup(pid);
  return r ? ((r['Pss'] ?? 0) - (r['Pss_Shmem'] ?? 0)) * KB : 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Watch {
  pid: number;
  baseAnon: number;
  maxAnon: number;
  last?: Record<string, number>;
  isWorker: boolean;
}

export interface PeakResult {
  /** Growth of each watched backend over its anonymous memory before, bytes. */
  growth: Map<number, number>;
  /** Whole private (anonymous) memory of each parallel worker at its peak, bytes. */
  workers: number[];
  /** VmPTE of each watched backend at the end, bytes. */
  pageTables: Map<number, number>;
  /** RssShmem of each watched backend at the end, bytes. */
  shmemTouched: Map<number, number>;
  result: unknown;
}

/** Run `fn` while watching the peak memory of `pids` (and of parallel workers they start). */
export async function peakDuring<T>(postmaster: number, pids: number[], fn: () => Promise<T>): Promise<PeakResult & { result: T }> {
  const watches = new Map<number, Watch>();
  for (const pid of pids) {
    const s = procStatus(pid);
    resetPeak(pid);
    watches.set(pid, { pid, baseAnon: s?.['RssAnon'] ?? 0, maxAnon: s?.['RssAnon'] ?? 0, isWorker: false, ...(s ? { last: s } : {}) });
  }
  const leaders = new Set(pids.map(String));
  let done = false;
  let scans = 0;
  const sample = async (): Promise<void> => {
    while (!done) {
      for (const w of watches.values()) {
        const s = procStatus(w.pid);
        if (!s) continue;
        w.last = s;
        w.maxAnon = Math.max(w.maxAnon, s['RssAnon'] ?? 0);
      }
      // Parallel workers come and go: look for new ones every 4th round (a /proc scan is dearer).
      if (scans++ % 4 === 0) {
        for (const child of childrenOf(postmaster)) {
          const m = /^parallel worker for PID (\d+)/.exec(child.title);
          if (!m?.[1] || !leaders.has(m[1]) || watches.has(child.pid)) continue;
          const s = procStatus(child.pid);
          if (s) watches.set(child.pid, { pid: child.pid, baseAnon: 0, maxAnon: s['RssAnon'] ?? 0, last: s, isWorker: true });
        }
      }
      await sleep(2);
    }
  };
  const sampler = sample();
  let result: T;
  try {
    result = await fn();
  } finally {
    done = true;
    await sampler;
  }
  const growth = new Map<number, number>();
  const workers: number[] = [];
  const pageTables = new Map<number, number>();
  const shmemTouched = new Map<number, number>();
  for (const w of watches.values()) {
    const end = w.isWorker ? w.last : procStatus(w.pid) ?? w.last;
    const fromHwm = end ? (end['VmHWM'] ?? 0) - (end['RssFile'] ?? 0) - (end['RssShmem'] ?? 0) : 0;
    const peak = Math.max(w.maxAnon, fromHwm);
    if (w.isWorker) workers.push(peak * KB);
    else {
      growth.set(w.pid, Math.max(0, peak - w.baseAnon) * KB);
      pageTables.set(w.pid, (end?.['VmPTE'] ?? 0) * KB);
      shmemTouched.set(w.pid, (end?.['RssShmem'] ?? 0) * KB);
    }
  }
  return { growth, workers, pageTables, shmemTouched, result };
}

// ---------------------------------------------------------------------------------------------
// The scenarios

export type ScenarioKind = 'sessions' | 'sort' | 'hash-aggregate' | 'hash-join' | 'temp-buffers' | 'create-index' | 'vacuum' | 'parallel-sort' | 'page-tables' | 'busy-hour' | 'glibc';

/** One measured scenario: the settings it ran with and what the processes used. */
export interface ScenarioMeasurement {
  id: string;
  kind: ScenarioKind;
  description: string;
  /** Session settings (SET) of the measured statement. */
  settings: Record<string, string | number>;
  statement: string;
  /** Bytes the statement added to its backend at the peak (or, for sessions, each session's private memory). */
  measured: number;
  /** Scenario-specific figures (dead tuples, pages, workers, what the plan reported …). */
  detail: Record<string, number | string | boolean>;
}

export interface ScenarioRun {
  version: PgMajor;
  /** Server-level settings the scenarios ran with. */
  server: Record<string, string | number>;
  scenarios: ScenarioMeasurement[];
  /** Wall time of the whole run, ms. */
  ms: number;
}

/** The server the scenarios run on: small, quiet, no background noise. */
export const SCENARIO_SERVER: Record<string, string | number> = {
  shared_buffers: '128MB',
  max_connections: 30,
  huge_pages: 'off',
  jit: 'off',
  autovacuum: 'off',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  max_wal_senders: 0,
  max_wal_size: '2GB',
  logging_collector: 'off',
  max_parallel_workers_per_gather: 0,
  max_parallel_maintenance_workers: 0,
};

/** Rows of the test tables (t: 300k rows ≈ 25MB, under a quarter of shared_buffers so that a scan goes through the pool, not a ring; m: a quarter of them). */
export const TABLE_ROWS = 300_000;
/** Dead tuples the VACUUM scenario leaves (one rolled-back insert). */
export const VACUUM_DEAD = 1_000_000;
/** Sessions the idle-session and busy-hour scenarios open. */
export const SESSIONS = 12;

/** The catalog query of backend-memory.json: what an ordinary session has touched. */
export const CATALOG_QUERY =
  'SELECT count(*) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid; ' +
  'SELECT table_name, column_name, data_type FROM information_schema.columns LIMIT 50';

interface PlanFacts {
  [k: string]: number | string | boolean;
}

/** What the plan reports: sort methods and space, hash batches and memory, per node. */
function planFacts(explain: unknown): PlanFacts {
  const out: PlanFacts = {};
  const plan = (explain as Array<{ Plan: Record<string, unknown> }> | undefined)?.[0]?.Plan;
  const nodes: string[] = [];
  const walk = (p: Record<string, unknown>): void => {
    const type = String(p['Node Type']);
    if (type === 'Sort') nodes.push(`Sort ${p['Sort Method']} ${p['Sort Space Used']}kB`);
    if (type === 'Hash') nodes.push(`Hash ${p['Hash Batches']} batches ${p['Peak Memory Usage']}kB`);
    if (type === 'Aggregate' && p['Strategy'] === 'Hashed') nodes.push(`HashAgg ${p['HashAgg Batches'] ?? 1} batches ${p['Peak Memory Usage']}kB`);
    if (type === 'Gather Merge' || type === 'Gather') nodes.push(`${type} ${p['Workers Launched']} workers`);
    for (const c of (p['Plans'] as Array<Record<string, unknown>> | undefined) ?? []) walk(c);
  };
  if (plan) walk(plan);
  out['plan'] = nodes.join('; ');
  return out;
}

async function backendPid(c: pg.Client): Promise<number> {
  return Number((await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
}

async function setAll(c: pg.Client, settings: Record<string, string | number>): Promise<void> {
  for (const [k, v] of Object.entries(settings)) await c.query(`SET ${k} = '${v}'`);
}

/** One statement in a fresh session: the SETs, EXPLAIN (planning caches in the baseline), a pause, then the statement under watch. */
async function statementGrowth(
  server: ServerHandle,
  settings: Record<string, string | number>,
  statement: string,
  opts: { explain?: boolean; prepare?: string[] } = {},
): Promise<{ growth: number; workers: number[]; facts: PlanFacts }> {
  const c = await connect(server);
  try {
    const pid = await backendPid(c);
    await setAll(c, settings);
    for (const p of opts.prepare ?? []) await c.query(p);
    const explain = opts.explain ?? true;
    if (explain) await c.query(`EXPLAIN ${statement}`);
    await sleep(50);
    const r = await peakDuring(server.pid!, [pid], () => c.query(explain ? `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${statement}` : statement));
    const facts = explain ? planFacts((r.result.rows[0] as Record<string, unknown>)['QUERY PLAN']) : {};
    return { growth: r.growth.get(pid) ?? 0, workers: r.workers, facts };
  } finally {
    await c.end();
  }
}

async function run(server: ServerHandle, sql: string): Promise<void> {
  const c = await connect(server);
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface ScenarioOptions {
  /** Only these kinds (default: all). */
  only?: ScenarioKind[];
}

/** Start a server of `version`, run the scenarios, stop it. */
export async function runMemoryScenarios(version: PgMajor, opts: ScenarioOptions = {}): Promise<ScenarioRun> {
  const started = Date.now();
  const want = (k: ScenarioKind): boolean => !opts.only || opts.only.includes(k);
  const cluster = await getCluster(version);
  const conf = Object.entries(SCENARIO_SERVER).map(([k, v]) => `${k} = '${v}'\n`).join('');
  const configPath = writeScratch(cluster, `memory-scenarios-${process.pid}.conf`, conf);
  const server = await startServer(cluster, configPath, { freshDataDir: true });
  if (!server.started || server.pid === undefined) throw new Error(`PostgreSQL ${version} did not start:\n${server.stderr}`);
  const scenarios: ScenarioMeasurement[] = [];
  const add = (m: ScenarioMeasurement): void => {
    scenarios.push(m);
  };
  try {
    await run(
      server,
      `CREATE TABLE t WITH (autovacuum_enabled = off) AS SELECT i AS id, hashint4(i) AS k, md5(i::text) AS pad FROM generate_series(1, ${TABLE_ROWS}) i;
       CREATE TABLE m WITH (autovacuum_enabled = off) AS SELECT * FROM t WHERE id % 4 = 0;
       CREATE TABLE vac (id int) WITH (autovacuum_enabled = off); CREATE INDEX ON vac (id);`,
    );
    await run(server, 'VACUUM ANALYZE t, m');

    if (want('sessions')) {
      // Sessions after ordinary catalog access: what every open session costs.
      const clients: pg.Client[] = [];
      try {
        for (let i = 0; i < SESSIONS; i++) clients.push(await connect(server));
        const pids: number[] = [];
        for (const c of clients) pids.push(await backendPid(c));
        for (const c of clients) await c.query(CATALOG_QUERY);
        await sleep(200);
        const each = pids.map(privateBytes).sort((a, b) => a - b);
        const median = each[Math.floor(each.length / 2)]!;
        add({ id: 'sessions', kind: 'sessions', description: `${SESSIONS} idle sessions after a catalog query (median private memory of one)`, settings: {}, statement: CATALOG_QUERY, measured: median, detail: { sessions: SESSIONS, min: each[0]!, max: each[each.length - 1]! } });
      } finally {
        for (const c of clients) await c.end();
      }
    }

    if (want('sort')) {
      const settings = { work_mem: '8MB' };
      const r = await statementGrowth(server, settings, 'SELECT * FROM t ORDER BY pad OFFSET 1e9');
      add({ id: 'sort', kind: 'sort', description: 'one sort larger than work_mem (external merge)', settings, statement: 'SELECT * FROM t ORDER BY pad', measured: r.growth, detail: r.facts });
    }
    if (want('hash-aggregate')) {
      // A hash aggregate overshoots hash_mem by a share that depends on where its bucket array
      // doubles (PostgreSQL's own peak reaches 1.3 × hash_mem at some sizes): three sizes, summed.
      const sizes = ['4MB', '6MB', '8MB'];
      const runs: Array<{ workMem: string; growth: number; plan: string }> = [];
      for (const wm of sizes) {
        const r = await statementGrowth(server, { work_mem: wm, hash_mem_multiplier: 2 }, 'SELECT k, count(*) FROM t GROUP BY k OFFSET 1e9', { prepare: ['SET enable_sort = off'] });
        runs.push({ workMem: wm, growth: r.growth, plan: String(r.facts['plan']) });
      }
      add({
        id: 'hash-aggregate',
        kind: 'hash-aggregate',
        description: 'hash aggregates larger than hash_mem (they spill) at work_mem 4, 6 and 8MB, summed',
        settings: { work_mem: sizes.join(' + '), hash_mem_multiplier: 2 },
        statement: 'SELECT k, count(*) FROM t GROUP BY k',
        measured: runs.reduce((a, x) => a + x.growth, 0),
        detail: Object.fromEntries(runs.flatMap((x) => [[`growth ${x.workMem}`, x.growth], [`plan ${x.workMem}`, x.plan]])),
      });
    }
    if (want('hash-join')) {
      const settings = { work_mem: '4MB', hash_mem_multiplier: 2 };
      const r = await statementGrowth(server, settings, 'SELECT * FROM t JOIN m USING (k) OFFSET 1e9', { prepare: ['SET enable_mergejoin = off', 'SET enable_nestloop = off'] });
      add({ id: 'hash-join', kind: 'hash-join', description: 'a hash join whose inner side exceeds hash_mem (batches)', settings, statement: 'SELECT * FROM t JOIN m USING (k)', measured: r.growth, detail: r.facts });
    }
    if (want('temp-buffers')) {
      const settings = { temp_buffers: '8MB' };
      const r = await statementGrowth(server, settings, 'CREATE TEMP TABLE tt AS SELECT * FROM t', { explain: false });
      add({ id: 'temp-buffers', kind: 'temp-buffers', description: 'a temporary table larger than temp_buffers', settings, statement: 'CREATE TEMP TABLE tt AS SELECT * FROM t (25MB)', measured: r.growth, detail: {} });
    }
    if (want('create-index')) {
      const settings = { maintenance_work_mem: '16MB', max_parallel_maintenance_workers: 0 };
      const r = await statementGrowth(server, settings, 'CREATE INDEX t_pad ON t (pad, id)', { explain: false });
      await run(server, 'DROP INDEX t_pad'); // else ORDER BY pad reads the index and sorts nothing
      add({ id: 'create-index', kind: 'create-index', description: 'CREATE INDEX, serial, sort larger than maintenance_work_mem', settings, statement: 'CREATE INDEX ON t (pad, id)', measured: r.growth, detail: {} });
    }
    if (want('vacuum')) {
      // Dead tuples from a rolled-back insert, on a table with an index (one heap pass, one index pass).
      const caps = version < 17 ? ['64MB', '2MB'] : ['64MB'];
      for (const cap of caps) {
        await run(server, `BEGIN; INSERT INTO vac SELECT generate_series(1, ${VACUUM_DEAD}); ROLLBACK`);
        const c = await connect(server);
        let pages = 0;
        try {
          pages = Number((await c.query(`SELECT pg_relation_size('vac') / 8192 AS p`)).rows[0].p);
        } finally {
          await c.end();
        }
        const settings = { maintenance_work_mem: cap };
        const r = await statementGrowth(server, settings, 'VACUUM vac', { explain: false });
        add({
          id: `vacuum-${cap}`,
          kind: 'vacuum',
          description: `VACUUM of ${VACUUM_DEAD / 1e6}M dead tuples on ${pages} pages, maintenance_work_mem ${cap}`,
          settings,
          statement: 'VACUUM vac',
          measured: r.growth,
          detail: { deadTuples: VACUUM_DEAD, pages, tuplesPerPage: Math.round(VACUUM_DEAD / Math.max(1, pages)) },
        });
      }
    }
    if (want('parallel-sort')) {
      const settings = { work_mem: '8MB', max_parallel_workers_per_gather: 2, parallel_setup_cost: 0, parallel_tuple_cost: 0, min_parallel_table_scan_size: 0 };
      const r = await statementGrowth(server, settings, 'SELECT * FROM t ORDER BY pad OFFSET 1e9');
      const total = r.growth + r.workers.reduce((a, b) => a + b, 0);
      add({
        id: 'parallel-sort',
        kind: 'parallel-sort',
        description: 'a parallel sort, 2 workers planned: the leader\'s growth plus each worker\'s whole private memory',
        settings,
        statement: 'SELECT * FROM t ORDER BY pad',
        measured: total,
        detail: { ...r.facts, workersSeen: r.workers.length, leaderGrowth: r.growth, workerPeaks: r.workers.map((w) => Math.round(w / KB)).join(' ') + ' kB' },
      });
    }
    if (want('glibc')) {
      // The same sort twice in one session, then what the session keeps after a hash join.
      const c = await connect(server);
      try {
        const pid = await backendPid(c);
        await setAll(c, { work_mem: '32MB', hash_mem_multiplier: 2, enable_mergejoin: 'off', enable_nestloop: 'off' });
        await c.query('EXPLAIN SELECT * FROM t ORDER BY pad OFFSET 1e9');
        await c.query('EXPLAIN SELECT * FROM t JOIN m USING (k) OFFSET 1e9');
        await sleep(50);
        const before = procStatus(pid)?.['RssAnon'] ?? 0;
        const runs: number[] = [];
        // Each run's peak over the session's first idle figure.
        for (let i = 0; i < 2; i++) {
          const base = procStatus(pid)?.['RssAnon'] ?? 0;
          const r = await peakDuring(server.pid, [pid], () => c.query('SELECT * FROM t ORDER BY pad OFFSET 1e9'));
          runs.push((r.growth.get(pid) ?? 0) + (base - before) * KB);
        }
        const afterSorts = procStatus(pid)?.['RssAnon'] ?? 0;
        const j = await peakDuring(server.pid, [pid], () => c.query('SELECT * FROM t JOIN m USING (k) OFFSET 1e9'));
        await sleep(200);
        const kept = Math.max(0, (procStatus(pid)?.['RssAnon'] ?? 0) - afterSorts) * KB;
        add({
          id: 'glibc',
          kind: 'glibc',
          description: 'one session: a 32MB sort twice, then a hash join (work_mem 32MB, hash_mem_multiplier 2); what glibc keeps',
          settings: { work_mem: '32MB', hash_mem_multiplier: 2 },
          statement: 'SELECT * FROM t ORDER BY pad (×2); SELECT * FROM t JOIN m USING (k)',
          measured: kept,
          detail: { firstSort: runs[0]!, secondSort: runs[1]!, keptAfterSorts: Math.max(0, afterSorts - before) * KB, hashJoinPeak: j.growth.get(pid) ?? 0, keptAfterHashJoin: kept },
        });
      } finally {
        await c.end();
      }
    }
    if (want('page-tables')) {
      // A fresh session reads t and m through the buffer pool: its page tables grow by 8 bytes
      // per 4kB page of shared memory it touches (huge_pages = off).
      const c = await connect(server);
      try {
        const pid = await backendPid(c);
        await c.query('SELECT 1');
        const before = procStatus(pid);
        await c.query('SELECT count(*) FROM t; SELECT count(*) FROM m; SELECT count(*) FROM t');
        const after = procStatus(pid);
        const touched = ((after?.['RssShmem'] ?? 0) - (before?.['RssShmem'] ?? 0)) * KB;
        add({
          id: 'page-tables',
          kind: 'page-tables',
          description: 'page tables of a session that reads 31MB of tables through the buffer pool (4kB pages)',
          settings: {},
          statement: 'SELECT count(*) FROM t; SELECT count(*) FROM m',
          measured: ((after?.['VmPTE'] ?? 0) - (before?.['VmPTE'] ?? 0)) * KB,
          detail: { shmemTouched: touched, vmPteBefore: (before?.['VmPTE'] ?? 0) * KB },
        });
      } finally {
        await c.end();
      }
    }
    if (want('busy-hour')) {
      // SESSIONS open sessions after catalog access; 4 of them run a sort, a hash aggregate, a
      // hash join and a sort at the same time. Measured: the private memory of every session at
      // its peak (idle ones as they are), and the page tables.
      const clients: pg.Client[] = [];
      try {
        for (let i = 0; i < SESSIONS; i++) clients.push(await connect(server));
        const pids: number[] = [];
        for (const c of clients) pids.push(await backendPid(c));
        for (const c of clients) await c.query(CATALOG_QUERY);
        const settings = { work_mem: '4MB', hash_mem_multiplier: 2 };
        const queries = ['SELECT * FROM t ORDER BY pad OFFSET 1e9', 'SELECT k, count(*) FROM t GROUP BY k OFFSET 1e9', 'SELECT * FROM t JOIN m USING (k) OFFSET 1e9', 'SELECT * FROM m ORDER BY pad, k OFFSET 1e9'];
        const active = clients.slice(0, queries.length);
        for (const c of active) {
          await setAll(c, { ...settings, enable_mergejoin: 'off', enable_nestloop: 'off', enable_sort: 'on' });
        }
        for (let i = 0; i < queries.length; i++) await active[i]!.query(`EXPLAIN ${queries[i]}`);
        await sleep(100);
        const idleBefore = pids.map(privateBytes);
        const r = await peakDuring(server.pid, pids, () => Promise.all(queries.map((q, i) => active[i]!.query(q))));
        const growth = pids.map((p) => r.growth.get(p) ?? 0);
        // The server's own processes (postmaster, checkpointer, …), idle during the scenario.
        const mine = new Set(pids);
        const serverProcesses = [server.pid, ...childrenOf(server.pid).map((k) => k.pid).filter((p) => !mine.has(p))].reduce((a, p) => a + privateBytes(p), 0);
        const privateTotal = idleBefore.reduce((a, b) => a + b, 0) + growth.slice(0, queries.length).reduce((a, b) => a + b, 0) + serverProcesses;
        const pte = pids.map((p) => r.pageTables.get(p) ?? 0);
        const touched = pids.map((p) => r.shmemTouched.get(p) ?? 0);
        add({
          id: 'busy-hour',
          kind: 'busy-hour',
          description: `${SESSIONS} open sessions, ${queries.length} running one sort or hash each at once (2 sorts, a hash aggregate, a hash join); private memory of the whole server`,
          settings: { ...settings, sessions: SESSIONS, active: queries.length },
          statement: queries.join('; '),
          measured: privateTotal,
          detail: {
            serverProcesses,
            sessionsIdle: idleBefore.reduce((a, b) => a + b, 0),
            queryGrowth: growth.slice(0, queries.length).reduce((a, b) => a + b, 0),
            queryGrowthEach: growth.slice(0, queries.length).map((g) => Math.round(g / KB)).join(' ') + ' kB',
            pageTables: pte.reduce((a, b) => a + b, 0),
            shmemTouched: touched.reduce((a, b) => a + b, 0),
          },
        });
      } finally {
        for (const c of clients) await c.end();
      }
    }
  } finally {
    await server.stop();
  }
  return { version, server: SCENARIO_SERVER, scenarios, ms: Date.now() - started };
}

// ---------------------------------------------------------------------------------------------
// Fits recorded by scripts/measure-backend-memory.ts only (too slow for the test suite)

export interface TidStoreFit {
  /** VACUUM growth for dense dead tuples (every row of the pages dead) at two table sizes, and sparse (1 row in 100). */
  points: Array<{ pattern: 'dense' | 'sparse'; deadTuples: number; pages: number; bytes: number }>;
  /** bytes = base + pages × perPage, least squares over the dense points. */
  base: number;
  densePerPage: number;
  /** (bytes − base) / pages for the sparse point (≤ 3 dead tuples per page sit in the radix tree's slot). */
  sparsePerPage: number;
}

/** PostgreSQL 17+: what the TID store of a VACUUM costs per heap page with dead tuples. */
export async function measureTidStore(version: PgMajor, sizes: readonly number[] = [1_000_000, 3_000_000]): Promise<TidStoreFit> {
  const cluster = await getCluster(version);
  const conf = Object.entries(SCENARIO_SERVER).map(([k, v]) => `${k} = '${v}'\n`).join('');
  const server = await startServer(cluster, writeScratch(cluster, `tidstore-${process.pid}.conf`, conf), { freshDataDir: true });
  if (!server.started) throw new Error(`PostgreSQL ${version} did not start:\n${server.stderr}`);
  const points: TidStoreFit['points'] = [];
  const pagesOf = async (table: string): Promise<number> => {
    const c = await connect(server);
    try {
      return Number((await c.query(`SELECT pg_relation_size('${table}') / 8192 AS p`)).rows[0].p);
    } finally {
      await c.end();
    }
  };
  try {
    for (const n of sizes) {
      await run(server, `DROP TABLE IF EXISTS vac; CREATE TABLE vac (id int) WITH (autovacuum_enabled = off); CREATE INDEX ON vac (id)`);
      await run(server, `BEGIN; INSERT INTO vac SELECT generate_series(1, ${n}); ROLLBACK`);
      const pages = await pagesOf('vac');
      const r = await statementGrowth(server, { maintenance_work_mem: '1GB' }, 'VACUUM vac', { explain: false });
      points.push({ pattern: 'dense', deadTuples: n, pages, bytes: r.growth });
    }
    const n = sizes[sizes.length - 1]!;
    await run(server, `DROP TABLE IF EXISTS sp; CREATE TABLE sp WITH (autovacuum_enabled = off) AS SELECT i AS id FROM generate_series(1, ${n}) i; CREATE INDEX ON sp (id)`);
    await run(server, 'VACUUM sp');
    await run(server, 'DELETE FROM sp WHERE id % 100 = 0');
    const pages = await pagesOf('sp');
    const r = await statementGrowth(server, { maintenance_work_mem: '1GB' }, 'VACUUM sp', { explain: false });
    points.push({ pattern: 'sparse', deadTuples: Math.floor(n / 100), pages, bytes: r.growth });
  } finally {
    await server.stop();
  }
  const dense = points.filter((p) => p.pattern === 'dense');
  const mx = dense.reduce((a, p) => a + p.pages, 0) / dense.length;
  const my = dense.reduce((a, p) => a + p.bytes, 0) / dense.length;
  const sxy = dense.reduce((a, p) => a + (p.pages - mx) * (p.bytes - my), 0);
  const sxx = dense.reduce((a, p) => a + (p.pages - mx) ** 2, 0);
  const densePerPage = sxx > 0 ? sxy / sxx : my / mx;
  const base = Math.max(0, my - densePerPage * mx);
  const sparse = points.find((p) => p.pattern === 'sparse')!;
  return { points, base: Math.round(base), densePerPage: Number(densePerPage.toFixed(1)), sparsePerPage: Number(Math.max(0, (sparse.bytes - base) / sparse.pages).toFixed(1)) };
}

export interface GlibcRuns {
  workMem: number;
  /** Peak over the session's first idle figure, per run of the same external sort in one session. */
  runs: number[];
  /** Anonymous memory the session keeps after the last run. */
  keptAfter: number;
  /** The same statement with glibc's dynamic mmap threshold off (GLIBC_TUNABLES): what PostgreSQL itself asks for. */
  fixedThreshold: number[];
}

/** A sort larger than work_mem = 64MB, three times in one session, with glibc's defaults and with a fixed mmap threshold. */
export async function measureGlibc(version: PgMajor, rows = 1_200_000): Promise<GlibcRuns> {
  const cluster = await getCluster(version);
  const conf = Object.entries(SCENARIO_SERVER).map(([k, v]) => `${k} = '${v}'\n`).join('');
  const configPath = writeScratch(cluster, `glibc-${process.pid}.conf`, conf);
  const workMem = 64 * MB;
  const once = async (env: Record<string, string> | undefined): Promise<{ runs: number[]; kept: number }> => {
    const server = await startServer(cluster, configPath, { freshDataDir: true, ...(env ? { env } : {}) });
    if (!server.started) throw new Error(`PostgreSQL ${version} did not start:\n${server.stderr}`);
    try {
      await run(server, `CREATE TABLE big WITH (autovacuum_enabled = off) AS SELECT i AS id, (random() * 1e9)::int AS k, md5(i::text) || md5(i::text) AS pad FROM generate_series(1, ${rows}) i`);
      const c = await connect(server);
      try {
        const pid = await backendPid(c);
        await c.query(`SET work_mem = '64MB'`);
        await c.query('EXPLAIN SELECT * FROM big ORDER BY pad OFFSET 1e9');
        await sleep(50);
        const before = procStatus(pid)?.['RssAnon'] ?? 0;
        const runs: number[] = [];
        for (let i = 0; i < 3; i++) {
          const base = procStatus(pid)?.['RssAnon'] ?? 0;
          const r = await peakDuring(server.pid!, [pid], () => c.query('SELECT * FROM big ORDER BY pad OFFSET 1e9'));
          runs.push((r.growth.get(pid) ?? 0) + (base - before) * KB);
        }
        await sleep(200);
        return { runs, kept: Math.max(0, (procStatus(pid)?.['RssAnon'] ?? 0) - before) * KB };
      } finally {
        await c.end();
      }
    } finally {
      await server.stop();
    }
  };
  const normal = await once(undefined);
  const fixed = await once({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072' });
  return { workMem, runs: normal.runs, keptAfter: normal.kept, fixedThreshold: fixed.runs };
}

export const UNITS = { KB, MB };
