import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * max_connections above the guidance band. The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV201',
    name: 'max-connections-high',
    description: 'max_connections far above the core count, or more than a pile-up can fit in the RAM: use a connection pooler.',
    defaultSeverity: 'warning',
    needs: ['ramBytes', 'cores'],
    parameters: ['max_connections'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV201),
});
