import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * shared_buffers below the guidance band: far below the manual's 25% of the RAM (the band starts at RAM/8, from 1GB of RAM). The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV101',
    name: 'shared-buffers-too-small',
    description: "shared_buffers far below PostgreSQL's guidance of 25% of the host's RAM.",
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['shared_buffers'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV101),
});
