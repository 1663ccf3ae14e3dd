/**
 * Private memory: what each process costs on its own, and the typical and worst-case total
 * (shared memory included) against the host's RAM.
 *
 * Baselines are measurements of real servers (data/backend-memory.json, see data/README.md):
 * PSS without the shared-memory share (Pss − Pss_Shmem, i.e. anonymous memory plus the process's
 * share of the binary and libraries) of idle server processes and of client backends right
 * after connecting and after ordinary catalog access. On top of that come the memory settings,
 * multiplied the way the server multiplies them (postgres-facts.md §5.2):
 * work_mem × sort/hash nodes × hash_mem_multiplier for hash nodes × (1 + parallel workers),
 * temp_buffers per session that uses temporary tables, maintenance_work_mem per maintenance
 * operation, autovacuum_work_mem (or maintenance_work_mem) per autovacuum worker with the 1GB
 * dead-tuple cap before 17, logical_decoding_work_mem per logical WAL sender.
 * How many of each run comes from the workload profile (src/host/workloads.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PgMajor } from '../catalog/types.js';
import { formatBytes } from '../catalog/values.js';
import type { Host } from '../host/types.js';
import type { WorkloadProfile } from '../host/workloads.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { ProcessKind, ProcessModel } from './processes.js';
import type { SettingReader } from './settings.js';
import type { Quantity } from './types.js';

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
  return (measurements ??= JSON.parse(fs.readFileSync(BACKEND_MEMORY_PATH, 'utf8')) as MeasurementFile);
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
}

export interface MemoryScenario {
  /** Shared memory + private memory. */
  bytes: number;
  shared: number;
  private: number;
  lines: MemoryLine[];
}

export interface Assumption {
  name: string;
  value: string | number | boolean;
  source: string;
}

export interface MemoryModel {
  typical: MemoryScenario;
  worstCase: MemoryScenario;
  ram: number | null;
  headroom: { typical: number | null; worstCase: number | null };
  assumptions: Assumption[];
}

const GB = 1024 ** 3;

export function memoryModel(
  s: SettingReader,
  version: PgMajor,
  procs: ProcessModel,
  sharedBytes: number,
  host: Host | undefined,
  profile: WorkloadProfile,
  profileSource: string,
): MemoryModel {
  const costs = processCosts(version);
  const assumptions: Assumption[] = [];
  const assume = (name: string, value: string | number | boolean, source: string): void => {
    assumptions.push({ name, value, source });
  };
  assume('workload', profile.id, profileSource);
  assume('backend memory', `${formatBytes(Math.round(costs.backend))} per session (${formatBytes(Math.round(costs.backendIdle))} right after connecting)`, costs.source);

  const maxConnections = s.num('max_connections');
  const workMem = s.bytes('work_mem');
  const hmm = s.num('hash_mem_multiplier');
  const perNode = workMem * (profile.hashShare.value * hmm + (1 - profile.hashShare.value));
  const perGather = s.num('max_parallel_workers_per_gather');
  const tempBuffers = s.bytes('temp_buffers');
  const mwm = s.bytes('maintenance_work_mem');
  const avSetting = s.bytes('autovacuum_work_mem');
  const avRaw = avSetting === -1 ? mwm : avSetting;
  const avCap = version < 17 ? Math.min(avRaw, GB) : avRaw;
  const logicalDecoding = s.bytes('logical_decoding_work_mem');
  const walLevel = s.str('wal_level');
  const byKind = new Map(procs.processes.map((p) => [p.kind, p]));
  const parallelMax = byKind.get('parallel worker')?.max ?? 0;
  const poolFree = procs.workerPool.available;
  const avWorkersMax = byKind.get('autovacuum worker')?.max ?? 0;
  const walSendersMax = byKind.get('walsender')?.max ?? 0;
  const autovacuumOn = s.bool('autovacuum');

  assume('sort/hash nodes per query', `${profile.nodesTypical.value} typically, ${profile.nodesWorst.value} at worst`, `${profile.nodesTypical.source}; worst: ${profile.nodesWorst.source}`);
  assume('hash share of work_mem consumers', profile.hashShare.value, profile.hashShare.source);
  assume('wal_segment_size', '16MB', 'fixed at initdb; the stock size is assumed');
  const preload = s.str('shared_preload_libraries', '').trim();
  assume('shared_preload_libraries', preload === '' ? 'none' : preload,
    preload === '' ? 'nothing preloaded' : "not counted: extensions' shared memory (e.g. pg_stat_statements ≈ 1.5–2.2MB at its defaults, postgres-facts.md §3.1) and background workers are not modelled");
  if (version < 17) assume('autovacuum dead-tuple memory cap', '1GB per worker', 'PostgreSQL docs (autovacuum_work_mem) before 17; 17 removed the cap');

  const perNodeFormula = `work_mem × (${profile.hashShare.value} × hash_mem_multiplier + ${1 - profile.hashShare.value})`;
  const nodeInputs = { work_mem: workMem, hash_mem_multiplier: hmm };
  const auxBytes = (countOf: (p: { count: number; max: number }) => number): { bytes: number; detail: string } => {
    let bytes = 0;
    const parts: string[] = [];
    for (const p of procs.processes) {
      if (p.slot === 'worker-pool' && p.kind !== 'logical replication launcher') continue;
      if (p.kind === 'client backend' || p.kind === 'walsender' || p.kind === 'autovacuum worker') continue;
      const n = countOf(p);
      if (n === 0) continue;
      const each = costs.byKind[p.kind] ?? costs.auxDefault;
      bytes += n * each;
      parts.push(n === 1 ? p.kind : `${p.kind} ×${n}`);
    }
    return { bytes, detail: parts.join(', ') };
  };

  // Typical.
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
    assume('queries running at once', `at most ${CONCURRENT_QUERIES_PER_CORE} × ${cores} cores = ${coreCap}`, 'PostgreSQL wiki, Number Of Database Connections: active connections ≈ (cores × 2) + effective spindles');
  }
  const typical: MemoryLine[] = [];
  const line = (list: MemoryLine[], name: string, bytes: number, formula: string, inputs: Record<string, number | string | boolean>, how: string): void => {
    list.push({ name, bytes: Math.round(bytes), formula, inputs, how });
  };
  const b = (n: number): string => {
    for (const [unit, size] of [['GB', GB], ['MB', 1024 ** 2]] as const) if (n >= size) return `${Number((n / size).toFixed(1))}${unit}`;
    return formatBytes(Math.round(n));
  };
  const nodeHow = (nodes: number): string => `${nodes} × ${b(perNode)}`;
  line(typical, 'client backends', open * costs.backend, 'open sessions × backend memory', { 'open sessions': open, 'backend memory': Math.round(costs.backend) }, `${open} sessions × ${b(costs.backend)}`);
  line(typical, 'work_mem of running queries', active * profile.nodesTypical.value * perNode, `running queries × ${profile.nodesTypical.value} nodes × ${perNodeFormula}`,
    { 'running queries': active, ...nodeInputs }, `${active} queries × ${nodeHow(profile.nodesTypical.value)}`);
  const parallelTypical = Math.min(parallelMax, Math.round(active * profile.parallelShare.value * perGather));
  assume('share of queries that go parallel', profile.parallelShare.value, profile.parallelShare.source);
  if (parallelTypical > 0) {
    line(typical, 'parallel workers', parallelTypical * (costs.backend + profile.nodesTypical.value * perNode), `workers × (backend memory + ${profile.nodesTypical.value} nodes × ${perNodeFormula})`,
      { workers: parallelTypical, max_parallel_workers_per_gather: perGather, ...nodeInputs }, `${parallelTypical} workers × (${b(costs.backend)} + ${nodeHow(profile.nodesTypical.value)})`);
  }
  const tempSessions = Math.round(open * profile.tempTableShare.value);
  assume('share of sessions using temporary tables', profile.tempTableShare.value, profile.tempTableShare.source);
  if (tempSessions > 0) line(typical, 'temp_buffers', tempSessions * tempBuffers, 'sessions using temporary tables × temp_buffers', { sessions: tempSessions, temp_buffers: tempBuffers }, `${tempSessions} sessions × ${b(tempBuffers)}`);
  const avBusy = autovacuumOn ? Math.min(profile.autovacuumBusy.value, avWorkersMax) : 0;
  assume('autovacuum workers busy', `${profile.autovacuumBusy.value} typically, all at worst`, profile.autovacuumBusy.source);
  if (avBusy > 0) {
    line(typical, 'autovacuum workers', avBusy * (costs.backend + avCap), `busy workers × (backend memory + ${avSetting === -1 ? 'maintenance_work_mem' : 'autovacuum_work_mem'}${version < 17 ? ', at most 1GB' : ''})`,
      { workers: avBusy, per_worker: avCap }, `${avBusy} × (${b(costs.backend)} + ${b(avCap)})`);
  }
  if (profile.maintenanceOps.value.typical > 0) {
    line(typical, 'maintenance operations', profile.maintenanceOps.value.typical * mwm, 'operations × maintenance_work_mem', { operations: profile.maintenanceOps.value.typical, maintenance_work_mem: mwm }, `${profile.maintenanceOps.value.typical} × ${b(mwm)}`);
  }
  assume('manual maintenance operations at once', `${profile.maintenanceOps.value.typical} typically, ${profile.maintenanceOps.value.worst} at worst`, profile.maintenanceOps.source);
  const replicas = Math.min(host?.replicas ?? 0, walSendersMax);
  if (replicas > 0) line(typical, 'WAL senders', replicas * costs.backend, 'replicas × backend memory', { replicas }, `${replicas} × ${b(costs.backend)}`);
  const auxTypical = auxBytes((p) => p.count);
  line(typical, 'server processes', auxTypical.bytes, 'measured memory of each running server process', { processes: auxTypical.detail }, auxTypical.detail);

  // Worst case.
  const worst: MemoryLine[] = [];
  line(worst, 'client backends', maxConnections * (costs.backend + profile.nodesWorst.value * perNode), `max_connections × (backend memory + ${profile.nodesWorst.value} nodes × ${perNodeFormula})`,
    { max_connections: maxConnections, ...nodeInputs }, `${maxConnections} × (${b(costs.backend)} + ${nodeHow(profile.nodesWorst.value)})`);
  if (parallelMax > 0) {
    line(worst, 'parallel workers', parallelMax * (costs.backend + profile.nodesWorst.value * perNode), `min(max_parallel_workers, free max_worker_processes) × (backend memory + ${profile.nodesWorst.value} nodes × work_mem …)`,
      { workers: parallelMax }, `${parallelMax} × (${b(costs.backend)} + ${nodeHow(profile.nodesWorst.value)})`);
  }
  const otherWorkers = Math.max(0, poolFree - parallelMax);
  if (otherWorkers > 0) line(worst, 'other background workers', otherWorkers * costs.backend, 'the rest of max_worker_processes × backend memory', { workers: otherWorkers }, `${otherWorkers} × ${b(costs.backend)}`);
  line(worst, 'temp_buffers', maxConnections * tempBuffers, 'max_connections × temp_buffers', { max_connections: maxConnections, temp_buffers: tempBuffers }, `${maxConnections} × ${b(tempBuffers)}`);
  if (avWorkersMax > 0) {
    line(worst, 'autovacuum workers', avWorkersMax * (costs.backend + avCap), `autovacuum workers × (backend memory + ${avSetting === -1 ? 'maintenance_work_mem' : 'autovacuum_work_mem'}${version < 17 ? ', at most 1GB' : ''})`,
      { workers: avWorkersMax, per_worker: avCap }, `${avWorkersMax} × (${b(costs.backend)} + ${b(avCap)})`);
  }
  if (profile.maintenanceOps.value.worst > 0) {
    line(worst, 'maintenance operations', profile.maintenanceOps.value.worst * mwm, 'operations × maintenance_work_mem', { operations: profile.maintenanceOps.value.worst, maintenance_work_mem: mwm }, `${profile.maintenanceOps.value.worst} × ${b(mwm)}`);
  }
  if (walSendersMax > 0) {
    const decoding = walLevel === 'logical' ? logicalDecoding : 0;
    line(worst, 'WAL senders', walSendersMax * (costs.backend + decoding), walLevel === 'logical' ? 'max_wal_senders × (backend memory + logical_decoding_work_mem)' : 'max_wal_senders × backend memory (wal_level is not logical: no decoding buffers)',
      { max_wal_senders: walSendersMax, logical_decoding_work_mem: decoding }, decoding ? `${walSendersMax} × (${b(costs.backend)} + ${b(decoding)})` : `${walSendersMax} × ${b(costs.backend)}`);
  }
  const auxWorst = auxBytes((p) => p.max);
  line(worst, 'server processes', auxWorst.bytes, 'measured memory of each server process that can run', { processes: auxWorst.detail }, auxWorst.detail);

  const scenario = (lines: MemoryLine[]): MemoryScenario => {
    const priv = lines.reduce((a, l) => a + l.bytes, 0);
    return { bytes: sharedBytes + priv, shared: sharedBytes, private: priv, lines };
  };
  const t = scenario(typical);
  const w = scenario(worst);
  const ram = host?.ramBytes ?? null;
  return {
    typical: t,
    worstCase: w,
    ram,
    headroom: { typical: ram === null ? null : ram - t.bytes, worstCase: ram === null ? null : ram - w.bytes },
    assumptions,
  };
}
