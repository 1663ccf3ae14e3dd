import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';
import { approxBytes, percent } from '../utils/host-math.js';
import { MEMORY_LIMITS } from '../../src/guidance/memory.js';

/**
 * PostgreSQL reads through the operating system's page cache and counts on it
 * (effective_cache_size, and the docs' 25% shared_buffers guidance assume it). When the
 * simulator's typical memory use leaves less than 20% of the RAM for it, every read that misses
 * shared_buffers goes to disk, and double buffering is the better trade no longer.
 */

/** The free share, never rounded up to the 20% it falls short of (19.6% is not "20%"). */
function cachePercent(left: number, ram: number): string {
  const shown = percent(left, ram);
  return Number.parseFloat(shown) >= MEMORY_LIMITS.osCache * 100 ? `${Math.floor((1000 * left) / ram) / 10}%` : shown;
}

export default defineRule({
  meta: {
    id: 'PGV108',
    name: 'os-cache-squeezed',
    description: 'Typical memory use (pgvet simulate) leaves less than 20% of the RAM for the OS page cache.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['shared_buffers', 'work_mem', 'max_connections'],
    messages: {
      squeezed: (d) => `under a typical ${d.workload} load the server uses about ${d.typical} of ${d.ram}, leaving ${d.left} (${d.pct}) for the OS page cache that PostgreSQL reads through; keep at least 20% free`,
    },
  },
  check(ctx) {
    const ram = ctx.host.ramBytes!;
    const est = ctx.estimate();
    const typical = est.memory.typical.bytes;
    const left = ram - typical;
    if (left >= ram * MEMORY_LIMITS.osCache || typical > ram) return []; // above the RAM: PGV109 says so
    return [{
      messageId: 'squeezed' as const,
      data: { workload: est.workload, typical: approxBytes(typical), ram: approxBytes(ram), left: approxBytes(left), pct: cachePercent(left, ram) },
      ...locateSetting(ctx, 'shared_buffers'),
      parameter: 'shared_buffers',
      help: 'lower shared_buffers toward 25% of the RAM, or work_mem',
    }];
  },
});
