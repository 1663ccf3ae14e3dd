import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS, isFlash } from '../../src/guidance/checks.js';
import { formatBytes } from '../../src/format.js';
import { at, isSet, written } from '../utils/values.js';

type Msg = 'seqPageCost' | 'cpuCost' | 'jit' | 'statisticsTarget' | 'syncScans' | 'maintenanceIo' | 'ioWorkersUnused' | 'ioWorkersFew' | 'combineCapped';

const CPU_COSTS = ['cpu_tuple_cost', 'cpu_index_tuple_cost', 'cpu_operator_cost'];

/** Planner and I/O settings the generators set per workload or storage (PGTune, timescaledb-tune, pgconfig, pg_gather, postgresqltuner). */
export default defineRule<Msg>({
  meta: {
    id: 'PGV503',
    name: 'planner-advice',
    description: 'Planner and I/O settings off the usual path: seq_page_cost or CPU costs changed, JIT for short queries, statistics target for analytics, pglz TOAST, synchronized scans off, maintenance I/O concurrency, 18\'s I/O workers.',
    defaultSeverity: 'info',
    parameters: ['seq_page_cost', ...CPU_COSTS, 'jit', 'default_statistics_target', 'synchronize_seqscans', 'maintenance_io_concurrency', 'effective_io_concurrency', 'io_method', 'io_workers', 'io_combine_limit', 'io_max_combine_limit'],
    messages: {
      seqPageCost: (d) => `seq_page_cost = ${d.value}: every other cost is relative to a sequential page read at 1.0; change random_page_cost instead`,
      cpuCost: (d) => `${d.param} = ${d.value} (default ${d.def}): the CPU cost constants are calibrated against each other; changing one shifts plans in ways that are hard to predict`,
      jit: (d) => `jit = on for workload ${d.workload}: when a misestimate pushes a short query over jit_above_cost it pays tens to hundreds of milliseconds of compilation; turn JIT off, or raise jit_above_cost`,
      statisticsTarget: (d) => `default_statistics_target = ${d.value} for workload dw: skewed analytic columns need bigger samples; PGTune uses ${d.suggest}`,
      syncScans: () => 'synchronize_seqscans = off: concurrent sequential scans of a big table each read it from the start instead of sharing reads',
      maintenanceIo: (d) => `maintenance_io_concurrency = ${d.mic} below effective_io_concurrency = ${d.eic} on ${d.storage}: vacuum and index builds prefetch less than queries do; set it to the same`,
      ioWorkersUnused: (d) => `io_workers = ${d.workers} with io_method = ${d.method}: I/O workers exist only for io_method = worker, so the setting has no effect`,
      ioWorkersFew: (d) => `io_workers = ${d.workers} on ${d.cores} cores: asynchronous reads queue behind ${d.workers} workers; PGTune uses ${d.suggest} (cores/4 between 3 and 32)`,
      combineCapped: (d) => `io_combine_limit = ${d.limit} is above io_max_combine_limit = ${d.max}: the server silently uses ${d.max}`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const { workload, storage, cores } = ctx.host;
    if (isSet(ctx, 'seq_page_cost') && ctx.settings.num('seq_page_cost') !== 1) out.push({ messageId: 'seqPageCost', data: { value: ctx.settings.num('seq_page_cost') }, ...at(ctx, 'seq_page_cost'), suggestion: 'seq_page_cost = 1' });
    for (const param of CPU_COSTS) {
      const s = ctx.resolution.settings.get(param);
      if (s?.source && Number(s.value) !== Number(s.param.default)) out.push({ messageId: 'cpuCost', data: { param, value: Number(s.value), def: String(s.param.default) }, ...at(ctx, param), suggestion: `${param} = ${s.param.default}` });
    }
    if ((workload === 'web' || workload === 'oltp' || workload === 'mixed') && ctx.settings.bool('jit')) out.push({ messageId: 'jit', data: { workload }, ...at(ctx, 'jit'), suggestion: 'jit = off' });
    if (workload === 'dw' && ctx.settings.num('default_statistics_target') < CHECKS.dwStatisticsTarget) out.push({ messageId: 'statisticsTarget', data: { value: ctx.settings.num('default_statistics_target'), suggest: CHECKS.dwStatisticsTarget }, ...at(ctx, 'default_statistics_target'), suggestion: `default_statistics_target = ${CHECKS.dwStatisticsTarget}` });
    if (!ctx.settings.bool('synchronize_seqscans')) out.push({ messageId: 'syncScans', data: {}, ...at(ctx, 'synchronize_seqscans'), suggestion: 'synchronize_seqscans = on' });
    const mic = ctx.settings.num('maintenance_io_concurrency');
    const eic = ctx.settings.num('effective_io_concurrency');
    if (isFlash(storage) && mic < eic) out.push({ messageId: 'maintenanceIo', data: { mic, eic, storage: storage! }, ...at(ctx, 'maintenance_io_concurrency'), suggestion: `maintenance_io_concurrency = ${eic}` });
    if (ctx.settings.has('io_method')) {
      const method = written(ctx, 'io_method');
      const workers = ctx.settings.num('io_workers');
      if (method !== 'worker' && isSet(ctx, 'io_workers')) out.push({ messageId: 'ioWorkersUnused', data: { workers, method }, ...at(ctx, 'io_workers') });
      if (method === 'worker' && cores !== undefined) {
        const suggest = Math.min(CHECKS.ioWorkersMax, Math.max(CHECKS.ioWorkersMin, Math.floor(cores / 4)));
        if (workers < suggest) out.push({ messageId: 'ioWorkersFew', data: { workers, cores, suggest }, ...at(ctx, 'io_workers'), suggestion: `io_workers = ${suggest}` });
      }
    }
    if (ctx.settings.has('io_max_combine_limit')) {
      const limit = ctx.settings.bytes('io_combine_limit');
      const max = ctx.settings.bytes('io_max_combine_limit');
      if (limit > max) out.push({ messageId: 'combineCapped', data: { limit: formatBytes(limit), max: formatBytes(max) }, ...at(ctx, 'io_combine_limit') });
    }
    return out;
  },
});
