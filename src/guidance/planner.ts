/**
 * Planner and I/O: the storage described to the planner (random_page_cost, prefetch depth), JIT
 * for short queries, statistics for analytics, and no planner method switched off server-wide.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { Storage } from '../host/types.js';
import { anyValue, hazard, moves, oneOf, range } from './band.js';
import type { ParamPolicy } from './types.js';
import { WORKLOAD_POLICIES } from './workloads.js';

/** effective_io_concurrency by storage; 18 keeps at least its default 16 (commit ff79b5b). */
export const IO_CONCURRENCY: Record<Storage, number> = { hdd: 2, ssd: 200, nvme: 256, san: 128 };

export const randomPageCost: ParamPolicy = {
  name: 'random_page_cost',
  area: 'planner',
  nature: 'budget',
  needs: ['storage'],
  judge(c) {
    const s = c.storage;
    if (s === 'hdd') {
      return {
        target: 4,
        band: range([moves(2, 'info', 'random reads on spinning disks cost about 4 sequential ones; the planner will pick index scans that seek')], []),
        reason: 'spinning disks: a random read costs about 4 sequential ones (the default)',
        formula: 'hdd 4',
        inputs: { storage: s },
        sources: ['pgtune', 'pg-query'],
      };
    }
    const flash = s !== 'san';
    return {
      target: 1.1,
      band: range([], [moves(2, flash ? 'warning' : 'info', `${s}: random reads cost about as much as sequential ones; the spinning-disk cost makes the planner choose sequential and bitmap scans where index scans win`, { inclusive: false })]),
      reason: `${s}: random reads cost about as much as sequential ones${flash ? '' : ' (1.5 when the array is not all-flash)'}`,
      formula: 'ssd/nvme/san 1.1; fine below 2',
      inputs: { storage: s },
      sources: ['pgtune', 'pg-query', 'pg-gather'],
    };
  },
};

export const effectiveIoConcurrency: ParamPolicy = {
  name: 'effective_io_concurrency',
  area: 'planner',
  nature: 'capability',
  more: 'up',
  needs: ['storage'],
  judge(c) {
    const s = c.storage;
    const dflt = Number(c.defaultOf('effective_io_concurrency'));
    const target = Math.max(IO_CONCURRENCY[s], s === 'hdd' ? dflt : 0);
    const low = s === 'hdd' ? (dflt >= 16 ? [moves(16, 'info', "below 18's default of 16, chosen because 1 performs worse than 0 and 16 is safe for low-IOPS devices")] : []) : [moves(16, 'info', `${s} serves many concurrent reads; ${target} is usual`)];
    const high = s === 'hdd' ? [hazard(Math.max(16, target), 'info', 'a single disk serves about 2 reads at once; more prefetch floods it')] : [];
    return {
      target,
      band: range(low, high),
      reason: s === 'hdd' ? (dflt >= 16 ? 'the default 16 (safe for spinning disks, commit ff79b5b)' : 'about one read in flight per spindle (2–4)') : `concurrent prefetch requests ${s} serves well`,
      formula: 'hdd 2 (18: its default 16), ssd 200, nvme 256, san 128',
      inputs: { storage: s },
      sources: ['pg-resource', 'pg-commit-eic16', 'pgtune', 'timescaledb-tune'],
    };
  },
};

export const maintenanceIoConcurrency: ParamPolicy = {
  name: 'maintenance_io_concurrency',
  area: 'planner',
  nature: 'capability',
  more: 'up',
  needs: ['storage'],
  judge(c) {
    const dflt = Number(c.defaultOf('maintenance_io_concurrency'));
    const target = c.storage === 'hdd' ? dflt : Math.max(dflt, c.num('effective_io_concurrency'));
    return {
      target,
      band: range([moves(dflt, 'info', 'below the default: VACUUM, ANALYZE and recovery prefetch less than the storage can serve')], []),
      reason: c.storage === 'hdd' ? 'the default: spinning disks' : 'as effective_io_concurrency: VACUUM (18), ANALYZE (17) and recovery prefetch with it',
      formula: 'effective_io_concurrency on flash and SAN, the default on hdd',
      inputs: { storage: c.storage, effective_io_concurrency: c.num('effective_io_concurrency') },
      sources: ['pg-resource', 'pg-commit-mic16'],
    };
  },
};

export const jit: ParamPolicy = {
  name: 'jit',
  area: 'planner',
  nature: 'switch',
  needs: [],
  judge(c) {
    const j = WORKLOAD_POLICIES[c.workload].jit;
    if (j.value === 'on') {
      return { target: true, band: anyValue(), reason: `on: ${j.note ?? 'the default'}`, formula: `on for ${c.workload}`, inputs: { workload: c.workload }, sources: j.sources };
    }
    // mixed: a raised jit_above_cost keeps JIT for the reports only
    const raised = c.workload === 'mixed' && c.num('jit_above_cost') >= 1_000_000;
    return {
      target: false,
      band: oneOf(raised ? ['on', 'off'] : ['off'], 'info', `JIT compiles for tens to hundreds of ms, paid by ${c.workload} queries whenever an estimate crosses jit_above_cost`),
      reason: `off for ${c.workload}: ${j.note ?? ''}`,
      formula: `off for ${c.workload}${c.workload === 'mixed' ? ' (or jit_above_cost ≥ 1000000)' : ''}`,
      inputs: { workload: c.workload },
      sources: j.sources,
    };
  },
};

export const defaultStatisticsTarget: ParamPolicy = {
  name: 'default_statistics_target',
  area: 'planner',
  nature: 'capability',
  more: 'up',
  needs: [],
  judge(c) {
    const st = WORKLOAD_POLICIES[c.workload].statisticsTarget;
    return {
      target: st.value,
      band: c.workload === 'dw' ? range([moves(250, 'info', 'coarse histograms on skewed analytic data: misestimated joins and aggregates')], []) : anyValue(),
      reason: st.note ?? 'the default',
      formula: '500 for dw (fine from 250), else 100',
      inputs: { workload: c.workload },
      sources: st.sources,
    };
  },
};

export const defaultToastCompression: ParamPolicy = {
  name: 'default_toast_compression',
  area: 'planner',
  nature: 'switch',
  needs: [],
  judge(c) {
    const lz4 = c.build.lz4 === true;
    return {
      target: lz4 ? 'lz4' : 'pglz',
      band: anyValue(),
      reason: lz4 ? 'lz4 compresses and decompresses TOAST values faster than pglz (the build has it)' : 'pglz (the default) works on every build; lz4 is faster when the build has it',
      formula: 'lz4 when the build has it, else pglz',
      inputs: { lz4: c.build.lz4 === undefined ? 'unknown' : String(c.build.lz4) },
      sources: ['pg-client', 'timescaledb-tune'],
    };
  },
};

/** Every enable_* planner switch that is on by default, from the catalog of the version. */
export function planMethodPolicies(catalog: Catalog): ParamPolicy[] {
  return [...catalog.params.values()]
    .filter((p) => p.name.startsWith('enable_') && p.type === 'bool' && p.default === 'on')
    .map((p) => ({
      name: p.name,
      area: 'planner' as const,
      nature: 'switch' as const,
      needs: [],
      judge: () => ({
        target: true,
        band: oneOf(['on'], 'warning', 'a debugging switch: off server-wide forces worse plans on every query that would use it; set it per session'),
        reason: 'on (the default)',
        formula: 'on',
        inputs: {},
        sources: ['pg-query', 'postgresqltuner', 'check-pgactivity'],
      }),
    }));
}
