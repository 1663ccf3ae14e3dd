import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'defaults on 16GB/4 cores', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'defaults on 1 core', conf: '# nothing set\n', host: { cores: 1 } },
    { name: 'per Gather just below the cores', conf: 'max_parallel_workers_per_gather = 3\n', host: { cores: 4 } },
    { name: 'per Gather 2 on 2 cores', conf: 'max_parallel_workers_per_gather = 2\n', host: { cores: 2 } },
    { name: 'pool of 8 on 4 cores', conf: 'max_parallel_workers = 8\n', host: { cores: 4 } },
    { name: 'the default pool of 8 on 3 cores (floor of 8)', conf: '# nothing set\n', host: { cores: 3 } },
    { name: 'pool of twice the cores', conf: 'max_parallel_workers = 128\n', host: { cores: 64 } },
  ],
  invalid: [
    { name: 'per Gather equal to the cores', conf: 'max_parallel_workers_per_gather = 4\n', host: { cores: 4 }, lines: [1], messageIncludes: "max_parallel_workers_per_gather = 4 on 4 cores: one query's 5 processes would compete for 4 CPUs" },
    { name: 'per Gather 3 on 2 cores', conf: 'max_parallel_workers_per_gather = 3\n', host: { cores: 2 }, lines: [1] },
    { name: 'pool of 9 on 4 cores', conf: 'max_parallel_workers = 9\n', host: { cores: 4 }, lines: [1], messageIncludes: 'max_parallel_workers = 9 is more than twice the 4 cores' },
    { name: 'pool just above twice 64 cores', conf: 'max_parallel_workers = 129\n', host: { cores: 64 }, lines: [1] },
    { name: 'both', conf: 'max_parallel_workers_per_gather = 8\nmax_parallel_workers = 32\n', host: { cores: 4 }, lines: [1, 2] },
  ],
} satisfies RuleCases;
