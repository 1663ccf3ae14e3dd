/**
 * Workers and parallelism: the parallel pool and per-query workers by cores, max_worker_processes
 * with room for everything that shares it (parallel workers, the logical replication launcher,
 * extensions' workers), and 18's I/O workers.
 */
import { splitDirectoriesString } from '../catalog/checks.js';
import { EXTENSION_WORKERS } from '../engine/extensions.js';
import { anyValue, hazard, moves, range } from './band.js';
import type { ParamPolicy, PolicyContext } from './types.js';
import { WORKLOAD_POLICIES } from './workloads.js';

const whole = (cores: number): number => Math.max(1, Math.floor(cores));

/** Libraries the server preloads, split the way the server splits the list. */
export function preloadLibraries(raw: string): string[] {
  return (splitDirectoriesString(raw, ',') ?? []).map((l) => l.trim()).filter((l) => l !== '');
}

/** Background workers spoken for besides parallel query: extensions and the logical replication launcher. */
export function reservedWorkers(c: PolicyContext): { count: number; extensions: number; parts: string[] } {
  const parts: string[] = [];
  let extensions = 0;
  for (const lib of preloadLibraries(c.str('shared_preload_libraries'))) {
    const ext = EXTENSION_WORKERS.find((e) => e.library === lib.toLowerCase());
    if (!ext) continue;
    const n = ext.workers((name) => c.placeholder(name));
    extensions += n;
    parts.push(`${lib} ${n}`);
  }
  const launcher = c.num('max_logical_replication_workers') > 0 ? 1 : 0;
  if (launcher) parts.push('the logical replication launcher 1');
  return { count: extensions + launcher, extensions, parts };
}

export const maxParallelWorkers: ParamPolicy = {
  name: 'max_parallel_workers',
  area: 'workers',
  nature: 'capability',
  more: 'up',
  needs: ['cores'],
  judge(c) {
    const n = whole(c.cores);
    const limit = Math.max(8, 2 * Math.ceil(c.cores));
    return {
      target: n,
      band: range([], [hazard(limit, 'warning', `more than twice the ${c.cores} cores: parallel workers compete for the same CPUs`)]),
      reason: `one parallel worker per core (${n})`,
      formula: 'cores; fine up to max(8, 2 × cores)',
      inputs: { cores: c.cores },
      sources: ['pgtune', 'pg-resource'],
    };
  },
};

export const maxParallelWorkersPerGather: ParamPolicy = {
  name: 'max_parallel_workers_per_gather',
  area: 'workers',
  nature: 'capability',
  more: 'up',
  needs: ['cores'],
  judge(c) {
    const n = whole(c.cores);
    const cap = WORKLOAD_POLICIES[c.workload].perGatherCap;
    const pool = c.num('max_parallel_workers');
    const target = n < 2 ? 0 : Math.min(cap.value, Math.ceil(n / 2), n - 1, pool);
    const limit = Math.max(3, Math.ceil(c.cores));
    return {
      target,
      band: range([], [hazard(Math.max(limit, target + 1), 'warning', `as many workers per query as there are cores: one query's processes would compete for ${c.cores} CPUs`, { inclusive: false })]),
      reason: n < 2 ? 'one core: parallel query only adds overhead' : `half the cores per query, at most ${cap.value} for ${c.workload}${cap.note ? ` (${cap.note})` : ''}`,
      formula: `0 on one core, else min(${cap.value}, ceil(cores / 2), cores − 1, max_parallel_workers)`,
      inputs: { cores: c.cores, max_parallel_workers: pool },
      sources: [...cap.sources, 'pg-resource'],
    };
  },
};

export const maxParallelMaintenanceWorkers: ParamPolicy = {
  name: 'max_parallel_maintenance_workers',
  area: 'workers',
  nature: 'capability',
  more: 'up',
  needs: ['cores'],
  judge(c) {
    const n = whole(c.cores);
    return {
      target: n < 2 ? 0 : Math.min(4, Math.ceil(n / 2)),
      band: anyValue(),
      reason: n < 2 ? 'one core: no parallel index builds' : 'parallel CREATE INDEX and VACUUM with up to half the cores, at most 4',
      formula: '0 on one core, else min(4, ceil(cores / 2))',
      inputs: { cores: c.cores },
      sources: ['pgtune', 'pg-resource'],
    };
  },
};

export const maxWorkerProcesses: ParamPolicy = {
  name: 'max_worker_processes',
  area: 'workers',
  nature: 'capability',
  more: 'up',
  needs: [],
  judge(c) {
    const pool = c.num('max_parallel_workers');
    const reserved = reservedWorkers(c);
    const need = pool + reserved.count;
    return {
      target: Math.max(8, need),
      // without extensions the launcher's one slot is no finding on its own: PostgreSQL's own defaults
      // (8 workers, 8 parallel, the launcher) would draw it on every stock file
      band: range([moves(reserved.extensions > 0 ? need : Math.max(8, pool), reserved.extensions > 0 ? 'warning' : 'info', reserved.extensions > 0
        ? `extensions need ${reserved.extensions} workers (${reserved.parts.join(', ')}): with the parallel pool they may fail to start`
        : `fewer than the ${pool} parallel workers${reserved.count ? ' plus the logical replication launcher' : ''}: parallel queries get fewer workers than planned`)], []),
      reason: `room for ${pool} parallel workers${reserved.parts.length ? ` and ${reserved.parts.join(', ')}` : ''}; never below the default 8`,
      formula: 'max(8, max_parallel_workers + extension workers + the logical replication launcher)',
      inputs: { max_parallel_workers: pool, 'other workers': reserved.count },
      sources: ['timescaledb-tune', 'pgvet-extensions', 'pg-resource'],
    };
  },
};

export const ioWorkers: ParamPolicy = {
  name: 'io_workers',
  area: 'workers',
  nature: 'capability',
  more: 'up',
  needs: ['cores'],
  applies: (c) => c.str('io_method') === 'worker',
  judge(c) {
    const target = Math.min(32, Math.max(3, Math.floor(c.cores / 4)));
    return {
      target,
      band: range([moves(Math.max(1, Math.floor(target / 2)), 'info', 'too few I/O workers: reads fall back to synchronous I/O when all are busy')], []),
      reason: 'io_method = worker: about one I/O worker per 4 cores, at least 3',
      formula: 'clamp(floor(cores / 4), 3, 32)',
      inputs: { cores: c.cores },
      sources: ['pgtune', 'vondra-aio', 'pg-resource'],
    };
  },
};
