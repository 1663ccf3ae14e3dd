import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'a consistent 64-core set', conf: 'max_worker_processes = 72\nmax_parallel_workers = 64\nmax_parallel_workers_per_gather = 8\nmax_parallel_maintenance_workers = 4\n' },
  ],
  invalid: [
    { name: 'pool over the slots', conf: 'max_parallel_workers = 16\n', lines: [1], messageIncludes: 'at most 8 can ever run' },
    { name: 'per gather over the pool', conf: 'max_parallel_workers = 4\nmax_parallel_workers_per_gather = 6\n', lines: [2], messageIncludes: 'more than 4 workers' },
    { name: 'maintenance over the pool, and the slots lowered', conf: 'max_worker_processes = 4\nmax_parallel_workers = 2\nmax_parallel_maintenance_workers = 4\n', lines: [3] },
  ],
} satisfies RuleCases;
