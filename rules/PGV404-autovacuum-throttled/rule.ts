import { defineRule } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { approxBytes } from '../../src/format.js';
import { at, autovacuumCost, autovacuumReadBytesPerSec } from '../utils/values.js';

/**
 * autovacuum_vacuum_cost_delay above 20ms (pg_gather: "between 2 and 20 milliseconds"; postgres-checkup
 * f008.go: 20ms with the default limit is P1, "~30 hours to read 1 TiB"). The message gives the
 * throughput: limit / delay / vacuum_cost_page_miss pages per second, shared by all workers.
 */
export default defineRule<'slow'>({
  meta: {
    id: 'PGV404',
    name: 'autovacuum-throttled',
    description: 'autovacuum_vacuum_cost_delay above 20ms: vacuum falls behind on large tables.',
    defaultSeverity: 'warning',
    parameters: ['autovacuum_vacuum_cost_delay', 'vacuum_cost_delay', 'autovacuum_vacuum_cost_limit', 'vacuum_cost_limit', 'vacuum_cost_page_miss'],
    messages: {
      slow: (d) => `${d.param} = ${d.delay}ms with a cost limit of ${d.limit}: all autovacuum workers together read at most ~${d.rate}/s from disk (${d.hours} hours per TB), so vacuum falls behind on large tables and, in the end, wraparound protection`,
    },
  },
  check(ctx) {
    const { limit, delayMs, delayParam } = autovacuumCost(ctx);
    if (!(delayMs > CHECKS.autovacuumDelayCeilingMs)) return [];
    const rate = autovacuumReadBytesPerSec(ctx, limit, delayMs);
    const hours = Math.round(1024 ** 4 / rate / 3600);
    return [{ messageId: 'slow', data: { param: delayParam, delay: delayMs, limit, rate: approxBytes(rate), hours }, ...at(ctx, delayParam), suggestion: 'autovacuum_vacuum_cost_delay = 2ms', help: 'keep the delay at 2ms (the default since 12) and size throughput with autovacuum_vacuum_cost_limit' }];
  },
});
