import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';
import { approxBytes, percent } from '../utils/host-math.js';

/**
 * The simulator's worst case — shared memory plus every process at its limits (all connections
 * running queries with their sort/hash nodes at work_mem × hash_mem_multiplier, parallel workers,
 * maintenance and autovacuum memory) — above the RAM or the container limit. Then the OOM killer
 * (or the cgroup) ends a backend and the postmaster restarts every session. `pgvet simulate`
 * shows every term.
 */
export default defineRule({
  meta: {
    id: 'PGV107',
    name: 'worst-case-memory',
    description: "Worst-case memory (pgvet simulate) above the host's RAM or container limit.",
    // info: the worst case (every connection busy with the workload's largest queries at once) is
    // a bound, rarely reached; the typical case against the OS cache is PGV108, a warning
    defaultSeverity: 'info',
    needs: ['ramBytes'],
    parameters: ['work_mem', 'max_connections', 'shared_buffers', 'maintenance_work_mem', 'autovacuum_work_mem'],
    messages: {
      over: (d) => `in the worst case this server can use ${d.total} (${d.shared} shared + ${d.private} private, largest: ${d.largest}), ${d.pct} of the ${d.ram} ${d.what}; run pgvet simulate for the terms`,
    },
  },
  check(ctx) {
    const ram = ctx.host.ramBytes!;
    const worst = ctx.estimate().memory.worstCase;
    if (worst.bytes <= ram) return [];
    const largest = [...worst.lines].sort((a, b) => b.bytes - a.bytes)[0];
    return [{
      messageId: 'over' as const,
      data: {
        total: approxBytes(worst.bytes),
        shared: approxBytes(worst.shared),
        private: approxBytes(worst.private),
        largest: largest ? `${largest.name} ${approxBytes(largest.bytes)}` : '-',
        pct: percent(worst.bytes, ram),
        ram: approxBytes(ram),
        what: ctx.host.containerLimited ? 'container memory limit' : 'RAM',
      },
      ...locateSetting(ctx, 'work_mem'),
      parameter: 'work_mem',
      help: 'lower work_mem or max_connections (a pooler keeps fewer sessions busy), or set autovacuum_work_mem',
    }];
  },
});
