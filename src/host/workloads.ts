/**
 * Workload profiles: what the simulator (and the memory rules) assume about how a server of
 * each kind is used. Data, each value with its source: a public source through its row in
 * docs/sources.md (pgtune = le0pard/pgtune, the web calculator), our own measurements and the DBA
 * review's targets in docs/reference/; "pgvet" marks our own assumption, stated so that a user can
 * disagree with it.
 */
import type { Workload } from './types.js';

export interface Assumed<T> {
  value: T;
  source: string;
}

export interface WorkloadProfile {
  id: Workload;
  description: string;
  /** Client connections open at once when --connections is not given (pgtune's max_connections per type). */
  connections: Assumed<number>;
  /** Share of open connections running a query at any moment. */
  activeShare: Assumed<number>;
  /** work_mem consumers (sort, hash, materialize …) per running query, typically. */
  nodesTypical: Assumed<number>;
  /** … and at worst, every running query at once. */
  nodesWorst: Assumed<number>;
  /** Share of those consumers that are hash nodes (they may use work_mem × hash_mem_multiplier). */
  hashShare: Assumed<number>;
  /** Share of running queries that use parallel workers (up to max_parallel_workers_per_gather each). */
  parallelShare: Assumed<number>;
  /** Share of sessions that touch temporary tables (and so fill temp_buffers). */
  tempTableShare: Assumed<number>;
  /** Manual maintenance operations (CREATE INDEX, VACUUM, …) running at once: typically / at worst (also the busy hour's). */
  maintenanceOps: Assumed<{ typical: number; worst: number }>;
  /** Autovacuum workers busy at once, typically (worst case: all of them). */
  autovacuumBusy: Assumed<number>;
  /**
   * Busy hour: queries running at once per core, k in min(max_connections, k × cores) when
   * --connections does not say how many clients are active.
   */
  activePerCore: Assumed<number>;
  /** Busy hour: sort/hash nodes of a 95th-percentile query of this workload. */
  nodesP95: Assumed<number>;
  /**
   * Busy hour and pile-up: what an open session of a real application holds (relcache, catcache,
   * plan cache of its schema and prepared statements), bytes; the measured figure for an
   * ordinary small database (src/simulate/data/backend-memory.json) is used when larger.
   */
  sessionMemory: Assumed<number>;
}

const PGTUNE_CONNECTIONS = "pgtune's default max_connections for this type (selectMaxConnections, docs/sources.md#pgtune)";
const PGTUNE_NODES =
  'pgtune sizes work_mem as (RAM − shared_buffers) / ((max_connections + max_worker_processes) × 3), i.e. 3 work_mem per connection, halved again for dw and mixed (selectWorkMem, docs/sources.md#pgtune)';
const HASH = 'pgvet: half of the work_mem consumers are hash joins/aggregates (PostgreSQL manual: hash nodes may use work_mem × hash_mem_multiplier, docs/sources.md#pg-resource)';
/** The DBA review's busy hour, from the PostgreSQL wiki (Number Of Database Connections): about (cores × 2) + effective spindles run productively. */
const BUSY_HOUR = 'docs/reference/dba-review.md#the-busy-hour-and-the-pile-up';
const ACTIVE = `active sessions ≈ k × cores (${BUSY_HOUR}; PostgreSQL wiki, Number Of Database Connections: (cores × 2) + effective spindles, docs/sources.md#wiki-connections)`;
const P95 = `sort/hash nodes of a 95th-percentile query (${BUSY_HOUR})`;
const MiB = 1024 * 1024;
const SESSION = `5–10MB per session in real applications (${BUSY_HOUR}); measured: 3.3–3.5MB after reading 100 small application tables, 2.5–2.8MB after a catalog query (docs/reference/memory-measurements.md#1-idle-backends)`;

export const WORKLOAD_PROFILES: Record<Workload, WorkloadProfile> = {
  web: {
    id: 'web',
    description: 'web application: many short queries, mostly idle connections',
    connections: { value: 200, source: PGTUNE_CONNECTIONS },
    activeShare: { value: 0.2, source: 'pgvet: web connections are mostly idle between requests' },
    nodesTypical: { value: 1, source: 'pgvet: short index-driven queries hold at most one sort or hash' },
    nodesWorst: { value: 3, source: PGTUNE_NODES },
    hashShare: { value: 0.5, source: HASH },
    parallelShare: { value: 0, source: 'pgvet: short queries stay below the parallel cost thresholds' },
    tempTableShare: { value: 0.05, source: 'pgvet' },
    maintenanceOps: { value: { typical: 0, worst: 1 }, source: 'pgvet: one manual maintenance operation at worst' },
    autovacuumBusy: { value: 1, source: 'pgvet' },
    activePerCore: { value: 3, source: ACTIVE },
    nodesP95: { value: 2, source: P95 },
    sessionMemory: { value: 5 * MiB, source: SESSION },
  },
  oltp: {
    id: 'oltp',
    description: 'online transaction processing: many concurrent short transactions',
    connections: { value: 300, source: PGTUNE_CONNECTIONS },
    activeShare: { value: 0.5, source: 'pgvet: OLTP sessions are busy more often than web sessions' },
    nodesTypical: { value: 1, source: 'pgvet: short transactions hold at most one sort or hash' },
    nodesWorst: { value: 3, source: PGTUNE_NODES },
    hashShare: { value: 0.5, source: HASH },
    parallelShare: { value: 0, source: 'pgvet: short queries stay below the parallel cost thresholds' },
    tempTableShare: { value: 0.05, source: 'pgvet' },
    maintenanceOps: { value: { typical: 0, worst: 1 }, source: 'pgvet: one manual maintenance operation at worst' },
    autovacuumBusy: { value: 1, source: 'pgvet' },
    activePerCore: { value: 3, source: ACTIVE },
    nodesP95: { value: 2, source: P95 },
    sessionMemory: { value: 5 * MiB, source: SESSION },
  },
  dw: {
    id: 'dw',
    description: 'data warehouse: few sessions running large analytic queries',
    connections: { value: 40, source: PGTUNE_CONNECTIONS },
    activeShare: { value: 0.8, source: 'pgvet: analytic sessions are mostly running a query' },
    nodesTypical: { value: 3, source: 'pgvet: analytic plans join and aggregate in several steps' },
    nodesWorst: { value: 6, source: PGTUNE_NODES },
    hashShare: { value: 0.5, source: HASH },
    parallelShare: { value: 1, source: 'pgvet: large scans go parallel (pgtune lifts its cap of 4 workers per gather for dw)' },
    tempTableShare: { value: 0.25, source: 'pgvet: ETL and reporting sessions use temporary tables' },
    maintenanceOps: { value: { typical: 1, worst: 2 }, source: 'pgvet: loads are followed by index builds' },
    autovacuumBusy: { value: 1, source: 'pgvet' },
    activePerCore: { value: 1, source: ACTIVE },
    nodesP95: { value: 6, source: P95 },
    sessionMemory: { value: 8 * MiB, source: `${SESSION}; pgvet: analytic schemas (partitions, wide catalogs) hold more` },
  },
  mixed: {
    id: 'mixed',
    description: 'mixed: transactions and reporting on the same server',
    connections: { value: 100, source: PGTUNE_CONNECTIONS },
    activeShare: { value: 0.4, source: 'pgvet' },
    nodesTypical: { value: 2, source: 'pgvet: between OLTP (1) and analytics (3)' },
    nodesWorst: { value: 6, source: PGTUNE_NODES },
    hashShare: { value: 0.5, source: HASH },
    parallelShare: { value: 0.25, source: 'pgvet: the reporting share of the queries' },
    tempTableShare: { value: 0.1, source: 'pgvet' },
    maintenanceOps: { value: { typical: 0, worst: 1 }, source: 'pgvet: one manual maintenance operation at worst' },
    autovacuumBusy: { value: 1, source: 'pgvet' },
    activePerCore: { value: 2, source: ACTIVE },
    nodesP95: { value: 3, source: P95 },
    sessionMemory: { value: 5 * MiB, source: SESSION },
  },
  desktop: {
    id: 'desktop',
    description: 'desktop or developer machine: PostgreSQL shares the host with other programs',
    connections: { value: 20, source: PGTUNE_CONNECTIONS },
    activeShare: { value: 0.2, source: 'pgvet' },
    nodesTypical: { value: 1, source: 'pgvet' },
    nodesWorst: { value: 3, source: PGTUNE_NODES },
    hashShare: { value: 0.5, source: HASH },
    parallelShare: { value: 0.25, source: 'pgvet' },
    tempTableShare: { value: 0.1, source: 'pgvet' },
    maintenanceOps: { value: { typical: 0, worst: 1 }, source: 'pgvet: one manual maintenance operation at worst' },
    autovacuumBusy: { value: 1, source: 'pgvet' },
    activePerCore: { value: 3, source: `${ACTIVE}; as web (a test suite runs many short queries at once)` },
    nodesP95: { value: 2, source: `${P95}; pgvet: as web` },
    sessionMemory: { value: 3 * MiB, source: `${SESSION}; pgvet: a developer database is small` },
  },
};

/** The profile used when no --workload is given, and why. */
export const DEFAULT_WORKLOAD: Workload = 'mixed';
