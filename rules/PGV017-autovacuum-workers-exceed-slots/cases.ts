import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults (3 workers, 16 slots)', conf: '# nothing set\n' },
    { name: 'as many workers as slots', conf: 'autovacuum_max_workers = 16\n' },
    { name: 'more workers with more slots', conf: 'autovacuum_worker_slots = 32\nautovacuum_max_workers = 32\n' },
    { name: 'fewer slots but still enough', conf: 'autovacuum_worker_slots = 4\nautovacuum_max_workers = 4\n' },
  ],
  invalid: [
    { name: 'more workers than the default 16 slots', conf: 'autovacuum_max_workers = 20\n', lines: [1], messageIncludes: '"autovacuum_max_workers" (20) should be less than or equal to "autovacuum_worker_slots" (16)' },
    { name: 'fewer slots than the default 3 workers', conf: 'autovacuum_worker_slots = 2\n', lines: [0] },
    { name: 'both set', conf: 'autovacuum_worker_slots = 5\nautovacuum_max_workers = 10\n', lines: [2] },
  ],
} satisfies RuleCases;
