import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'one per core', conf: 'max_parallel_workers = 8\n', host: { cores: 8 } },
    { name: 'the defaults on 4 cores', conf: '# nothing set\n', host: { cores: 4 } },
  ],
  invalid: [
    { name: 'four times the cores', conf: 'max_parallel_workers = 32\n', host: { cores: 8 }, lines: [1], messageIncludes: 'max_parallel_workers is 32: more than twice the 8 cores' },
    { name: 'parallel query on one core', conf: 'max_parallel_workers_per_gather = 4\n', host: { cores: 1 }, lines: [1], messageIncludes: "(pgvet's guidance for this host: 0)" },
  ],
} satisfies RuleCases;
