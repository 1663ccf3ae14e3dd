import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';

type Msg = 'overcommit' | 'ratio' | 'thp';

/**
 * The kernel's memory policy (read with --host auto, or given in a host file). The PostgreSQL docs
 * (kernel-resources, "Linux Memory Overcommit") recommend vm.overcommit_memory = 2 so that the OOM
 * killer does not take the postmaster or a backend; postgresqltuner flags ≠ 2 and a ratio ≤ 50 or > 90.
 * THP "always" causes latency spikes from compaction (docs/reference/dba-review.md#m11, #m17).
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV113',
    name: 'host-memory-settings',
    description: 'The host lets memory be overcommitted (vm.overcommit_memory ≠ 2, or a ratio out of band) or has transparent huge pages always on.',
    defaultSeverity: 'warning',
    parameters: [],
    messages: {
      overcommit: (d) => `vm.overcommit_memory = ${d.mode}: the kernel promises more memory than it has, and when it runs out the OOM killer ends a backend, after which the postmaster restarts every session${d.cgroup}; the PostgreSQL documentation recommends 2`,
      ratio: (d) => `vm.overcommit_memory = 2 with vm.overcommit_ratio = ${d.ratio}: ${d.why} (postgresqltuner: between 50 and 90)`,
      thp: () => 'transparent huge pages = always: the kernel compacts memory to build huge pages behind the backends\' allocations, which shows as latency spikes; set it to madvise or never (PostgreSQL uses explicit huge pages for shared memory)',
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const at = { file: ctx.config.main, line: 0, column: 0 };
    const mode = ctx.host.overcommitMemory;
    if (mode !== undefined && mode !== 2) out.push({ messageId: 'overcommit', data: { mode, cgroup: ctx.host.containerLimited ? ' (inside this container the cgroup memory limit has its own OOM killer regardless)' : '' }, ...at, help: 'sysctl vm.overcommit_memory=2, with vm.overcommit_ratio sized so RAM × ratio + swap covers the server; or set oom_score_adj of the postmaster' });
    const ratio = ctx.host.overcommitRatio;
    if (mode === 2 && ratio !== undefined && (ratio <= CHECKS.overcommitRatioLow || ratio > CHECKS.overcommitRatioHigh)) {
      out.push({ messageId: 'ratio', data: { ratio, why: ratio <= CHECKS.overcommitRatioLow ? 'allocations fail while much of the RAM is still free' : 'little memory is kept back, close to no limit at all' }, ...at });
    }
    if (ctx.host.transparentHugePages?.enabled === 'always') out.push({ messageId: 'thp', data: {}, ...at, help: 'echo madvise > /sys/kernel/mm/transparent_hugepage/enabled (and make it persistent)' });
    return out;
  },
});
