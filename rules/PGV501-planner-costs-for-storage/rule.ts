import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * planner cost and I/O concurrency settings outside the guidance band for the storage. The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV501',
    name: 'planner-costs-for-storage',
    description: 'random_page_cost or the I/O concurrency settings describe another kind of storage than the host has.',
    defaultSeverity: 'warning',
    needs: ['storage'],
    parameters: ['random_page_cost', 'effective_io_concurrency', 'maintenance_io_concurrency'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV501),
});
