import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * shared_buffers above the guidance band (40% of the RAM). The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV102',
    name: 'shared-buffers-too-large',
    description: 'shared_buffers above 40% of RAM: rarely better, and it starves the OS page cache.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['shared_buffers'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV102),
});
