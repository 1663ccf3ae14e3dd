/**
 * Autovacuum: on, with workers by cores and a cost budget by storage (the workers share it), a
 * throttle that neither crawls nor floods, scale factors for busy tables, and a freeze age with
 * room before wraparound.
 */
import type { Storage } from '../host/types.js';
import { settingReader } from '../resolve/reader.js';
import { advises, anyValue, hazard, moves, oneOf, range } from './band.js';
import type { SettingReader } from '../resolve/reader.js';
import { GB } from './format.js';
import type { ParamPolicy, PolicyContext } from './types.js';
import { WORKLOAD_POLICIES } from './workloads.js';

/**
 * What one autovacuum worker can hold at most: before 17 the dead-tuple array is capped at 1GB
 * (manual, autovacuum_work_mem; 17's TID store removed the cap).
 */
export function autovacuumWorkerCap(version: number, bytes: number): number {
  return version < 17 ? Math.min(bytes, GB) : bytes;
}

/** Autovacuum workers that can run at once (18: at most autovacuum_worker_slots). */
export function autovacuumWorkerCount(s: SettingReader): number {
  const max = s.num('autovacuum_max_workers');
  return s.has('autovacuum_worker_slots') ? Math.min(max, s.num('autovacuum_worker_slots')) : max;
}

/** autovacuum_max_workers by cores: 3 / 4 / 5 / 6 / 8 from <8 / 8 / 16 / 32 / 64 cores. */
export function autovacuumWorkersFor(cores: number): number {
  if (cores >= 64) return 8;
  if (cores >= 32) return 6;
  if (cores >= 16) return 5;
  if (cores >= 8) return 4;
  return 3;
}

/** autovacuum_vacuum_cost_limit by storage (all workers share it), and the floor of its band. */
export const COST_LIMIT: Record<Storage, { target: number; floor: number }> = {
  hdd: { target: 400, floor: 200 },
  ssd: { target: 1000, floor: 500 },
  san: { target: 1000, floor: 500 },
  nvme: { target: 2000, floor: 1000 },
};
/** The default budget (vacuum_cost_limit) and worker count. */
const DEFAULT_COST_LIMIT = 200;
const DEFAULT_WORKERS = 3;
/** Cores from which an under-provisioned autovacuum is a warning (postgres-checkup F008: P1). */
const BIG_CORES = 16;

export const autovacuum: ParamPolicy = {
  name: 'autovacuum',
  area: 'autovacuum',
  nature: 'switch',
  needs: [],
  judge() {
    return {
      target: true,
      band: oneOf(['on'], 'warning', 'dead rows are no longer cleaned up and statistics no longer refreshed (only anti-wraparound vacuums still run); exempt single tables with ALTER TABLE … SET (autovacuum_enabled = off)'),
      reason: 'on (the default)',
      formula: 'on',
      inputs: {},
      sources: ['pg-autovacuum', 'pg-routine-vacuum'],
    };
  },
};

export const trackCounts: ParamPolicy = {
  name: 'track_counts',
  area: 'autovacuum',
  nature: 'switch',
  needs: [],
  judge() {
    return {
      target: true,
      band: oneOf(['on'], 'warning', 'autovacuum needs these counts to decide what to vacuum: off stops it too'),
      reason: 'on (the default): autovacuum decides from these counts',
      formula: 'on',
      inputs: {},
      sources: ['pg-statistics', 'pg-autovacuum'],
    };
  },
};

export const autovacuumMaxWorkers: ParamPolicy = {
  name: 'autovacuum_max_workers',
  area: 'autovacuum',
  nature: 'capability',
  more: 'up',
  needs: ['cores'],
  judge(c) {
    const target = autovacuumWorkersFor(c.cores);
    const low = autovacuumWorkersFor(c.cores / 2);
    return {
      target,
      band: range(
        [moves(low, c.cores >= BIG_CORES ? 'warning' : 'info', `${low > 3 ? `fewer than ${low}` : 'few'} workers for ${c.cores} cores: big tables wait for a free worker while others bloat`)],
        [hazard(Math.max(3, Math.ceil(c.cores), target), 'warning', `more autovacuum workers than the ${c.cores} cores: vacuum competes with queries for every CPU`)],
      ),
      reason: target > 3 ? `${c.cores} cores can vacuum ${target} tables at once (raise the cost limit with them: they share it)` : 'the default 3 suits fewer than 8 cores',
      formula: '3 / 4 / 5 / 6 / 8 from <8 / 8 / 16 / 32 / 64 cores; fine from the value for half the cores up to the cores',
      inputs: { cores: c.cores },
      sources: ['vondra-autovacuum', 'postgres-checkup', 'pgtune', 'pg-autovacuum'],
    };
  },
};

export const autovacuumWorkerSlots: ParamPolicy = {
  name: 'autovacuum_worker_slots',
  area: 'autovacuum',
  nature: 'capability',
  more: 'up',
  needs: [],
  judge(c) {
    const workers = c.num('autovacuum_max_workers');
    return {
      target: Math.max(Number(c.defaultOf('autovacuum_worker_slots')), workers),
      band: range([moves(workers, 'warning', `fewer slots than autovacuum_max_workers = ${workers}: only this many workers can start`)], []),
      reason: 'slots reserved at start, so autovacuum_max_workers can be raised later with a reload',
      formula: 'max(16, autovacuum_max_workers)',
      inputs: { autovacuum_max_workers: workers },
      sources: ['pg-autovacuum', 'pg-release-18'],
    };
  },
};

/** The cost limit autovacuum really uses (-1: vacuum_cost_limit). */
function effectiveCostLimit(c: PolicyContext, raw: number): number {
  return raw === -1 ? c.num('vacuum_cost_limit') : raw;
}

export const autovacuumVacuumCostLimit: ParamPolicy = {
  name: 'autovacuum_vacuum_cost_limit',
  area: 'autovacuum',
  nature: 'capability',
  more: 'up',
  needs: ['storage', 'cores'],
  effective: (c, raw) => effectiveCostLimit(c, Number(raw)),
  judge(c) {
    const workers = autovacuumWorkerCount(settingReader(c.planned));
    const byStorage = COST_LIMIT[c.storage];
    // more workers than the default three on the default budget: each one vacuums slower (rule PGV401)
    const shared = workers > DEFAULT_WORKERS ? DEFAULT_COST_LIMIT + 1 : 0;
    const floor = Math.max(byStorage.floor, shared);
    const severe = c.cores >= BIG_CORES || workers > DEFAULT_WORKERS;
    return {
      target: byStorage.target,
      band: range([moves(floor, severe ? 'warning' : 'info', `the ${workers} workers share this budget: with the 2ms delay ${floor === shared ? 'more workers on the default budget vacuum no faster, each slower' : `it is the pace of spinning disks, not ${c.storage}`}, and vacuum falls behind on big tables`)], []),
      reason: `a budget for ${c.storage}, shared by the ${workers} workers (the storage, not the worker count, sets the pace); a higher value the file chose stays`,
      formula: `hdd ${COST_LIMIT.hdd.target}, ssd/san ${COST_LIMIT.ssd.target}, nvme ${COST_LIMIT.nvme.target}; fine from half of it (hdd ${COST_LIMIT.hdd.floor}, above ${DEFAULT_COST_LIMIT} with more than ${DEFAULT_WORKERS} workers) up`,
      inputs: { storage: c.storage, autovacuum_workers: workers },
      sources: ['vondra-autovacuum', 'pg-autovacuum', 'postgres-checkup'],
    };
  },
};

export const autovacuumVacuumCostDelay: ParamPolicy = {
  name: 'autovacuum_vacuum_cost_delay',
  area: 'autovacuum',
  nature: 'capability',
  more: 'down',
  needs: [],
  effective: (c, raw) => (Number(raw) === -1 ? c.num('vacuum_cost_delay') : Number(raw)),
  judge(c) {
    return {
      target: Number(c.defaultOf('autovacuum_vacuum_cost_delay')),
      band: range(
        [advises(0, 'info', 'unthrottled: autovacuum may saturate the storage while it runs', { inclusive: false })],
        [hazard(20, 'warning', 'above 20ms autovacuum crawls (about 8MB/s of reads at the default limit): big tables are never done')],
      ),
      reason: '2ms (the default since 12); tune the pace with the cost limit',
      formula: '2ms; fine above 0 up to 20ms',
      inputs: {},
      sources: ['pg-autovacuum', 'pg-gather', 'postgres-checkup'],
    };
  },
};

const scaleFactor = (name: string, usual: number, low: number): ParamPolicy => ({
  name,
  area: 'autovacuum',
  nature: 'capability',
  more: 'down',
  needs: [],
  judge(c) {
    const wp = WORKLOAD_POLICIES[c.workload].lowScaleFactors;
    if (!wp.value) {
      return { target: Number(c.defaultOf(name)), band: anyValue(), reason: 'the default', formula: String(usual), inputs: { workload: c.workload }, sources: ['pg-autovacuum'] };
    }
    // 18's autovacuum_vacuum_max_threshold caps the scale factor's effect on very large tables
    const capped = c.has('autovacuum_vacuum_max_threshold') && name === 'autovacuum_vacuum_scale_factor';
    const why = `big ${c.workload} tables wait for ${usual * 100}% of their rows to change before autovacuum comes${capped ? ' (18 caps it at autovacuum_vacuum_max_threshold rows)' : ''}`;
    return {
      target: low,
      band: range([], [capped ? advises(0.1, 'info', why) : moves(0.1, 'info', why)]),
      reason: `${low}: busy tables of short transactions are vacuumed and analyzed before they bloat (per-table settings for the largest)`,
      formula: `${low} for web/oltp/mixed (the default ${usual}); fine up to 0.1`,
      inputs: { workload: c.workload },
      sources: [...wp.sources, 'pg-autovacuum'],
    };
  },
});

export const autovacuumVacuumScaleFactor = scaleFactor('autovacuum_vacuum_scale_factor', 0.2, 0.05);
export const autovacuumAnalyzeScaleFactor = scaleFactor('autovacuum_analyze_scale_factor', 0.1, 0.05);

export const autovacuumFreezeMaxAge: ParamPolicy = {
  name: 'autovacuum_freeze_max_age',
  area: 'autovacuum',
  nature: 'budget',
  needs: [],
  judge(c) {
    return {
      target: Number(c.defaultOf('autovacuum_freeze_max_age')),
      band: range([], [hazard(800_000_000, 'warning', 'anti-wraparound vacuums start late and must finish on the largest tables with little margin before the server stops accepting writes')]),
      reason: '200 million (the default): ~1.9 billion transactions of headroom before the wraparound stop',
      formula: '200000000; fine up to 800000000',
      inputs: {},
      sources: ['pg-gather', 'pg-routine-vacuum'],
    };
  },
};

export const vacuumCostPageMiss: ParamPolicy = {
  name: 'vacuum_cost_page_miss',
  area: 'autovacuum',
  nature: 'budget',
  needs: [],
  // 14 lowered the default from 10 to 2 (release notes 14): only older defaults need it
  applies: (c) => Number(c.defaultOf('vacuum_cost_page_miss')) > 2,
  judge() {
    return {
      target: 2,
      band: anyValue(),
      reason: '2, the default from 14: a page read from the OS cache or fast storage costs little',
      formula: '2 on 13 (14 changed the default from 10)',
      inputs: {},
      sources: ['pg-release-14', 'pg-autovacuum'],
    };
  },
};
