import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * autovacuum workers or cost limit outside the guidance band. The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV401',
    name: 'autovacuum-workers',
    description: 'Autovacuum workers and their shared cost budget outside the guidance band for the cores and the storage.',
    defaultSeverity: 'warning',
    needs: ['cores'],
    parameters: ['autovacuum_max_workers', 'autovacuum_vacuum_cost_limit'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV401),
});
