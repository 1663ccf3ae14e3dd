import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * parallel worker settings outside the guidance band. The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV204',
    name: 'parallel-workers-over-cores',
    description: 'More parallel workers than the cores can run, or none on a host that has cores for them.',
    defaultSeverity: 'warning',
    needs: ['cores'],
    parameters: ['max_parallel_workers', 'max_parallel_workers_per_gather', 'max_parallel_maintenance_workers'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV204),
});
