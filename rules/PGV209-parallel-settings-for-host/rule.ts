import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { at, isSet, num, on } from '../utils/values.js';

type Msg = 'maintenanceOverCap' | 'leaderOff' | 'smallPool';

/** PGTune selectParallelSettings (maintenance cap), pg_gather parallel_leader_participation, guidance-review §5.3 item 5. */
export default defineRule<Msg>({
  meta: {
    id: 'PGV209',
    name: 'parallel-settings-for-host',
    description: 'Parallel settings that do not fit the host or workload: too many maintenance workers, leader participation off for OLTP, the stock 8 workers on a big host.',
    defaultSeverity: 'info',
    parameters: ['max_parallel_maintenance_workers', 'parallel_leader_participation', 'max_worker_processes', 'max_parallel_workers'],
    messages: {
      maintenanceOverCap: (d) => `max_parallel_maintenance_workers = ${d.value} on ${d.cores} cores: one CREATE INDEX or VACUUM can take ${d.value} cores and that much maintenance_work_mem in total; PGTune caps it at ${d.cap}`,
      leaderOff: (d) => `parallel_leader_participation = off for workload ${d.workload}: short parallel queries wait for workers to start instead of the leader doing its share`,
      smallPool: (d) => `max_worker_processes = ${d.slots} and max_parallel_workers = ${d.pool} on ${d.cores} cores: the whole server gets ${d.pool} parallel workers, shared with logical replication and extensions`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    // silent without cores (not in the summary's host note, which names the core sizing rules)
    const cores = ctx.host.cores;
    if (cores === undefined) return out;
    const cap = Math.min(Math.ceil(cores / 2), CHECKS.maintenanceWorkersCap);
    const maint = num(ctx, 'max_parallel_maintenance_workers');
    if (maint > cap && isSet(ctx, 'max_parallel_maintenance_workers')) out.push({ messageId: 'maintenanceOverCap', data: { value: maint, cores, cap }, ...at(ctx, 'max_parallel_maintenance_workers'), suggestion: `max_parallel_maintenance_workers = ${cap}` });
    const workload = ctx.host.workload;
    if ((workload === 'oltp' || workload === 'web') && !on(ctx, 'parallel_leader_participation')) out.push({ messageId: 'leaderOff', data: { workload }, ...at(ctx, 'parallel_leader_participation'), suggestion: 'parallel_leader_participation = on' });
    const slots = num(ctx, 'max_worker_processes');
    const pool = num(ctx, 'max_parallel_workers');
    if (cores >= CHECKS.parallelBigHostCores && pool <= 8 && workload !== 'oltp' && workload !== 'web') out.push({ messageId: 'smallPool', data: { slots, pool, cores }, ...at(ctx, 'max_parallel_workers'), suggestion: `max_parallel_workers = ${Math.floor(cores / 2)}`, help: `raise max_worker_processes with it (max_worker_processes = ${Math.floor(cores / 2) + 8})` });
    return out;
  },
});
