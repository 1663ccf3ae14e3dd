import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';
import { bytesOf, roundSize } from '../utils/host-math.js';
import { formatBytes } from '../../src/catalog/values.js';

/**
 * effective_cache_size tells the planner how much of the data is cached (shared_buffers plus the
 * OS cache). Above the RAM it promises a cache that cannot exist; below shared_buffers it
 * contradicts itself. The usual value is 75% of RAM (PGTune, timescaledb-tune, pgconfig).
 */
export default defineRule<'overRam' | 'belowSb'>({
  meta: {
    id: 'PGV106',
    name: 'effective-cache-size',
    description: 'effective_cache_size above the RAM, or below shared_buffers: the planner is told about a cache that cannot be.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['effective_cache_size', 'shared_buffers'],
    messages: {
      overRam: (d) => `effective_cache_size = ${d.value} is more than the host's ${d.ram} RAM: the planner will assume data is cached that cannot be, and favour index scans that then read from disk`,
      belowSb: (d) => `effective_cache_size = ${d.value} is below shared_buffers (${d.sb}): it should count shared_buffers plus the OS cache`,
    },
  },
  check(ctx) {
    const ram = ctx.host.ramBytes!;
    const ecs = bytesOf(ctx, 'effective_cache_size');
    const sb = bytesOf(ctx, 'shared_buffers');
    const target = formatBytes(roundSize(ram * 0.75));
    const at = { ...locateSetting(ctx, 'effective_cache_size'), parameter: 'effective_cache_size', suggestion: `effective_cache_size = ${target}` };
    const out: RuleFinding<'overRam' | 'belowSb'>[] = [];
    if (ecs > ram) out.push({ messageId: 'overRam', data: { value: formatBytes(ecs), ram: formatBytes(ram) }, ...at });
    else if (ecs < sb) out.push({ messageId: 'belowSb', data: { value: formatBytes(ecs), sb: formatBytes(sb) }, ...at });
    return out;
  },
});
