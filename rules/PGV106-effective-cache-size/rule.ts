import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * effective_cache_size outside the guidance band. The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV106',
    name: 'effective-cache-size',
    description: 'effective_cache_size outside the guidance band: more than the RAM, or far below what the host caches.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['effective_cache_size'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV106),
});
