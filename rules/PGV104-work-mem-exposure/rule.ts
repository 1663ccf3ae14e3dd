import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * work_mem above the guidance band: the busy hour or a pile-up would not fit, or one sort could take a quarter of the RAM; above the workload's cap it is advice (raise it per role). The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV104',
    name: 'work-mem-exposure',
    description: 'work_mem above what the busy hour and a pile-up leave room for on this host, or a quarter of the RAM for one sort.',
    defaultSeverity: 'warning',
    needs: ['ramBytes', 'cores'],
    parameters: ['work_mem'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV104),
});
