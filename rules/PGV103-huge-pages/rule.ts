import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * huge_pages below the guidance band for the size of shared_buffers. The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV103',
    name: 'huge-pages',
    description: 'huge_pages below what the shared_buffers size calls for (off from 2GB, try from 8GB on a dedicated host).',
    defaultSeverity: 'info',
    needs: ['ramBytes'],
    parameters: ['huge_pages'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV103),
});
