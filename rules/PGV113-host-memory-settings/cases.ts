import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'nothing known about the kernel', conf: '# nothing set\n' },
    { name: 'strict overcommit at 80%, THP madvise', conf: '# nothing set\n', host: { overcommitMemory: 2, overcommitRatio: 80, transparentHugePages: { enabled: 'madvise' } } },
  ],
  invalid: [
    { name: 'heuristic overcommit', conf: '# nothing set\n', host: { overcommitMemory: 0 }, lines: [0], messageIncludes: 'vm.overcommit_memory = 0' },
    { name: 'in a container', conf: '# nothing set\n', host: { overcommitMemory: 1, containerLimited: true }, lines: [0], messageIncludes: 'cgroup memory limit' },
    { name: 'ratio 50', conf: '# nothing set\n', host: { overcommitMemory: 2, overcommitRatio: 50 }, lines: [0], messageIncludes: 'allocations fail' },
    { name: 'THP always', conf: '# nothing set\n', host: { overcommitMemory: 2, overcommitRatio: 80, transparentHugePages: { enabled: 'always' } }, lines: [0], messageIncludes: 'latency spikes' },
  ],
} satisfies RuleCases;
