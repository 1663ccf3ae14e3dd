import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { at, isSet } from '../utils/values.js';

type Msg = 'poolOverProcesses' | 'gatherOverPool' | 'maintenanceOverPool';

/**
 * Parallel workers come from max_parallel_workers, which comes from max_worker_processes (the
 * background-worker slots shared with logical replication and extensions). A setting above the pool
 * it draws from is silently capped (runtime-config-resource, "Asynchronous Behavior").
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV208',
    name: 'parallel-workers-unsupplied',
    description: 'A parallel-worker setting above the pool it draws from (max_parallel_workers, max_worker_processes): the extra workers never start.',
    defaultSeverity: 'warning',
    parameters: ['max_worker_processes', 'max_parallel_workers', 'max_parallel_workers_per_gather', 'max_parallel_maintenance_workers'],
    messages: {
      poolOverProcesses: (d) => `max_parallel_workers = ${d.pool} but max_worker_processes = ${d.slots}: parallel workers are taken from the ${d.slots} background-worker slots, shared with logical replication and extensions, so at most ${d.slots} can ever run`,
      gatherOverPool: (d) => `max_parallel_workers_per_gather = ${d.gather} but max_parallel_workers = ${d.pool}: no query can get more than ${d.pool} workers, and one such query takes them all`,
      maintenanceOverPool: (d) => `max_parallel_maintenance_workers = ${d.maint} but max_parallel_workers = ${d.pool}: CREATE INDEX and VACUUM get at most ${d.pool}`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const slots = ctx.settings.num('max_worker_processes');
    const pool = ctx.settings.num('max_parallel_workers');
    const gather = ctx.settings.num('max_parallel_workers_per_gather');
    const maint = ctx.settings.num('max_parallel_maintenance_workers');
    const changed = (...ps: string[]): boolean => ps.some((p) => isSet(ctx, p));
    if (pool > slots && changed('max_parallel_workers', 'max_worker_processes')) out.push({ messageId: 'poolOverProcesses', data: { pool, slots }, ...at(ctx, isSet(ctx, 'max_parallel_workers') ? 'max_parallel_workers' : 'max_worker_processes'), suggestion: `max_worker_processes = ${pool + 4}` });
    if (gather > pool && changed('max_parallel_workers_per_gather', 'max_parallel_workers')) out.push({ messageId: 'gatherOverPool', data: { gather, pool }, ...at(ctx, isSet(ctx, 'max_parallel_workers_per_gather') ? 'max_parallel_workers_per_gather' : 'max_parallel_workers'), suggestion: `max_parallel_workers_per_gather = ${Math.max(1, Math.floor(pool / 2))}` });
    if (maint > pool && changed('max_parallel_maintenance_workers', 'max_parallel_workers')) out.push({ messageId: 'maintenanceOverPool', data: { maint, pool }, ...at(ctx, isSet(ctx, 'max_parallel_maintenance_workers') ? 'max_parallel_maintenance_workers' : 'max_parallel_workers'), suggestion: `max_parallel_maintenance_workers = ${Math.max(1, Math.floor(pool / 2))}` });
    return out;
  },
});
