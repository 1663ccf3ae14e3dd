/**
 * Private memory: what each process costs on its own, and four totals (shared memory included)
 * against the host's RAM or container limit:
 *
 * - **typical**: the load at an ordinary moment (the workload's open and running sessions);
 * - **busy hour**: a plausible peak to size against: every session open (poolers keep them),
 *   active = --connections or min(max_connections, k × cores) running a 95th-percentile query,
 *   parallel workers for the parallel share, temp buffers for the sessions that use temporary
 *   tables, WAL senders for the replicas there are, every autovacuum worker with the memory its
 *   dead tuples really take, the workload's maintenance operations, and page tables when the
 *   shared memory is mapped with 4kB pages (docs/reference/dba-review.md#the-busy-hour-and-the-pile-up);
 * - **pile-up**: every connection running one sort or hash at once (a lock released, a
 *   thundering herd);
 * - **theoretical maximum**: every process at every limit at once — a ceiling no server reaches,
 *   labelled as such (pgvet's former "worst case", plus page tables).
 * glibc's overshoot and retention after large sorts and hashes are a range next to each total,
 * not part of it.
 *
 * Every total is linear in work_mem (no term depends on it but through work_mem × a count): each
 * line carries `perWorkMem`, its bytes per byte of work_mem, and the scenario their sum, so a
 * solver can find the largest work_mem under a budget (`workMemForBudget`).
 *
 * Baselines are measurements of real servers (data/backend-memory.json, data/memory-scenarios.json,
 * see data/README.md): PSS without the shared-memory share (Pss − Pss_Shmem) of idle server
 * processes and of client backends after connecting and after catalog access; sorts at
 * 0.97–1.02 × work_mem, hash aggregates 0.98–1.13 × hash_mem, hash joins 0.85, temp_buffers 1.05,
 * CREATE INDEX 1.02–1.10 × maintenance_work_mem, VACUUM's dead tuples × 6 B before 17 and a TID
 * store of ~58 B per heap page from 17. How many of each run comes from the workload profile
 * (src/host/workloads.ts); thresholds live in the rules, never here.
 */
import path from 'node:path';
import type { PgMajor } from '../catalog/types.js';
import { approxBytes, formatBytes } from '../format.js';
import type { Host } from '../host/types.js';
import type { WorkloadProfile } from '../host/workloads.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { ProcessKind, ProcessModel } from './processes.js';
import type { SettingReader } from '../resolve/reader.js';
import { glibcFacts, hashFactor, PAGE_TABLE_SHARE, ROWS_PER_PAGE, vacuumMemory, type VacuumMemory, type VacuumTable } from './terms.js';
import type { Quantity } from './types.js';
import { readPackageJson } from '../io/json.js';

/** Typical queries running at once per core (PostgreSQL wiki, Number Of Database Connections: (cores × 2) + effective spindles). */
const CONCURRENT_QUERIES_PER_CORE = 2;

export const BACKEND_MEMORY_PATH = path.join(PACKAGE_ROOT, 'src', 'simulate', 'data', 'backend-memory.json');

interface Sample {
  Pss: number;
  Pss_Shmem: number;
}

interface MeasuredVersion {
  package: string;
  idleServer: { processes: Array<Sample & { title: string }> };
  backendJustConnected: Sample;
  backendAfterCatalog: Sample;
}

interface MeasurementFile {
  takenAt: string;
  clients: number;
  versions: Record<string, MeasuredVersion>;
}

let measurements: MeasurementFile | undefined;

function measured(): MeasurementFile {
  return (measurements ??= readPackageJson<MeasurementFile>(BACKEND_MEMORY_PATH));
}

const kb = (s: Sample): number => (s.Pss - s.Pss_Shmem) * 1024;

export interface ProcessCosts {
  /** A client backend right after connecting. */
  backendIdle: number;
  /** A client backend after ordinary catalog access (relcache, catcache, plan caches warm). */
  backend: number;
  /** Per process kind at idle, measured where the idle server runs it. */
  byKind: Partial<Record<ProcessKind, number>>;
  /** For auxiliary kinds that were not running when measured. */
  auxDefault: number;
  source: string;
}

export function processCosts(version: PgMajor): ProcessCosts {
  const file = measured();
  const m = file.versions[String(version)];
  if (!m) throw new Error(`simulate: no memory measurements for PostgreSQL ${version} in ${BACKEND_MEMORY_PATH}`);
  const byKind: Partial<Record<ProcessKind, number>> = {};
  const seen = new Map<string, number[]>();
  for (const p of m.idleServer.processes) {
    const kind = p.title === 'postmaster' ? 'postmaster' : p.title.replace(/ \d+$/, '');
    const list = seen.get(kind) ?? [];
    list.push(kb(p));
    seen.set(kind, list);
  }
  for (const [kind, list] of seen) byKind[kind as ProcessKind] = Math.round(list.reduce((a, b) => a + b, 0) / list.length);
  const auxKinds = ['checkpointer', 'background writer', 'walwriter'].map((k) => byKind[k as ProcessKind] ?? 0);
  return {
    backendIdle: kb(m.backendJustConnected),
    backend: kb(m.backendAfterCatalog),
    byKind,
    auxDefault: Math.round(auxKinds.reduce((a, b) => a + b, 0) / auxKinds.length),
    source: `measured PSS without shared memory, ${m.package}, ${file.clients} sessions, ${file.takenAt} (src/simulate/data/backend-memory.json)`,
  };
}

export interface MemoryLine extends Quantity {
  name: string;
  /** The arithmetic with this configuration's numbers, for people: "40 × 2 × 6MB". */
  how: string;
  /** Bytes this line adds per byte of work_mem (the line is linear in work_mem). */
  perWorkMem: number;
  /** `process`: private memory of server processes; `kernel`: page tables the kernel keeps for them. */
  kind: 'process' | 'kernel';
}

/** What glibc malloc and hash tables growing past hash_mem may add, not in the total: from nothing up to `high`. */
export interface GlibcRange {
  low: number;
  high: number;
  formula: string;
  inputs: Record<string, number | string>;
}

export type ScenarioId = 'typical' | 'busyHour' | 'pileUp' | 'theoreticalMax';

export interface MemoryScenario {
  /** What to call it ("busy hour", "theoretical maximum"). */
  label: string;
  /** What it is, in a sentence. */
  description: string;
  /** shared + private + pageTables. */
  bytes: number;
  shared: number;
  /** Private memory of the processes (the `process` lines). */
  private: number;
  /** Page tables for the shared memory (the `kernel` line), 0 with huge pages. */
  pageTables: number;
  lines: MemoryLine[];
  /** d bytes / d work_mem: the total is bytes − perWorkMem × work_mem + perWorkMem × w for any w. */
  perWorkMem: number;
  glibc: GlibcRange;
}

export interface Assumption {
  name: string;
  value: string | number | boolean;
  source: string;
}

export interface PageTableFacts {
  /** true: the shared memory is mapped with 4kB pages; false: huge pages; 'unknown': huge_pages = try and the host did not say. */
  smallPages: boolean | 'unknown';
  /** Page tables of one process that has touched all of the shared memory. */
  perProcess: number;
  reason: string;
}

export interface MemoryModel {
  typical: MemoryScenario;
  busyHour: MemoryScenario;
  pileUp: MemoryScenario;
  theoreticalMax: MemoryScenario;
  /**
   * The former worst case: every limit at once, sessions at the measured backend memory, no page
   * tables (the theoretical maximum counts real-application sessions and page tables). Kept, byte for byte, for
   * the consumers that size against it today (tune's work_mem, rule PGV107) until the guidance
   * is rebuilt on the busy hour and the pile-up; not shown by `pgvet simulate`.
   */
  worstCase: MemoryScenario;
  ram: number | null;
  headroom: Record<ScenarioId | 'worstCase', number | null>;
  pageTables: PageTableFacts;
  assumptions: Assumption[];
}

/**
 * The largest work_mem (bytes, not rounded) at which `scenario` stays within `budget` bytes,
 * given the work_mem it was computed with: every total is linear in work_mem. Infinity when the
 * scenario does not depend on work_mem; below 0 when even work_mem = 0 does not fit.
 */
export function workMemForBudget(scenario: MemoryScenario, workMem: number, budget: number): number {
  if (scenario.perWorkMem <= 0) return Infinity;
  const fixed = scenario.bytes - scenario.perWorkMem * workMem;
  return (budget - fixed) / scenario.perWorkMem;
}

const GB = 1024 ** 3;

export interface MemoryModelInput {
  settings: SettingReader;
  version: PgMajor;
  processes: ProcessModel;
  sharedBytes: number;
  /** Huge pages the shared memory needs (shared_memory_size_in_huge_pages). */
  hugePagesNeeded: number;
  host: Host | undefined;
  profile: WorkloadProfile;
  profileSource: string;
  /** The table autovacuum works on in the busy hour; default a table as large as the RAM. */
  vacuumTable?: VacuumTable;
}

/** Processes that walk the whole buffer pool over their life (their page tables grow with it). */
const POOL_WALKERS: ReadonlySet<ProcessKind> = new Set(['checkpointer', 'background writer', 'io worker', 'startup']);

export function memoryModel(input: MemoryModelInput): MemoryModel {
  const { settings: s, version, processes: procs, sharedBytes, host, profile } = input;
  const costs = processCosts(version);
  const assumptions: Assumption[] = [];
  const assume = (name: string, value: string | number | boolean, source: string): void => {
    assumptions.push({ name, value, source });
  };
  assume('workload', profile.id, input.profileSource);
  assume('backend memory', `${approxBytes(costs.backend)} per session (${approxBytes(costs.backendIdle)} right after connecting)`, costs.source);

  const maxConnections = s.num('max_connections');
  const workMem = s.bytes('work_mem');
  const hmm = s.num('hash_mem_multiplier');
  const hf = hashFactor(profile.hashShare.value, hmm);
  const perNode = workMem * hf;
  const perGather = s.num('max_parallel_workers_per_gather');
  const tempBuffers = s.bytes('temp_buffers');
  const mwm = s.bytes('maintenance_work_mem');
  const avSetting = s.bytes('autovacuum_work_mem');
  const avRaw = avSetting === -1 ? mwm : avSetting;
  const avCap = version < 17 ? Math.min(avRaw, GB) : avRaw;
  const avName = avSetting === -1 ? 'maintenance_work_mem' : 'autovacuum_work_mem';
  const logicalDecoding = s.bytes('logical_decoding_work_mem');
  const walLevel = s.str('wal_level');
  const byKind = new Map(procs.processes.map((p) => [p.kind, p]));
  const parallelMax = byKind.get('parallel worker')?.max ?? 0;
  const poolFree = procs.workerPool.available;
  const avWorkersMax = byKind.get('autovacuum worker')?.max ?? 0;
  const walSendersMax = byKind.get('walsender')?.max ?? 0;
  const autovacuumOn = s.bool('autovacuum');

  assume('sort/hash nodes per query', `${profile.nodesTypical.value} typically, ${profile.nodesP95.value} at the 95th percentile, ${profile.nodesWorst.value} in the theoretical maximum`,
    `${profile.nodesTypical.source}; p95: ${profile.nodesP95.source}; maximum: ${profile.nodesWorst.source}`);
  assume('hash share of work_mem consumers', profile.hashShare.value, profile.hashShare.source);
  assume('wal_segment_size', '16MB', 'fixed at initdb; the stock size is assumed');
  const preload = s.str('shared_preload_libraries', '').trim();
  assume('shared_preload_libraries', preload === '' ? 'none' : preload,
    preload === '' ? 'nothing preloaded' : "not counted: extensions' shared memory (e.g. pg_stat_statements ≈ 1.5–2.2MB at its defaults, docs/reference/server-facts.md#shared-memory-how-the-size-is-computed) and background workers are not modelled");
  if (version < 17) assume('autovacuum dead-tuple memory cap', '1GB per worker', 'PostgreSQL manual, autovacuum_work_mem (docs/sources.md#pg-resource) before 17; 17 removed the cap');

  const perNodeFormula = `work_mem × (${profile.hashShare.value} × hash_mem_multiplier + ${1 - profile.hashShare.value})`;
  const nodeInputs = { work_mem: workMem, hash_mem_multiplier: hmm };
  const auxBytes = (countOf: (p: { count: number; max: number }) => number): { bytes: number; detail: string; walkers: number } => {
    let bytes = 0;
    let walkers = 0;
    const parts: string[] = [];
    for (const p of procs.processes) {
      if (p.slot === 'worker-pool' && p.kind !== 'logical replication launcher') continue;
      if (p.kind === 'client backend' || p.kind === 'walsender' || p.kind === 'autovacuum worker') continue;
      const n = countOf(p);
      if (n === 0) continue;
      const each = costs.byKind[p.kind] ?? costs.auxDefault;
      bytes += n * each;
      if (POOL_WALKERS.has(p.kind)) walkers += n;
      parts.push(n === 1 ? p.kind : `${p.kind} ×${n}`);
    }
    return { bytes, detail: parts.join(', '), walkers };
  };
  const line = (list: MemoryLine[], name: string, bytes: number, formula: string, inputs: Record<string, number | string | boolean>, how: string, perWorkMem = 0, kind: MemoryLine['kind'] = 'process'): void => {
    list.push({ name, bytes: Math.round(bytes), formula, inputs, how, perWorkMem, kind });
  };
  const b = approxBytes;
  const nodeHow = (nodes: number): string => `${nodes} × ${b(perNode)}`;

  // Page tables: 8 bytes per 4kB page of shared memory a process has touched, unless the segment
  // is on huge pages (huge_pages = on, or try with enough pages reserved).
  const pt = pageTableFacts(s.str('huge_pages'), host, input.hugePagesNeeded, sharedBytes);
  assume('page tables', pt.smallPages === false ? 'none to speak of (huge pages)' : `${b(pt.perProcess)} per process that has touched the whole shared memory${pt.smallPages === 'unknown' ? ' (if huge pages are not reserved)' : ''}`, pt.reason);
  if (pt.smallPages !== false) {
    assume('shared memory a long-lived process touches', 'all of it', 'docs/reference/dba-review.md#d7-huge_pages: page tables grow with every shared page a process maps, up to 2MB per GB; sessions kept open by a pooler, the checkpointer and the background writer end up mapping the pool; parallel and autovacuum workers read through small rings and are not counted');
  }
  const pageTableLine = (list: MemoryLine[], processes: number, what: string, counted: boolean): void => {
    if (!counted || processes <= 0) return;
    line(list, 'page tables', processes * pt.perProcess, `(${what}) × shared memory / 512 (one 8-byte entry per 4kB page)`, { processes, shared_memory: sharedBytes }, `${processes} × ${b(pt.perProcess)}`, 0, 'kernel');
  };
  const glibc = glibcFacts();
  assume('beyond the budgets (a range beside each total)', `a sort or hash may peak at up to ${Number((1 + glibc.overshoot).toFixed(2))} × its budget; a session may keep up to ${Math.round(glibc.keptShare * 100)}% of its last hash table`, glibc.source);

  // Vacuum memory as it really grows, for a table as large as the RAM unless told.
  const vacuumTable = input.vacuumTable ?? (host?.ramBytes !== undefined ? { bytes: host.ramBytes, source: 'pgvet: the largest table is about the size of the RAM' } : undefined);
  const maxThreshold = s.has('autovacuum_vacuum_max_threshold') ? s.num('autovacuum_vacuum_max_threshold') : null;
  const vac: VacuumMemory = vacuumMemory(version, avRaw, vacuumTable, {
    threshold: s.num('autovacuum_vacuum_threshold'),
    scaleFactor: s.num('autovacuum_vacuum_scale_factor'),
    maxThreshold,
  });
  assume('table an autovacuum worker vacuums', vacuumTable ? `${b(vacuumTable.bytes)}, ${ROWS_PER_PAGE} rows per 8kB page: ${vac.deadTuples ?? 0} dead tuples at the autovacuum trigger` : 'unknown: the whole limit is counted',
    vacuumTable ? `${vacuumTable.source}; dead tuples = autovacuum_vacuum_threshold + autovacuum_vacuum_scale_factor × rows${maxThreshold !== null ? ', at most autovacuum_vacuum_max_threshold' : ''}` : 'no --ram given');
  assume('dead-tuple memory of one vacuum', `${b(vac.bytes)} of the ${b(vac.cap)} limit`, version < 17
    ? 'before 17 the dead-TID array holds 6 bytes per dead tuple and is resident only as it fills (measured 1.02, memory-scenarios.json)'
    : 'from 17 the TID store grows on demand with the heap pages that have dead tuples (measured per page, memory-scenarios.json)');
  const vacuumLine = (list: MemoryLine[], workers: number, label: string): void => {
    if (workers <= 0) return;
    line(list, 'autovacuum workers', workers * (costs.backend + vac.bytes), `${label} × (backend memory + dead-tuple memory: ${vac.formula}, limit ${avName}${version < 17 ? ' ≤ 1GB' : ''})`,
      { workers, per_worker: vac.bytes, ...vac.inputs }, `${workers} × (${b(costs.backend)} + ${b(vac.bytes)})`);
  };

  // ------------------------------------------------------------------------------- typical
  const hostConnections = host?.connections;
  // Queries running at the same moment are bounded by the CPUs: the PostgreSQL wiki's sizing
  // rule for active connections is about 2 × cores (+ spindles). --connections, when given, wins.
  const cores = host?.cores;
  const byShare = Math.round(Math.min(maxConnections, profile.connections.value) * profile.activeShare.value);
  const coreCap = cores !== undefined ? Math.max(1, Math.ceil(CONCURRENT_QUERIES_PER_CORE * cores)) : Infinity;
  const active = Math.min(maxConnections, hostConnections ?? Math.min(byShare, coreCap));
  const open = Math.min(maxConnections, Math.max(active, hostConnections !== undefined ? Math.ceil(active / profile.activeShare.value) : profile.connections.value));
  if (hostConnections !== undefined) assume('active connections', hostConnections, '--connections');
  else assume('open connections', `min(max_connections, ${profile.connections.value})`, profile.connections.source);
  assume('share of open connections running a query', profile.activeShare.value, profile.activeShare.source);
  if (hostConnections === undefined && coreCap < byShare) {
    assume('queries running at once', `at most ${CONCURRENT_QUERIES_PER_CORE} × ${cores} cores = ${coreCap}`, 'PostgreSQL wiki, Number Of Database Connections: active connections ≈ (cores × 2) + effective spindles (docs/sources.md#wiki-connections)');
  }
  const typical: MemoryLine[] = [];
  line(typical, 'client backends', open * costs.backend, 'open sessions × backend memory', { 'open sessions': open, 'backend memory': Math.round(costs.backend) }, `${open} sessions × ${b(costs.backend)}`);
  line(typical, 'work_mem of running queries', active * profile.nodesTypical.value * perNode, `running queries × ${profile.nodesTypical.value} nodes × ${perNodeFormula}`,
    { 'running queries': active, ...nodeInputs }, `${active} queries × ${nodeHow(profile.nodesTypical.value)}`, active * profile.nodesTypical.value * hf);
  const parallelTypical = Math.min(parallelMax, Math.round(active * profile.parallelShare.value * perGather));
  assume('share of queries that go parallel', profile.parallelShare.value, profile.parallelShare.source);
  if (parallelTypical > 0) {
    line(typical, 'parallel workers', parallelTypical * (costs.backend + profile.nodesTypical.value * perNode), `workers × (backend memory + ${profile.nodesTypical.value} nodes × ${perNodeFormula})`,
      { workers: parallelTypical, max_parallel_workers_per_gather: perGather, ...nodeInputs }, `${parallelTypical} workers × (${b(costs.backend)} + ${nodeHow(profile.nodesTypical.value)})`, parallelTypical * profile.nodesTypical.value * hf);
  }
  const tempSessions = Math.round(open * profile.tempTableShare.value);
  assume('share of sessions using temporary tables', profile.tempTableShare.value, profile.tempTableShare.source);
  if (tempSessions > 0) line(typical, 'temp_buffers', tempSessions * tempBuffers, 'sessions using temporary tables × temp_buffers', { sessions: tempSessions, temp_buffers: tempBuffers }, `${tempSessions} sessions × ${b(tempBuffers)}`);
  const avBusy = autovacuumOn ? Math.min(profile.autovacuumBusy.value, avWorkersMax) : 0;
  assume('autovacuum workers busy', `${profile.autovacuumBusy.value} typically, all of them in the busy hour`, `${profile.autovacuumBusy.source}; busy hour: docs/reference/dba-review.md#the-busy-hour-and-the-pile-up (they can coincide, e.g. to prevent wraparound)`);
  vacuumLine(typical, avBusy, 'busy workers');
  if (profile.maintenanceOps.value.typical > 0) {
    line(typical, 'maintenance operations', profile.maintenanceOps.value.typical * mwm, 'operations × maintenance_work_mem', { operations: profile.maintenanceOps.value.typical, maintenance_work_mem: mwm }, `${profile.maintenanceOps.value.typical} × ${b(mwm)}`);
  }
  assume('manual maintenance operations at once', `${profile.maintenanceOps.value.typical} typically, ${profile.maintenanceOps.value.worst} in the busy hour and at most`, profile.maintenanceOps.source);
  const replicas = Math.min(host?.replicas ?? 0, walSendersMax);
  if (replicas > 0) line(typical, 'WAL senders', replicas * costs.backend, 'replicas × backend memory', { replicas }, `${replicas} × ${b(costs.backend)}`);
  const auxTypical = auxBytes((p) => p.count);
  line(typical, 'server processes', auxTypical.bytes, 'measured memory of each running server process', { processes: auxTypical.detail }, auxTypical.detail);
  // Counted in the typical load only when the host says the pages are small (a guess would move
  // the everyday figure); the bounds below count them whenever huge pages are not known.
  pageTableLine(typical, open + replicas + auxTypical.walkers, 'open sessions + WAL senders + checkpointer, background writer, I/O workers', pt.smallPages === true);

  // ------------------------------------------------------------------------------- busy hour
  const sessionMemory = Math.max(costs.backend, profile.sessionMemory.value);
  assume('memory of an open session in the busy hour', `${b(sessionMemory)}`, profile.sessionMemory.value > costs.backend ? profile.sessionMemory.source : costs.source);
  const k = profile.activePerCore.value;
  const busyActive = Math.min(maxConnections, hostConnections ?? (cores !== undefined ? Math.max(1, Math.ceil(k * cores)) : byShare));
  assume('queries running in the busy hour', hostConnections !== undefined ? `${busyActive} (--connections)` : cores !== undefined ? `min(max_connections, ${k} × ${cores} cores) = ${busyActive}` : `${busyActive} (no --cores: the typical share of the workload's sessions)`,
    hostConnections !== undefined ? '--connections: clients active at once' : profile.activePerCore.source);
  const hfFormula = `work_mem × (1 + ${profile.hashShare.value} × (hash_mem_multiplier − 1))`;
  const busy: MemoryLine[] = [];
  line(busy, 'open sessions', maxConnections * sessionMemory, 'max_connections × session memory (every session open: poolers keep them)', { max_connections: maxConnections, session_memory: sessionMemory }, `${maxConnections} × ${b(sessionMemory)}`);
  line(busy, 'work_mem of running queries', busyActive * profile.nodesP95.value * perNode, `running queries × ${profile.nodesP95.value} nodes (p95) × ${hfFormula}`,
    { 'running queries': busyActive, nodes: profile.nodesP95.value, ...nodeInputs }, `${busyActive} queries × ${nodeHow(profile.nodesP95.value)}`, busyActive * profile.nodesP95.value * hf);
  const busyParallel = Math.min(parallelMax, Math.round(busyActive * profile.parallelShare.value * perGather));
  if (busyParallel > 0) {
    line(busy, 'parallel workers', busyParallel * (costs.backendIdle + profile.nodesP95.value * perNode),
      `min(max_parallel_workers, running queries × ${profile.parallelShare.value} parallel share × max_parallel_workers_per_gather) × (worker memory + ${profile.nodesP95.value} nodes × ${hfFormula})`,
      { workers: busyParallel, max_parallel_workers_per_gather: perGather, worker_memory: Math.round(costs.backendIdle), ...nodeInputs }, `${busyParallel} workers × (${b(costs.backendIdle)} + ${nodeHow(profile.nodesP95.value)})`, busyParallel * profile.nodesP95.value * hf);
    assume('parallel worker memory', `${b(costs.backendIdle)} + its nodes`, 'src/simulate/data/memory-scenarios.json and docs/reference/memory-measurements.md#3-parallel-query: a parallel worker starts at 1.3–1.7MB, like a session right after connecting; a Parallel Hash table lives in dynamic shared memory (/dev/shm), counted here as the workers\' memory');
  }
  const busyTemp = Math.round(maxConnections * profile.tempTableShare.value);
  if (busyTemp > 0) line(busy, 'temp_buffers', busyTemp * tempBuffers, `max_connections × ${profile.tempTableShare.value} (sessions using temporary tables) × temp_buffers`, { sessions: busyTemp, temp_buffers: tempBuffers }, `${busyTemp} sessions × ${b(tempBuffers)}`);
  const busyAv = autovacuumOn ? avWorkersMax : 0;
  vacuumLine(busy, busyAv, 'autovacuum_max_workers');
  const ops = profile.maintenanceOps.value.worst;
  if (ops > 0) line(busy, 'maintenance operations', ops * mwm, 'operations × maintenance_work_mem (CREATE INDEX, REINDEX, ALTER TABLE … ADD FOREIGN KEY)', { operations: ops, maintenance_work_mem: mwm }, `${ops} × ${b(mwm)}`);
  if (replicas > 0) line(busy, 'WAL senders', replicas * costs.backend, 'replicas × backend memory (streaming replicas decode nothing)', { replicas }, `${replicas} × ${b(costs.backend)}`);
  if (walLevel === 'logical') assume('logical replication', 'not counted', `wal_level = logical: each logical decoding stream adds up to logical_decoding_work_mem (${b(logicalDecoding)}) before it spills; --replicas counts streaming replicas only`);
  line(busy, 'server processes', auxTypical.bytes, 'measured memory of each running server process', { processes: auxTypical.detail }, auxTypical.detail);
  pageTableLine(busy, maxConnections + replicas + auxTypical.walkers, 'max_connections + WAL senders + checkpointer, background writer, I/O workers', pt.smallPages !== false);

  // ------------------------------------------------------------------------------- pile-up
  const pile: MemoryLine[] = [];
  line(pile, 'sessions with one node each', maxConnections * (sessionMemory + perNode), `max_connections × (session memory + ${hfFormula})`,
    { max_connections: maxConnections, session_memory: sessionMemory, ...nodeInputs }, `${maxConnections} × (${b(sessionMemory)} + ${b(perNode)})`, maxConnections * hf);
  if (busyTemp > 0) line(pile, 'temp_buffers', busyTemp * tempBuffers, `max_connections × ${profile.tempTableShare.value} (sessions using temporary tables) × temp_buffers`, { sessions: busyTemp, temp_buffers: tempBuffers }, `${busyTemp} sessions × ${b(tempBuffers)}`);
  vacuumLine(pile, busyAv, 'autovacuum_max_workers');
  line(pile, 'maintenance operation', mwm, 'one maintenance_work_mem', { maintenance_work_mem: mwm }, b(mwm));
  if (replicas > 0) line(pile, 'WAL senders', replicas * costs.backend, 'replicas × backend memory', { replicas }, `${replicas} × ${b(costs.backend)}`);
  line(pile, 'server processes', auxTypical.bytes, 'measured memory of each running server process', { processes: auxTypical.detail }, auxTypical.detail);
  pageTableLine(pile, maxConnections + replicas + auxTypical.walkers, 'max_connections + WAL senders + checkpointer, background writer, I/O workers', pt.smallPages !== false);

  // ------------------------------------------------------------------------------- every limit at once
  // The former worst case (backend memory as measured; what tune and PGV107 read) and the
  // theoretical maximum (sessions as in the busy hour, so that it stays above it, and page tables).
  const auxWorst = auxBytes((p) => p.max);
  const everyLimit = (session: number, sessionSource: string): MemoryLine[] => {
    const lines: MemoryLine[] = [];
    line(lines, 'client backends', maxConnections * (session + profile.nodesWorst.value * perNode), `max_connections × (${sessionSource} + ${profile.nodesWorst.value} nodes × ${perNodeFormula})`,
      { max_connections: maxConnections, ...nodeInputs }, `${maxConnections} × (${b(session)} + ${nodeHow(profile.nodesWorst.value)})`, maxConnections * profile.nodesWorst.value * hf);
    if (parallelMax > 0) {
      line(lines, 'parallel workers', parallelMax * (costs.backend + profile.nodesWorst.value * perNode), `min(max_parallel_workers, free max_worker_processes) × (backend memory + ${profile.nodesWorst.value} nodes × work_mem …)`,
        { workers: parallelMax }, `${parallelMax} × (${b(costs.backend)} + ${nodeHow(profile.nodesWorst.value)})`, parallelMax * profile.nodesWorst.value * hf);
    }
    const otherWorkers = Math.max(0, poolFree - parallelMax);
    if (otherWorkers > 0) line(lines, 'other background workers', otherWorkers * costs.backend, 'the rest of max_worker_processes × backend memory', { workers: otherWorkers }, `${otherWorkers} × ${b(costs.backend)}`);
    line(lines, 'temp_buffers', maxConnections * tempBuffers, 'max_connections × temp_buffers', { max_connections: maxConnections, temp_buffers: tempBuffers }, `${maxConnections} × ${b(tempBuffers)}`);
    if (avWorkersMax > 0) {
      line(lines, 'autovacuum workers', avWorkersMax * (costs.backend + avCap), `autovacuum workers × (backend memory + ${avName}${version < 17 ? ', at most 1GB' : ''})`,
        { workers: avWorkersMax, per_worker: avCap }, `${avWorkersMax} × (${b(costs.backend)} + ${b(avCap)})`);
    }
    if (profile.maintenanceOps.value.worst > 0) {
      line(lines, 'maintenance operations', profile.maintenanceOps.value.worst * mwm, 'operations × maintenance_work_mem', { operations: profile.maintenanceOps.value.worst, maintenance_work_mem: mwm }, `${profile.maintenanceOps.value.worst} × ${b(mwm)}`);
    }
    if (walSendersMax > 0) {
      const decoding = walLevel === 'logical' ? logicalDecoding : 0;
      line(lines, 'WAL senders', walSendersMax * (costs.backend + decoding), walLevel === 'logical' ? 'max_wal_senders × (backend memory + logical_decoding_work_mem)' : 'max_wal_senders × backend memory (wal_level is not logical: no decoding buffers)',
        { max_wal_senders: walSendersMax, logical_decoding_work_mem: decoding }, decoding ? `${walSendersMax} × (${b(costs.backend)} + ${b(decoding)})` : `${walSendersMax} × ${b(costs.backend)}`);
    }
    line(lines, 'server processes', auxWorst.bytes, 'measured memory of each server process that can run', { processes: auxWorst.detail }, auxWorst.detail);
    return lines;
  };
  const worst = everyLimit(costs.backend, 'backend memory');
  const ceiling = everyLimit(sessionMemory, 'session memory');
  pageTableLine(ceiling, maxConnections + walSendersMax + parallelMax + avWorkersMax + auxWorst.walkers, 'every client backend, WAL sender, parallel and autovacuum worker + checkpointer, background writer, I/O workers', pt.smallPages !== false);

  // ------------------------------------------------------------------------------- glibc
  const over = glibc.overshoot;
  const kept = glibc.keptShare;
  const glibcRange = (running: number, idle: number, maintenance: number): GlibcRange => ({
    low: 0,
    high: Math.round(over * (running * perNode + maintenance * mwm) + kept * idle * perNode),
    formula: `${over} × (sort/hash nodes running × ${hfFormula}${maintenance ? ' + maintenance_work_mem of the operations' : ''})${idle ? ` + ${kept} × idle sessions × ${hfFormula} (kept after their last query)` : ''}`,
    inputs: { overshoot: over, kept_share: kept, nodes_running: running, idle_sessions: idle, ...nodeInputs },
  });

  const scenario = (label: string, description: string, lines: MemoryLine[], range: GlibcRange): MemoryScenario => {
    const priv = lines.filter((l) => l.kind === 'process').reduce((a, l) => a + l.bytes, 0);
    const tables = lines.filter((l) => l.kind === 'kernel').reduce((a, l) => a + l.bytes, 0);
    const perWorkMem = lines.reduce((a, l) => a + l.perWorkMem, 0);
    return { label, description, bytes: sharedBytes + priv + tables, shared: sharedBytes, private: priv, pageTables: tables, lines, perWorkMem, glibc: range };
  };
  const nodesTypicalRunning = (active + parallelTypical) * profile.nodesTypical.value;
  const t = scenario('typical', 'an ordinary moment: the workload\'s open sessions, a share of them running a typical query', typical,
    glibcRange(nodesTypicalRunning, Math.max(0, open - active), profile.maintenanceOps.value.typical));
  const busyHour = scenario('busy hour', 'a plausible peak: every session open, the active ones running a 95th-percentile query, autovacuum and maintenance busy', busy,
    glibcRange((busyActive + busyParallel) * profile.nodesP95.value, Math.max(0, maxConnections - busyActive), ops));
  const pileUp = scenario('pile-up', 'every connection running one sort or hash at once (a lock released, a thundering herd)', pile, glibcRange(maxConnections, 0, 1));
  const maxRange = glibcRange((maxConnections + parallelMax) * profile.nodesWorst.value, 0, profile.maintenanceOps.value.worst);
  const theoreticalMax = scenario('theoretical maximum', 'every process at every limit at once: a ceiling no server reaches, not a target', ceiling, maxRange);
  const worstCase = scenario('worst case (former)', 'every process at every limit at once, sessions at their measured memory, no page tables', worst, maxRange);
  const ram = host?.ramBytes ?? null;
  const left = (x: MemoryScenario): number | null => (ram === null ? null : ram - x.bytes);
  return {
    typical: t,
    busyHour,
    pileUp,
    theoreticalMax,
    worstCase,
    ram,
    headroom: { typical: left(t), busyHour: left(busyHour), pileUp: left(pileUp), theoreticalMax: left(theoreticalMax), worstCase: left(worstCase) },
    pageTables: pt,
    assumptions,
  };
}

/** Whether the shared memory is mapped with 4kB pages, and what that costs one process. */
export function pageTableFacts(hugePagesSetting: string, host: Host | undefined, needed: number, sharedBytes: number): PageTableFacts {
  const perProcess = Math.round(sharedBytes * PAGE_TABLE_SHARE);
  if (hugePagesSetting === 'off') return { smallPages: true, perProcess, reason: 'huge_pages = off: the shared memory is mapped with 4kB pages' };
  if (hugePagesSetting === 'on') return { smallPages: false, perProcess: 0, reason: 'huge_pages = on: the server starts only on huge pages' };
  const hp = host?.hugePages;
  if (hp === true) return { smallPages: false, perProcess: 0, reason: 'huge_pages = try and the host has huge pages reserved' };
  if (hp === false || hp === 0) return { smallPages: true, perProcess, reason: 'huge_pages = try falls back to 4kB pages: the host has no huge pages reserved' };
  if (typeof hp === 'number') {
    return hp >= needed
      ? { smallPages: false, perProcess: 0, reason: `huge_pages = try: ${hp} huge pages reserved, ${needed} needed` }
      : { smallPages: true, perProcess, reason: `huge_pages = try falls back to 4kB pages: ${hp} huge pages reserved, ${needed} needed (vm.nr_hugepages)` };
  }
  return { smallPages: 'unknown', perProcess, reason: 'huge_pages = try and the host does not say whether huge pages are reserved (stock Linux reserves none: then the server falls back to 4kB pages); counted in the busy hour, pile-up and maximum' };
}
