import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';

/** PG18: autovacuum_max_workers above autovacuum_worker_slots starts with a WARNING and is capped. */
export default defineRule({
  meta: {
    id: 'PGV017',
    name: 'autovacuum-workers-exceed-slots',
    description: 'autovacuum_max_workers above autovacuum_worker_slots (18+): only that many workers can run.',
    defaultSeverity: 'warning',
    versions: { from: 18 },
    parameters: ['autovacuum_max_workers', 'autovacuum_worker_slots'],
    messages: {
      exceed: (d) => `"autovacuum_max_workers" (${d.workers}) should be less than or equal to "autovacuum_worker_slots" (${d.slots}): the server will only start up to ${d.slots} autovacuum workers at a time`,
    },
  },
  check(ctx) {
    const workers = ctx.settings.num('autovacuum_max_workers');
    const slots = ctx.settings.num('autovacuum_worker_slots');
    if (!(workers > slots)) return [];
    return [{ messageId: 'exceed' as const, data: { workers, slots }, ...locateSetting(ctx, 'autovacuum_max_workers'), parameter: 'autovacuum_max_workers', suggestion: `autovacuum_worker_slots = ${workers}`, help: 'raise autovacuum_worker_slots (needs a restart) or lower autovacuum_max_workers' }];
  },
});
