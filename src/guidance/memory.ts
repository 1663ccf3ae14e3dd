/**
 * Memory: shared_buffers, wal_buffers, maintenance and autovacuum memory, work_mem (solved
 * against the busy-hour and pile-up bounds), effective_cache_size and huge pages.
 */
import { settingReader, type SettingSource } from '../resolve/reader.js';
import { effectiveWalBuffers, readShmemInputs, sharedMemory, DEFAULT_WAL_SEGMENT_SIZE } from '../simulate/shmem.js';
import { advises, hazard, moves, range } from './band.js';
import { approxBytes, formatValue, percent } from '../format.js';
import { GB, KB, MB, roundMB, roundSize, share } from './format.js';
import { autovacuumWorkerCap, autovacuumWorkerCount } from './autovacuum.js';
import type { ParamPolicy, PolicyContext, Value } from './types.js';
import { WORKLOAD_POLICIES } from './workloads.js';

/** Share of RAM the busy hour may reach (lint: info above 80%, warning above 90%) and the pile-up (warning above 100%). */
export const MEMORY_LIMITS = {
  busyInfo: 0.8,
  busyWarning: 0.9,
  pileUpWarning: 1.0,
  /** A typical load leaves this share of the RAM to the OS page cache (rule PGV108). */
  osCache: 0.2,
  sources: ['pgvet', 'pg-kernel'] as const,
  why: 'the busy hour may use up to 80–90% of the RAM and a pile-up all of it; the kernel, page tables and the page cache need the rest',
};

/** Bytes in a human's words, for reasons. */
const h = approxBytes;

/** shared_buffers below this is far from the manual's 25% (rounded the way the target is). */
export function sharedBuffersFloor(ram: number): number {
  return roundSize(ram / 8);
}

export const sharedBuffers: ParamPolicy = {
  name: 'shared_buffers',
  area: 'memory',
  nature: 'budget',
  needs: ['ramBytes'],
  judge(c) {
    const w = WORKLOAD_POLICIES[c.workload].sharedBuffersShare;
    const target = roundSize(c.ram * w.value);
    const low = c.ram >= GB
      ? [moves(c.fromBytes('shared_buffers', sharedBuffersFloor(c.ram)), 'warning', `far below PostgreSQL's guidance of 25% of the RAM (${h(c.ram / 4)})`)]
      : [];
    return {
      target: c.fromBytes('shared_buffers', target),
      band: range(low, [moves(c.fromBytes('shared_buffers', c.ram * 0.4), 'warning', 'above 40% of the RAM it rarely helps and leaves too little to the OS page cache')]),
      reason: w.value === 1 / 4
        ? `25% of ${h(c.ram)} ${c.host.containerLimited ? 'container limit' : 'RAM'}, the manual's starting point`
        : `${percent(w.value, 1)} of ${h(c.ram)} RAM: ${w.note ?? ''}`,
      formula: `RAM × ${share(w.value)} rounded down to whole MB (GB from 4GB); fine from RAM/8 (from 1GB of RAM) to 40% of RAM`,
      inputs: { ram: h(c.ram) },
      sources: [...w.sources, 'pg-resource'],
    };
  },
};

export const walBuffers: ParamPolicy = {
  name: 'wal_buffers',
  area: 'memory',
  nature: 'capability',
  more: 'up',
  needs: [],
  effective: (c, raw) => effectiveWalBuffers({ walBuffersSetting: Number(raw), nBuffers: c.num('shared_buffers'), walSegmentSize: DEFAULT_WAL_SEGMENT_SIZE }),
  judge(c) {
    const auto = effectiveWalBuffers({ walBuffersSetting: -1, nBuffers: c.num('shared_buffers'), walSegmentSize: DEFAULT_WAL_SEGMENT_SIZE });
    return {
      target: -1,
      band: range([moves(Math.floor(auto / 2), 'info', `below half the automatic size (${h(auto * 8 * KB)}): WAL inserts wait for buffer space`)], []),
      reason: `automatic: 1/32 of shared_buffers, at most one WAL segment (here ${h(auto * 8 * KB)})`,
      formula: '-1 (auto = min(shared_buffers / 32, 16MB), at least 64kB); fine from half of that up',
      inputs: { shared_buffers: formatValue(c.catalog.params.get('shared_buffers')!, c.num('shared_buffers')), auto: h(auto * 8 * KB) },
      sources: ['pg-wal', 'pgtune'],
    };
  },
};

/** maintenance_work_mem's cap: 2GB below 128GB of RAM, 4GB from 128GB, 8GB for dw from 256GB. */
function maintenanceCap(ram: number, dw: boolean): number {
  if (dw && ram >= 256 * GB) return 8 * GB;
  return ram >= 128 * GB ? 4 * GB : 2 * GB;
}

export const maintenanceWorkMem: ParamPolicy = {
  name: 'maintenance_work_mem',
  area: 'memory',
  nature: 'budget',
  needs: ['ramBytes'],
  judge(c) {
    const ms = WORKLOAD_POLICIES[c.workload].maintenanceShare;
    const floor = Math.max(64 * MB, Number(c.defaultOf('maintenance_work_mem')) * KB);
    const cap = maintenanceCap(c.ram, c.workload === 'dw');
    const target = Math.min(cap, Math.max(floor, roundSize(c.ram * ms.value)));
    const low = Math.max(floor, target / 4);
    return {
      target: c.fromBytes('maintenance_work_mem', target),
      band: range(
        [moves(c.fromBytes('maintenance_work_mem', low), 'info', low > floor ? `small for ${h(c.ram)} of RAM: index builds and vacuums of big tables take several passes` : 'below the server default')],
        [moves(c.fromBytes('maintenance_work_mem', Math.max(target, c.ram / 4)), 'warning', 'above 25% of the RAM: every CREATE INDEX, VACUUM (and autovacuum worker, with autovacuum_work_mem = -1) may take it')],
      ),
      reason: `CREATE INDEX, VACUUM and ADD FOREIGN KEY: RAM/${1 / ms.value}, never below the server default ${h(floor)}, at most ${h(cap)}`,
      formula: `clamp(RAM / ${1 / ms.value}, ${h(floor)}, ${h(cap)}) (cap 2GB below 128GB RAM, 4GB from 128GB, 8GB for dw from 256GB)`,
      inputs: { ram: h(c.ram), workload: c.workload },
      sources: [...ms.sources, 'pg-resource', 'rds-parameters'],
    };
  },
};

export const autovacuumWorkMem: ParamPolicy = {
  name: 'autovacuum_work_mem',
  area: 'memory',
  nature: 'budget',
  needs: ['ramBytes'],
  // -1 means maintenance_work_mem; before 17 a worker uses at most 1GB of either
  effective: (c, raw) => {
    const v = Number(raw) === -1 ? c.bytes('maintenance_work_mem') : Number(raw) * KB;
    return Math.floor(autovacuumWorkerCap(c.version, v) / KB);
  },
  judge(c) {
    const n = Math.max(1, autovacuumWorkerCount(settingReader(c.planned)));
    // all workers within a quarter of the RAM, but never below 64MB: before 17 the dead-tuple array
    // is sized by the table and from 17 it grows on demand, so on a small server it is rarely filled
    const quarter = Math.max(64 * MB, roundSize(c.ram / 4 / n));
    const target = Math.min(Math.max(64 * MB, Math.min(GB, roundSize(c.ram / 32))), quarter);
    return {
      target: c.fromBytes('autovacuum_work_mem', target),
      band: range(
        [moves(c.fromBytes('autovacuum_work_mem', 64 * MB), 'info', 'below 64MB a vacuum of a big table scans its indexes several times')],
        [moves(c.fromBytes('autovacuum_work_mem', Math.max(target, c.ram / 4 / n)), 'warning', `${n} autovacuum workers at this size can take more than 25% of the RAM at once`)],
      ),
      reason: `each of the ${n} autovacuum workers may hold this much: RAM/32 between 64MB and 1GB${quarter < target * 2 && quarter > 64 * MB ? ', and all of them within 25% of the RAM' : ''}`,
      formula: 'clamp(RAM / 32, 64MB, 1GB), lowered toward RAM / 4 / autovacuum workers (not below 64MB)',
      inputs: { ram: h(c.ram), autovacuum_workers: n },
      sources: ['rds-parameters', 'pg-resource'],
    };
  },
};

/** A settings view with some values replaced (the probes of the solves below). */
function withValues(c: PolicyContext, values: Record<string, Value>): SettingSource {
  return {
    get(name) {
      const key = name.toLowerCase();
      if (key in values) return { value: values[key]!, param: c.catalog.params.get(key)! };
      return c.planned.get(key);
    },
  };
}

/** work_mem's floor: the server default (4MB). */
export function workMemFloor(c: PolicyContext): number {
  return Math.max(4 * MB, Number(c.defaultOf('work_mem')) * KB);
}

export const workMem: ParamPolicy = {
  name: 'work_mem',
  area: 'memory',
  nature: 'budget',
  needs: ['ramBytes', 'cores'],
  judge(c) {
    const wp = WORKLOAD_POLICIES[c.workload];
    const floor = workMemFloor(c);
    const cap = wp.workMemCap.value;
    const left = Math.max(0, c.ram - c.bytes('shared_buffers'));
    // The bounds are linear in work_mem: two probes give the intercept and the slope.
    const lo = 64 * KB;
    const hi = 64 * MB;
    const solve = (f: (s: SettingSource) => number): { at0: number; slope: number } => {
      const a = f(withValues(c, { work_mem: lo / KB }));
      const b = f(withValues(c, { work_mem: hi / KB }));
      const slope = (b - a) / (hi - lo);
      return { at0: a - slope * lo, slope };
    };
    const busy = solve((s) => c.bounds.busyHour(s));
    const pile = solve((s) => c.bounds.pileUp(s));
    const within = (budget: number, slope: number): number => (slope > 0 ? budget / slope : Infinity);
    const budgetBusy = within(wp.workMemBudget.value.busy * left, busy.slope);
    const budgetPile = within(wp.workMemBudget.value.pileUp * left, pile.slope);
    const edgeBusy = within(MEMORY_LIMITS.busyWarning * c.ram - busy.at0, busy.slope);
    const edgePile = within(MEMORY_LIMITS.pileUpWarning * c.ram - pile.at0, pile.slope);
    const fit = Math.min(budgetBusy, budgetPile, edgeBusy, edgePile);
    const target = Math.min(cap, roundMB(fit, floor));
    const warn = Math.max(target, Math.min(edgeBusy, edgePile));
    const low = Math.max(floor, target / 4);
    const kb = (bytes: number): number => Math.floor(bytes / KB);
    const binding = fit >= cap ? `the ${h(cap)} cap for ${c.workload}` : fit <= floor ? `the ${h(floor)} floor (the server default)` : fit === budgetPile ? 'the pile-up budget' : fit === budgetBusy ? 'the busy-hour budget' : 'the memory limits';
    return {
      target: kb(target),
      band: range(
        [moves(kb(low), 'info', low > floor ? `small for this host: sorts and hashes spill to disk; ${formatValue(c.catalog.params.get('work_mem')!, kb(target))} fits` : 'below the server default: ordinary sorts and hashes spill to temporary files')],
        [
          advises(kb(Math.max(target, cap)), 'info', `above ${h(cap)} as the global value for ${c.workload}: raise it per role or session (ALTER ROLE … SET work_mem) for the queries that need it`),
          hazard(kb(warn), 'warning', `the busy hour would pass ${percent(MEMORY_LIMITS.busyWarning, 1)} of the RAM, or a pile-up (every connection sorting at once) the whole RAM`),
          hazard(kb(Math.max(target, c.ram / 4)), 'warning', 'one sort or hash could take a quarter of the RAM'),
        ],
      ),
      reason: `the largest value that keeps the busy hour and a pile-up inside their budgets, set by ${binding}; never below the server default`,
      formula: `clamp(min(${share(wp.workMemBudget.value.busy)} × (RAM − shared_buffers) / busy-hour slope, ${share(wp.workMemBudget.value.pileUp)} × (RAM − shared_buffers) / pile-up slope, busy hour ≤ 90% RAM, pile-up ≤ RAM), ${h(floor)}, ${h(cap)}), whole MB`,
      inputs: {
        ram: h(c.ram),
        shared_buffers: h(c.bytes('shared_buffers')),
        max_connections: c.num('max_connections'),
        'busy-hour slope (bytes per byte of work_mem)': Number(busy.slope.toFixed(1)),
        'pile-up slope': Number(pile.slope.toFixed(1)),
        'busy hour at the target': `${h(busy.at0 + busy.slope * target)} (${percent(busy.at0 + busy.slope * target, c.ram)})`,
        'pile-up at the target': `${h(pile.at0 + pile.slope * target)} (${percent(pile.at0 + pile.slope * target, c.ram)})`,
        bounds: c.bounds.describe,
      },
      sources: [...wp.workMemCap.sources, ...wp.workMemBudget.sources, 'pg-resource', 'pg-kernel'],
      notes: ["the kernel is the real guard against running out of memory: vm.overcommit_memory = 2 and a negative oom_score_adj for the postmaster (the manual's 'Linux Memory Overcommit')"],
    };
  },
};

export const effectiveCacheSize: ParamPolicy = {
  name: 'effective_cache_size',
  area: 'memory',
  nature: 'budget',
  needs: ['ramBytes'],
  judge(c) {
    const ecs = WORKLOAD_POLICIES[c.workload].effectiveCacheShare;
    const sb = c.bytes('shared_buffers');
    const target = Math.max(roundSize(c.ram * ecs.value), sb);
    const pages = (bytes: number): number => c.fromBytes('effective_cache_size', bytes);
    const low = ecs.value >= 1 / 2
      ? [moves(pages(c.ram / 2), 'info', 'below half the RAM: the planner undervalues index scans on big tables'), moves(pages(Math.max(sb, c.ram / 4)), 'warning', 'below a quarter of the RAM (or below shared_buffers): the planner assumes almost nothing is cached')]
      : [moves(pages(sb), 'warning', 'below shared_buffers: it should count shared_buffers plus the OS cache')];
    return {
      target: pages(target),
      band: range(low, [moves(pages(Math.max(target, c.ram)), 'warning', 'more than the RAM: the planner assumes a cache that cannot exist')]),
      reason: `${percent(ecs.value, 1)} of the RAM: shared_buffers plus the OS page cache the planner may count on`,
      formula: `RAM × ${share(ecs.value)}, at least shared_buffers`,
      inputs: { ram: h(c.ram), shared_buffers: h(sb) },
      sources: [...ecs.sources, 'pg-query'],
    };
  },
};

export const HUGE_PAGES_SCALE = ['off', 'try', 'on'] as const;

export const hugePages: ParamPolicy = {
  name: 'huge_pages',
  area: 'memory',
  nature: 'capability',
  more: 'up',
  scale: HUGE_PAGES_SCALE,
  needs: ['ramBytes'],
  judge(c) {
    const sb = c.bytes('shared_buffers');
    const shm = sharedMemory(readShmemInputs(settingReader(c.planned), c.version), c.version);
    const pages = shm.hugePages;
    const dedicated = c.workload !== 'desktop' && !c.host.containerLimited;
    const reserved = c.hugePagesReserved;
    const wantOn = sb >= 8 * GB && dedicated && (reserved === undefined || reserved >= pages);
    const low = [];
    if (sb >= 2 * GB) low.push(moves(1, 'info', `off with ${h(sb)} of shared_buffers: every backend maps it in 4kB pages (page tables up to ${h(sb / 512)} per backend)`));
    if (wantOn) low.push(moves(2, 'info', `with ${h(sb)} of shared_buffers on a dedicated host, "try" falls back silently when the pages are not reserved, and every backend pays the page tables`));
    const count = c.has('shared_memory_size_in_huge_pages') ? `postgres -C shared_memory_size_in_huge_pages -D $PGDATA confirms it` : `PostgreSQL ${c.version} cannot print it; this is pgvet's exact shared-memory figure`;
    const sizeText = h(shm.hugePageSize);
    return {
      target: wantOn ? 'on' : 'try',
      band: range(low, []),
      reason: wantOn
        ? `${h(sb)} of shared_buffers on a dedicated host: reserve vm.nr_hugepages = ${pages} (${sizeText} pages for ${h(shm.bytes)} of shared memory) and require them`
        : reserved !== undefined && reserved < pages && sb >= 8 * GB
          ? `only ${reserved} huge pages are reserved, ${pages} are needed: "try" until vm.nr_hugepages = ${pages}`
          : `"try" uses huge pages when reserved (${pages} × ${sizeText} for this configuration) and falls back otherwise${dedicated ? '' : c.host.containerLimited ? '; a container must request them from its orchestrator' : '; a desktop shares the host'}`,
      formula: "'on' from 8GB of shared_buffers on a dedicated host (not desktop, not a container), else 'try'; vm.nr_hugepages = shared memory / huge page size + 1",
      inputs: { shared_buffers: h(sb), 'shared memory': h(shm.bytes), 'vm.nr_hugepages': pages, huge_page_size: sizeText },
      sources: ['pg-kernel', 'pg-resource', 'edb-huge-pages', 'rds-parameters', 'pgvet-shmem'],
      notes: wantOn ? [`huge_pages = on: set vm.nr_hugepages = ${pages} before the restart (${count}), and transparent huge pages to madvise or never; without the pages the server refuses to start`] : [],
    };
  },
};
