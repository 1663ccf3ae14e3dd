import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * maintenance_work_mem outside the guidance band. The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV105',
    name: 'maintenance-work-mem-too-large',
    description: 'maintenance_work_mem outside the guidance band: above 25% of RAM, or small for the host.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['maintenance_work_mem'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV105),
});
