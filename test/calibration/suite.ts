/**
 * Calibration of the simulator against the real servers 13–18 (one jest file per version):
 *
 * - shared memory: for seeded random configurations, the model's bytes against the exact size
 *   the server allocates (its DEBUG3 line "invoking IpcMemoryCreate(size=N)" at a real start)
 *   and, on 15+, its own `postgres -C shared_memory_size` / `shared_memory_size_in_huge_pages`.
 *   Every case must be within 1 %; the report counts the exact ones.
 * - processes: the idle children of a started postmaster (from /proc), classified by their
 *   titles, against the model's idle count for every kind.
 *
 * Reports land in dist/calibration-report/pgNN-*.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/catalog.js';
import type { PgMajor } from '../../src/catalog/types.js';
import { loadConfig } from '../../src/resolve/load.js';
import { resolveSettings } from '../../src/resolve/settings.js';
import { simulate, type Estimate } from '../../src/simulate/index.js';
import { PROCESS_TITLES, type ProcessKind } from '../../src/simulate/processes.js';
import { checkConfigFile, getCluster, pgAvailable, startServer, writeScratch, type Cluster } from '../support/pg.js';
import { childrenOf, procfsAvailable } from '../../scripts/lib/procfs.js';
import { configText, randomCase, rng, type CalibrationCase } from './generator.js';

export const CASES_PER_VERSION = Number(process.env.PGVET_CALIBRATION_CASES ?? 60);
export const SEED = Number(process.env.PGVET_CALIBRATION_SEED ?? 20261121);
/** Keep every started server well inside a CI runner's memory. */
const MAX_STARTED_BYTES = 3 * 1024 ** 3;

function estimateFor(version: PgMajor, configPath: string): Estimate {
  const config = loadConfig(configPath);
  const resolution = resolveSettings(config.items, loadCatalog(version));
  const invalid = resolution.items.filter((i) => i.status.kind === 'invalid' || i.status.kind === 'unknown');
  if (invalid.length) throw new Error(`generated config is invalid for ${version}: ${invalid.map((i) => i.item.entry.name).join(', ')}`);
  return simulate({ settings: resolution.settings, version });
}

function writeReport(version: number, kind: string, summary: object): void {
  const dir = path.resolve('dist', 'calibration-report');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `pg${version}-${kind}.json`), JSON.stringify(summary, null, 2));
}

/** The size the server computes, from its DEBUG3 line at a real start (the start may then fail: the line comes first). */
async function exactBytes(cluster: Cluster, configPath: string): Promise<{ bytes: number | null; started: boolean; stderr: string }> {
  const server = await startServer(cluster, configPath, { extraArgs: ['-c', 'log_min_messages=debug3', '-c', 'logging_collector=off'] });
  try {
    const find = (): RegExpExecArray | null => /invoking IpcMemoryCreate\(size=(\d+)\)/.exec(server.stderr);
    // readiness is read from postmaster.pid, which can come before the pipe has delivered the line
    for (let i = 0; i < 60 && server.started && !find(); i++) await new Promise((r) => setTimeout(r, 50));
    const m = find();
    return { bytes: m?.[1] ? Number(m[1]) : null, started: server.started, stderr: server.stderr };
  } finally {
    if (server.started) await server.stop();
  }
}

interface ShmemOutcome {
  id: string;
  model: number;
  modelMB: number;
  server: number | null;
  serverMB: number | null;
  modelHugePages: number;
  serverHugePages: number | null;
  relError: number | null;
  exactBytes: boolean;
  exactMB: boolean | null;
  problem: string | null;
}

/** Would a mapping of `bytes` surely be refused here (overcommit heuristic, more than RAM + swap)? */
function surelyRefused(bytes: number): boolean {
  try {
    const mode = fs.readFileSync('/proc/sys/vm/overcommit_memory', 'utf8').trim();
    const meminfo = fs.readFileSync('/proc/meminfo', 'utf8');
    const kb = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(meminfo)?.[1] ?? 0) * 1024;
    return (mode === '0' || mode === '2') && bytes > 2 * (kb('MemTotal') + kb('SwapTotal'));
  } catch {
    return false;
  }
}

async function shmemCase(cluster: Cluster, version: PgMajor, c: CalibrationCase, opts: { start: boolean }): Promise<ShmemOutcome> {
  const configPath = writeScratch(cluster, `calibration/${c.id}.conf`, configText(c));
  const e = estimateFor(version, configPath);
  const model = e.sharedMemory.bytes;
  let server: number | null = null;
  let problem: string | null = null;
  if (opts.start) {
    const r = await exactBytes(cluster, configPath);
    server = r.bytes;
    if (server === null) problem = `no IpcMemoryCreate line (started: ${r.started}): ${r.stderr.split('\n').filter((l) => /FATAL|ERROR/.test(l)).slice(0, 2).join(' | ')}`;
  }
  let serverMB: number | null = null;
  let serverHugePages: number | null = null;
  if (version >= 15) {
    const mb = await checkConfigFile(cluster, configPath, { show: 'shared_memory_size' });
    const hp = await checkConfigFile(cluster, configPath, { show: 'shared_memory_size_in_huge_pages' });
    serverMB = mb.value !== null ? Number(mb.value) : null;
    serverHugePages = hp.value !== null ? Number(hp.value) : null;
    if (serverMB === null) problem = `postgres -C shared_memory_size failed: ${mb.stderr.trim().split('\n')[0]}`;
  }
  const relError = server !== null ? Math.abs(model - server) / server : serverMB !== null ? Math.abs(e.sharedMemory.megabytes - serverMB) / serverMB : null;
  if (problem === null && relError !== null && relError > 0.01) problem = `off by ${(relError * 100).toFixed(2)} %`;
  if (problem === null && serverMB !== null && serverHugePages !== null && e.sharedMemory.hugePages !== serverHugePages && server !== null && model === server) {
    problem = `huge pages ${e.sharedMemory.hugePages} vs the server's ${serverHugePages}`;
  }
  return {
    id: c.id,
    model,
    modelMB: e.sharedMemory.megabytes,
    server,
    serverMB,
    modelHugePages: e.sharedMemory.hugePages,
    serverHugePages,
    relError,
    exactBytes: server !== null && server === model,
    exactMB: serverMB === null ? null : serverMB === e.sharedMemory.megabytes,
    problem,
  };
}

/** The generated cases for a version: the defaults, the minimum, then seeded random ones the model keeps under MAX_STARTED_BYTES. */
export function shmemCases(version: PgMajor, count = CASES_PER_VERSION): CalibrationCase[] {
  const r = rng(SEED + version);
  const cases: CalibrationCase[] = [
    { id: 'defaults', settings: {} },
    { id: 'initdb', settings: { shared_buffers: '128MB', max_connections: 100 } },
    { id: 'minimum', settings: { shared_buffers: '128kB', max_connections: 5, max_worker_processes: 0, max_wal_senders: 0, max_locks_per_transaction: 10, max_pred_locks_per_transaction: 10, max_replication_slots: 0, max_logical_replication_workers: 0, ...(version >= 18 ? { autovacuum_worker_slots: 1, autovacuum_max_workers: 1, max_active_replication_origins: 0 } : { autovacuum_max_workers: 1 }) } },
  ];
  for (let i = 0; cases.length < count + 3 && i < count * 20; i++) cases.push(randomCase(version, r, `random-${String(i).padStart(3, '0')}`));
  return cases;
}

export function calibrationSuite(version: PgMajor): void {
  const available = pgAvailable(version) && procfsAvailable();
  (available ? describe : describe.skip)(`PostgreSQL ${version}: the simulator against the real server`, () => {
    let cluster: Cluster;
    beforeAll(async () => {
      cluster = await getCluster(version);
    }, 120_000);

    test(`shared memory of ${CASES_PER_VERSION} generated configurations (seed ${SEED}) within 1 %`, async () => {
      const outcomes: ShmemOutcome[] = [];
      for (const c of shmemCases(version)) {
        const configPath = writeScratch(cluster, `calibration/${c.id}.conf`, configText(c));
        if (estimateFor(version, configPath).sharedMemory.bytes > MAX_STARTED_BYTES) continue;
        outcomes.push(await shmemCase(cluster, version, c, { start: true }));
        if (outcomes.length >= CASES_PER_VERSION + 3) break;
      }
      // The checkpointer queue cap (10M requests) needs shared_buffers > 76GB: asked of `postgres -C`
      // on 15+ (nothing is allocated), of a start on 13–14 only where the mapping is sure to be refused.
      const huge: CalibrationCase = { id: 'huge-shared-buffers', settings: { shared_buffers: '100GB' } };
      if (version >= 15) outcomes.push(await shmemCase(cluster, version, huge, { start: false }));
      else if (surelyRefused(100 * 1024 ** 3)) outcomes.push(await shmemCase(cluster, version, huge, { start: true }));
      const measured = outcomes.filter((o) => o.server !== null || o.serverMB !== null);
      const summary = {
        version,
        seed: SEED,
        cases: outcomes.length,
        exactBytes: outcomes.filter((o) => o.exactBytes).length,
        exactMB: version >= 15 ? outcomes.filter((o) => o.exactMB).length : null,
        maxRelError: Math.max(0, ...measured.map((o) => o.relError ?? 0)),
        host: { cpus: os.cpus().length, memTotal: os.totalmem() },
        problems: outcomes.filter((o) => o.problem).map((o) => `${o.id}: ${o.problem} (model ${o.model}, server ${o.server ?? '-'} bytes / ${o.serverMB ?? '-'} MB)`),
        outcomes,
      };
      writeReport(version, 'shmem', summary);
      console.log(
        `PostgreSQL ${version} shared memory: ${summary.cases} cases, ${summary.exactBytes} byte-exact` +
          (summary.exactMB !== null ? `, ${summary.exactMB} with the exact shared_memory_size MB` : '') +
          `, max error ${(summary.maxRelError * 100).toFixed(3)} %`,
      );
      expect(summary.problems).toEqual([]);
      expect(summary.cases).toBeGreaterThanOrEqual(Math.min(CASES_PER_VERSION, 10));
    }, 600_000);

    test('idle processes of started servers', async () => {
      const outcomes = [];
      for (const c of processCases(version)) outcomes.push(await processCase(cluster, version, c));
      const summary = { version, cases: outcomes.length, problems: outcomes.filter((o) => o.problem).map((o) => `${o.id}: ${o.problem}`), outcomes };
      writeReport(version, 'processes', summary);
      console.log(`PostgreSQL ${version} idle processes: ${outcomes.length} configurations, ${outcomes.filter((o) => !o.problem).length} exact`);
      expect(summary.problems).toEqual([]);
    }, 300_000);
  });
}

// ---------------------------------------------------------------------------------------------
// Processes

export function processCases(version: PgMajor): CalibrationCase[] {
  const cases: CalibrationCase[] = [
    { id: 'defaults', settings: {} },
    { id: 'no-launchers', settings: { autovacuum: 'off', max_logical_replication_workers: 0 } },
    { id: 'archiver-and-logger', settings: { archive_mode: 'on', archive_command: '/bin/true', logging_collector: 'on' } },
    { id: 'no-worker-slots', settings: { max_worker_processes: 0 } },
    { id: 'no-track-counts', settings: { track_counts: 'off' } },
  ];
  if (version >= 17) cases.push({ id: 'wal-summarizer', settings: { summarize_wal: 'on' } });
  if (version >= 18) {
    cases.push({ id: 'io-sync', settings: { io_method: 'sync' } });
    cases.push({ id: 'io-workers-5', settings: { io_method: 'worker', io_workers: 5 } });
  }
  return cases;
}

function classify(title: string): ProcessKind | 'unknown' {
  return PROCESS_TITLES.find((t) => t.pattern.test(title))?.kind ?? 'unknown';
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function processCase(cluster: Cluster, version: PgMajor, c: CalibrationCase): Promise<{ id: string; expected: Record<string, number>; observed: Record<string, number>; problem: string | null }> {
  const configPath = writeScratch(cluster, `calibration/proc-${c.id}.conf`, configText(c));
  const e = estimateFor(version, configPath);
  const expected: Record<string, number> = {};
  for (const p of e.processes.processes) if (p.kind !== 'postmaster' && p.count > 0) expected[p.kind] = p.count;
  // Kinds that come and go on their own at idle (an autovacuum worker may visit a database).
  const transient = new Set(e.processes.processes.filter((p) => p.count === 0 && p.max > 0).map((p) => p.kind as string));
  const server = await startServer(cluster, configPath, c.settings.logging_collector === 'on' ? {} : { extraArgs: ['-c', 'logging_collector=off'] });
  if (!server.started || server.pid === undefined) return { id: c.id, expected, observed: {}, problem: `did not start: ${server.stderr.slice(-300)}` };
  try {
    // Children appear after "ready" (launchers, I/O workers, archiver). Poll /proc until the set
    // of non-transient children has been the same for 1.5 s (at least 1 s after start); a set
    // that differs from the model's gets 5 s of stability before it counts (a loaded machine may
    // start a launcher late), and everything stops at 20 s.
    const started = Date.now();
    const want = JSON.stringify(Object.entries(expected).sort());
    let last = '';
    let since = Date.now();
    let observed: Record<string, number> = {};
    for (;;) {
      const now: Record<string, number> = {};
      for (const child of childrenOf(server.pid)) {
        const kind = classify(child.title);
        if (transient.has(kind)) continue;
        now[kind] = (now[kind] ?? 0) + 1;
      }
      const key = JSON.stringify(Object.entries(now).sort());
      if (key !== last) {
        last = key;
        since = Date.now();
        observed = now;
      } else {
        const stable = Date.now() - since;
        if (Date.now() - started >= 1000 && (stable >= 5000 || (stable >= 1500 && key === want))) break;
      }
      if (Date.now() - started > 20_000) break;
      await sleep(100);
    }
    const keys = new Set([...Object.keys(expected), ...Object.keys(observed)]);
    const diffs = [...keys].filter((k) => (expected[k] ?? 0) !== (observed[k] ?? 0)).map((k) => `${k}: model ${expected[k] ?? 0}, server ${observed[k] ?? 0}`);
    return { id: c.id, expected, observed, problem: diffs.length ? diffs.join('; ') : null };
  } finally {
    await server.stop();
  }
}
