import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { approxBytes, formatBytes, percent } from '../../src/format.js';
import { at } from '../utils/values.js';

type Msg = 'workMemLow' | 'workMemHigh' | 'activityMemory';

/**
 * Memory settings the peers flag outside PGV101–108's bands: check_pgactivity and PGTune's work_mem
 * floor (4MB), pg_gather's server-wide work_mem cap (96MB), postgresqltuner/check_pgactivity's
 * maintenance_work_mem floor (64MB), postgresqltuner's track_activity_query_size share (1% of RAM).
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV110',
    name: 'memory-settings-advice',
    description: 'work_mem below 4MB or above 96MB server-wide, track_activity_query_size taking over 1% of RAM.',
    defaultSeverity: 'info',
    parameters: ['work_mem', 'track_activity_query_size', 'max_connections'],
    messages: {
      workMemLow: (d) => `work_mem = ${d.value}: below 4MB, sorts and hashes of ordinary queries spill to temporary files (check_pgactivity reports it as critical; PGTune never goes below 4MB)`,
      workMemHigh: (d) => `work_mem = ${d.value} server-wide: each sort or hash node of every query may take that much; above 96MB set it per role or per query for the reports that need it (pg_gather)`,
      activityMemory: (d) => `track_activity_query_size = ${d.value} × ${d.backends} backend slots is ${d.total} of shared memory, ${d.pct} of the RAM, for query texts in pg_stat_activity`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    // silent without ramBytes (not in the summary's host note, which names the core sizing rules)
    const ram = ctx.host.ramBytes;
    if (ram === undefined) return out;
    const workMem = ctx.settings.bytes('work_mem');
    if (workMem < CHECKS.workMemFloor) out.push({ messageId: 'workMemLow', data: { value: formatBytes(workMem) }, ...at(ctx, 'work_mem'), suggestion: 'work_mem = 4MB' });
    else if (workMem > CHECKS.workMemCeiling) out.push({ messageId: 'workMemHigh', data: { value: formatBytes(workMem) }, ...at(ctx, 'work_mem'), help: "ALTER ROLE reporting SET work_mem = '256MB'" });
    // maintenance_work_mem for the host is PGV105's judgement (the guidance policy)
    const size = ctx.settings.num('track_activity_query_size');
    const backends = ctx.settings.num('max_connections') + ctx.settings.num('autovacuum_max_workers') + ctx.settings.num('max_worker_processes') + ctx.settings.num('max_wal_senders');
    const total = size * backends;
    if (total > CHECKS.activityShareCeiling * ram) out.push({ messageId: 'activityMemory', data: { value: formatBytes(size), backends, total: approxBytes(total), pct: percent(total, ram) }, ...at(ctx, 'track_activity_query_size'), suggestion: 'track_activity_query_size = 4kB' });
    return out;
  },
});
