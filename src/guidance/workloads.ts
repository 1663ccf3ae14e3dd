/**
 * The guidance's judgement numbers that depend on the workload, each with its source. How a
 * workload *uses* the server (open connections, hash share, temp-table share …) is a model input
 * and stays in src/host/workloads.ts; what the policy *recommends* for it lives here.
 */
import type { Workload } from '../host/types.js';
import { WORKLOAD_PROFILES } from '../host/workloads.js';
import { GB, MB } from './format.js';
import type { SourceId } from './sources.js';

export interface Judged<T> {
  value: T;
  sources: SourceId[];
  /** Why, when the number is pgvet's own choice. */
  note?: string;
}

export interface WorkloadPolicy {
  /** max_connections when --connections is not given (pgtune's value per type). */
  connections: Judged<number>;
  /** The largest global work_mem; larger values belong to a role or a session. */
  workMemCap: Judged<number>;
  /** Share of (RAM − shared_buffers) that busy-hour work_mem may claim, and pile-up work_mem. */
  workMemBudget: Judged<{ busy: number; pileUp: number }>;
  /** shared_buffers and effective_cache_size as shares of RAM. */
  sharedBuffersShare: Judged<number>;
  effectiveCacheShare: Judged<number>;
  /** maintenance_work_mem as a share of RAM. */
  maintenanceShare: Judged<number>;
  /** min_wal_size / max_wal_size floors (pgtune per type); max_wal_size grows with shared_buffers. */
  walSizes: Judged<{ min: number; max: number }>;
  /** checkpoint_timeout: the usual value, and on hosts from 128GB. */
  checkpointTimeout: Judged<{ usual: number; big: number }>;
  /** jit: the fine values ('on' left alone, 'off' recommended). */
  jit: Judged<'off' | 'on'>;
  /** default_statistics_target. */
  statisticsTarget: Judged<number>;
  /** Per-gather parallel workers cap. */
  perGatherCap: Judged<number>;
  /** Lower autovacuum scale factors (busy tables of short transactions). */
  lowScaleFactors: Judged<boolean>;
}

/**
 * max_connections when --connections is not given: pgtune's value per type, the same number the
 * simulator assumes open (one home: src/host/workloads.ts).
 */
function pgtuneConnections(w: Workload): Judged<number> {
  return { value: WORKLOAD_PROFILES[w].connections.value, sources: ['pgtune'] };
}
const MIN = 60 * 1000;

export const WORKLOAD_POLICIES: Record<Workload, WorkloadPolicy> = {
  web: {
    connections: pgtuneConnections('web'),
    workMemCap: { value: 64 * MB, sources: ['pg-gather', 'pgvet-dba-review'], note: 'global work_mem for short queries stays ≤ 64MB (pg_gather warns above 96MB); raise it per role' },
    workMemBudget: { value: { busy: 1 / 4, pileUp: 1 / 3 }, sources: ['pgvet-dba-review'], note: 'running queries may claim ¼ of the RAM outside shared_buffers in the busy hour, ⅓ in a pile-up; the rest is the page cache, idle sessions, maintenance' },
    sharedBuffersShare: { value: 1 / 4, sources: ['pg-resource'] },
    effectiveCacheShare: { value: 3 / 4, sources: ['pgtune', 'wiki-tuning'] },
    maintenanceShare: { value: 1 / 16, sources: ['pgtune'] },
    walSizes: { value: { min: 1 * GB, max: 4 * GB }, sources: ['pgtune'] },
    checkpointTimeout: { value: { usual: 15 * MIN, big: 15 * MIN }, sources: ['vondra-checkpoints', 'azure-wal'] },
    jit: { value: 'off', sources: ['pgtune', 'timescaledb-tune', 'pg-gather', 'pg-jit'], note: 'compiling costs tens to hundreds of ms, paid by short queries whenever an estimate crosses jit_above_cost' },
    statisticsTarget: { value: 100, sources: ['pg-query'] },
    perGatherCap: { value: 4, sources: ['pgtune'] },
    lowScaleFactors: { value: true, sources: ['postgres-checkup', 'vondra-autovacuum'] },
  },
  oltp: {
    connections: pgtuneConnections('oltp'),
    workMemCap: { value: 64 * MB, sources: ['pg-gather', 'pgvet-dba-review'], note: 'global work_mem for short queries stays ≤ 64MB; raise it per role' },
    workMemBudget: { value: { busy: 1 / 4, pileUp: 1 / 3 }, sources: ['pgvet-dba-review'], note: 'running queries may claim ¼ of the RAM outside shared_buffers in the busy hour, ⅓ in a pile-up' },
    sharedBuffersShare: { value: 1 / 4, sources: ['pg-resource'] },
    effectiveCacheShare: { value: 3 / 4, sources: ['pgtune', 'wiki-tuning'] },
    maintenanceShare: { value: 1 / 16, sources: ['pgtune'] },
    walSizes: { value: { min: 2 * GB, max: 8 * GB }, sources: ['pgtune'] },
    checkpointTimeout: { value: { usual: 15 * MIN, big: 30 * MIN }, sources: ['vondra-checkpoints', 'percona-checkpoints'], note: '30min on big write-heavy hosts when crash recovery may take that long' },
    jit: { value: 'off', sources: ['pgtune', 'timescaledb-tune', 'pg-gather', 'pg-jit'], note: 'compiling costs tens to hundreds of ms, paid by short queries' },
    statisticsTarget: { value: 100, sources: ['pg-query'] },
    perGatherCap: { value: 4, sources: ['pgtune'] },
    lowScaleFactors: { value: true, sources: ['postgres-checkup', 'vondra-autovacuum'] },
  },
  dw: {
    connections: pgtuneConnections('dw'),
    workMemCap: { value: 1 * GB, sources: ['pgvet-dba-review'], note: 'analytic sorts and hashes gain up to about 1GB each' },
    workMemBudget: { value: { busy: 1 / 4, pileUp: 1 / 3 }, sources: ['pgvet-dba-review'], note: 'running queries may claim ¼ of the RAM outside shared_buffers in the busy hour, ⅓ in a pile-up' },
    sharedBuffersShare: { value: 1 / 4, sources: ['pg-resource'] },
    effectiveCacheShare: { value: 3 / 4, sources: ['pgtune', 'wiki-tuning'] },
    maintenanceShare: { value: 1 / 8, sources: ['pgtune'] },
    walSizes: { value: { min: 4 * GB, max: 16 * GB }, sources: ['pgtune'] },
    checkpointTimeout: { value: { usual: 15 * MIN, big: 30 * MIN }, sources: ['vondra-checkpoints', 'percona-checkpoints'], note: '30min on big hosts that load in bulk' },
    jit: { value: 'on', sources: ['pg-jit'], note: 'long analytic queries repay the compile time' },
    statisticsTarget: { value: 500, sources: ['pgtune', 'pg-query'], note: 'skewed analytic data needs finer histograms (250–500)' },
    perGatherCap: { value: 16, sources: ['pgvet-dba-review'], note: 'gather and leader overheads flatten the curve well before 16 workers, and two queries would take every core' },
    lowScaleFactors: { value: false, sources: ['pg-autovacuum'] },
  },
  mixed: {
    connections: pgtuneConnections('mixed'),
    workMemCap: { value: 128 * MB, sources: ['pgvet-dba-review'], note: 'reports need more than OLTP; larger values per role' },
    workMemBudget: { value: { busy: 1 / 4, pileUp: 1 / 3 }, sources: ['pgvet-dba-review'], note: 'running queries may claim ¼ of the RAM outside shared_buffers in the busy hour, ⅓ in a pile-up' },
    sharedBuffersShare: { value: 1 / 4, sources: ['pg-resource'] },
    effectiveCacheShare: { value: 3 / 4, sources: ['pgtune', 'wiki-tuning'] },
    maintenanceShare: { value: 1 / 16, sources: ['pgtune'] },
    walSizes: { value: { min: 1 * GB, max: 4 * GB }, sources: ['pgtune'] },
    checkpointTimeout: { value: { usual: 15 * MIN, big: 15 * MIN }, sources: ['vondra-checkpoints', 'azure-wal'] },
    jit: { value: 'off', sources: ['pgtune', 'pg-gather', 'pg-jit'], note: 'the short queries pay the compile time; reports can SET jit = on' },
    statisticsTarget: { value: 100, sources: ['pg-query'] },
    perGatherCap: { value: 4, sources: ['pgtune'] },
    lowScaleFactors: { value: true, sources: ['postgres-checkup', 'vondra-autovacuum'] },
  },
  desktop: {
    connections: pgtuneConnections('desktop'),
    workMemCap: { value: 16 * MB, sources: ['pgvet-dba-review'], note: 'PostgreSQL shares a desktop with other programs' },
    workMemBudget: { value: { busy: 1 / 8, pileUp: 1 / 6 }, sources: ['pgvet'], note: 'half the server budgets: the desktop belongs to other programs too' },
    sharedBuffersShare: { value: 1 / 8, sources: ['pgvet', 'pgtune'], note: 'a desktop shares the host (pgtune uses RAM/16; pgvet keeps the RAM/8 floor of its own band)' },
    effectiveCacheShare: { value: 1 / 4, sources: ['pgtune'] },
    maintenanceShare: { value: 1 / 16, sources: ['pgtune'] },
    walSizes: { value: { min: 100 * MB, max: 2 * GB }, sources: ['pgtune'] },
    checkpointTimeout: { value: { usual: 5 * MIN, big: 5 * MIN }, sources: ['pg-wal'], note: 'the default: a desktop writes little' },
    jit: { value: 'on', sources: ['pg-jit'] },
    statisticsTarget: { value: 100, sources: ['pg-query'] },
    perGatherCap: { value: 4, sources: ['pgtune'] },
    lowScaleFactors: { value: false, sources: ['pg-autovacuum'] },
  },
};
