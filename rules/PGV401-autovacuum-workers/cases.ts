import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'defaults on 16GB/4 cores', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'defaults on 1 core (3 is the floor)', conf: '# nothing set\n', host: { cores: 1 } },
    { name: '4 workers on 4 cores with a raised limit', conf: 'autovacuum_max_workers = 4\nautovacuum_vacuum_cost_limit = 400\n', host: { cores: 4 } },
    { name: 'the limit comes from vacuum_cost_limit when -1', conf: 'autovacuum_max_workers = 4\nvacuum_cost_limit = 400\n', host: { cores: 4 } },
    { name: 'just above the default limit', conf: 'autovacuum_max_workers = 4\nautovacuum_vacuum_cost_limit = 201\n', host: { cores: 4 } },
    { name: '8 workers on 64 cores with a raised limit', conf: 'autovacuum_max_workers = 8\nautovacuum_vacuum_cost_limit = 2000\n', host: { cores: 64 } },
    { name: '18: only 3 slots, so 3 workers', conf: 'autovacuum_max_workers = 8\nautovacuum_worker_slots = 3\n', host: { cores: 4 }, versions: [18] },
  ],
  invalid: [
    { name: '4 workers sharing the default limit', conf: 'autovacuum_max_workers = 4\n', host: { cores: 4 }, lines: [1], messageIncludes: 'autovacuum_max_workers = 4: the 4 workers that can run share one cost limit of 200, each getting 1/4 of it' },
    { name: 'the limit set to 200 explicitly', conf: 'autovacuum_max_workers = 4\nautovacuum_vacuum_cost_limit = 200\n', host: { cores: 4 }, lines: [1] },
    { name: 'autovacuum_vacuum_cost_limit wins over vacuum_cost_limit', conf: 'autovacuum_max_workers = 4\nautovacuum_vacuum_cost_limit = 150\nvacuum_cost_limit = 400\n', host: { cores: 4 }, lines: [1], messageIncludes: 'cost limit of 150' },
    { name: 'one more worker than cores', conf: 'autovacuum_max_workers = 5\nautovacuum_vacuum_cost_limit = 800\n', host: { cores: 4 }, lines: [1], messageIncludes: 'autovacuum_max_workers = 5 on 4 cores: vacuum processes would compete with queries for every CPU' },
    { name: '4 workers on 2 cores', conf: 'autovacuum_max_workers = 4\nautovacuum_vacuum_cost_limit = 400\n', host: { cores: 2 }, lines: [1], messageIncludes: 'on 2 cores' },
    { name: 'timescaledb-tune: 10 workers, default limit', conf: 'autovacuum_max_workers = 10\n', host: { cores: 8 }, lines: [1, 1] },
    { name: '13-17: 8 workers (autovacuum_worker_slots does not exist)', conf: 'autovacuum_max_workers = 8\nautovacuum_worker_slots = 3\n', host: { cores: 4 }, versions: [13, 14, 15, 16, 17], lines: [1, 1], messageIncludes: 'autovacuum_max_workers = 8' },
  ],
} satisfies RuleCases;
