import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults on 8 cores', conf: '# nothing set\n', host: { cores: 8 } },
    { name: 'the defaults on 64 cores for oltp', conf: '# nothing set\n', host: { cores: 64, workload: 'oltp' } },
    { name: 'a raised pool on 64 cores', conf: 'max_worker_processes = 40\nmax_parallel_workers = 32\nmax_parallel_maintenance_workers = 4\n', host: { cores: 64, workload: 'dw' } },
  ],
  invalid: [
    { name: 'leader off for oltp', conf: 'parallel_leader_participation = off\n', host: { cores: 8, workload: 'oltp' }, lines: [1] },
  ],
} satisfies RuleCases;
