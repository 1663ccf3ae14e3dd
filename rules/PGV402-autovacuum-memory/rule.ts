import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * autovacuum_work_mem outside the guidance band. The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV402',
    name: 'autovacuum-memory',
    description: 'autovacuum_work_mem outside the guidance band: all workers above 25% of RAM, or too small for big tables.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['autovacuum_work_mem'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV402),
});
