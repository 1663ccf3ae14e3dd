import { defineRule } from '../../src/engine/types.js';
import { GUIDED, guidedFindings, guidedMessage } from '../utils/host-math.js';

/**
 * checkpoint and WAL-size settings outside the guidance band. The band, the severity outside it, the reason and the suggestion
 * are the guidance policy's (src/guidance): the suggestion is exactly what `pgvet tune` writes for
 * this file on this host, and none when tune keeps the file's value (advice the file may overrule).
 */
export default defineRule<'guided'>({
  meta: {
    id: 'PGV302',
    name: 'checkpoints-and-wal',
    description: 'checkpoint_timeout and max_wal_size below what the host and its shared_buffers call for: checkpoints forced by WAL volume and a flood of full-page images.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['checkpoint_timeout', 'max_wal_size', 'min_wal_size', 'checkpoint_completion_target'],
    messages: { guided: guidedMessage },
  },
  check: (ctx) => guidedFindings(ctx, ...GUIDED.PGV302),
});
