import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { locateSetting, valueOf } from '../utils/locate.js';

/**
 * Parallel workers are processes that want a core each. More workers per Gather than there are
 * cores, or a pool far larger than the cores, only adds contention (PGTune: max_parallel_workers
 * = cores, per gather = cores/2 capped at 4; peer-tools.md §4.9).
 */
export default defineRule<'perGather' | 'pool'>({
  meta: {
    id: 'PGV204',
    name: 'parallel-workers-over-cores',
    description: 'More parallel workers than cores: processes that compete for the same CPUs.',
    defaultSeverity: 'warning',
    needs: ['cores'],
    parameters: ['max_parallel_workers_per_gather', 'max_parallel_workers', 'max_parallel_maintenance_workers'],
    messages: {
      perGather: (d) => `max_parallel_workers_per_gather = ${d.value} on ${d.cores} cores: one query's ${Number(d.value) + 1} processes would compete for ${d.cores} CPUs`,
      pool: (d) => `max_parallel_workers = ${d.value} is more than twice the ${d.cores} cores`,
    },
  },
  check(ctx) {
    const cores = ctx.host.cores!;
    const out: RuleFinding<'perGather' | 'pool'>[] = [];
    const perGather = Number(valueOf(ctx, 'max_parallel_workers_per_gather'));
    if (perGather >= cores && perGather > 2) {
      out.push({ messageId: 'perGather', data: { value: perGather, cores }, ...locateSetting(ctx, 'max_parallel_workers_per_gather'), parameter: 'max_parallel_workers_per_gather', suggestion: `max_parallel_workers_per_gather = ${Math.max(1, Math.min(4, Math.ceil(cores / 2)))}` });
    }
    const pool = Number(valueOf(ctx, 'max_parallel_workers'));
    if (pool > 2 * cores && pool > 8) {
      out.push({ messageId: 'pool', data: { value: pool, cores }, ...locateSetting(ctx, 'max_parallel_workers'), parameter: 'max_parallel_workers', suggestion: `max_parallel_workers = ${Math.max(8, Math.ceil(cores))}` });
    }
    return out;
  },
});
