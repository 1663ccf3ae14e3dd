import { defineRule } from '../../src/engine/types.js';
import { at, judged } from '../utils/values.js';

/** pg_gather paramDespatch.track_io_timing: "no good reason … to be off on any modern hardware". */
export default defineRule<'off'>({
  meta: {
    id: 'PGV703',
    name: 'track-io-timing-off',
    description: 'track_io_timing = off: no I/O times in pg_stat_statements, EXPLAIN (BUFFERS) or the autovacuum logs.',
    defaultSeverity: 'info',
    parameters: ['track_io_timing'],
    messages: {
      off: () => 'track_io_timing = off: pg_stat_statements, EXPLAIN (ANALYZE, BUFFERS), pg_stat_database and the autovacuum logs show no time spent on I/O, so slow storage cannot be told from slow queries',
    },
  },
  check(ctx) {
    if (ctx.settings.bool('track_io_timing') || !judged(ctx, 'track_io_timing')) return [];
    return [{ messageId: 'off', data: {}, ...at(ctx, 'track_io_timing'), suggestion: 'track_io_timing = on', help: 'run pg_test_timing first: on hosts with a slow clock source (some VMs) timing every I/O costs noticeably' }];
  },
});
