import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { locateSetting, valueOf } from '../utils/locate.js';
import { autovacuumWorkers } from '../utils/host-math.js';

/**
 * Autovacuum workers are processes doing I/O-heavy work; more than the cores only queue. The
 * workers also share one cost budget (autovacuum_vacuum_cost_limit, default -1 = vacuum_cost_limit
 * 200), so adding workers without raising it makes each one slower (pg_gather, peer-tools.md §4.12).
 */
export default defineRule<'overCores' | 'sharedLimit'>({
  meta: {
    id: 'PGV401',
    name: 'autovacuum-workers',
    description: 'More autovacuum workers than cores, or more workers sharing an unchanged cost limit.',
    defaultSeverity: 'warning',
    needs: ['cores'],
    parameters: ['autovacuum_max_workers', 'autovacuum_worker_slots', 'autovacuum_vacuum_cost_limit', 'vacuum_cost_limit'],
    messages: {
      overCores: (d) => `autovacuum_max_workers = ${d.setting}${d.slots ? ` (${d.workers} can run: autovacuum_worker_slots = ${d.slots})` : ''} on ${d.cores} cores: vacuum processes would compete with queries for every CPU`,
      sharedLimit: (d) => `autovacuum_max_workers = ${d.setting}: the ${d.workers} workers that can run share one cost limit of ${d.limit}, each getting 1/${d.workers} of it, so more workers vacuum no faster; raise autovacuum_vacuum_cost_limit with them`,
    },
  },
  check(ctx) {
    const cores = ctx.host.cores!;
    const workers = autovacuumWorkers(ctx);
    const out: RuleFinding<'overCores' | 'sharedLimit'>[] = [];
    const at = { ...locateSetting(ctx, 'autovacuum_max_workers'), parameter: 'autovacuum_max_workers' };
    const setting = Number(valueOf(ctx, 'autovacuum_max_workers'));
    const slots = valueOf(ctx, 'autovacuum_worker_slots');
    const slotNote = slots !== undefined && Number(slots) < setting ? Number(slots) : '';
    if (workers > Math.max(3, cores)) out.push({ messageId: 'overCores', data: { workers, cores, setting, slots: slotNote }, ...at, suggestion: `autovacuum_max_workers = ${Math.max(3, Math.min(cores, Math.ceil(cores / 4) + 1))}` });
    const avLimit = Number(valueOf(ctx, 'autovacuum_vacuum_cost_limit'));
    const limit = avLimit === -1 ? Number(valueOf(ctx, 'vacuum_cost_limit')) : avLimit;
    if (workers > 3 && limit <= 200) out.push({ messageId: 'sharedLimit', data: { workers, limit, setting }, ...at, suggestion: `autovacuum_vacuum_cost_limit = ${Math.round((200 * workers) / 3)}` });
    return out;
  },
});
