import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'the defaults on a small host, no workload', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 8 } },
    { name: 'tuned for oltp on 16 cores', conf: 'autovacuum_max_workers = 5\nautovacuum_vacuum_scale_factor = 0.05\nautovacuum_analyze_scale_factor = 0.02\nautovacuum_vacuum_cost_limit = 800\n', host: { cores: 16, workload: 'oltp' } },
    { name: 'default scale factors for dw', conf: '# nothing set\n', host: { workload: 'dw' } },
    { name: 'naptime 1min (default) and 10s', conf: 'autovacuum_naptime = 10s\n' },
  ],
  invalid: [
    { name: 'default scale factors for oltp, before 18', conf: '# nothing set\n', host: { workload: 'oltp' }, versions: [13, 14, 15, 16, 17], lines: [0], messageIncludes: 'after 20 million dead rows' },
    { name: 'default scale factors for oltp on 18 (vacuum capped)', conf: '# nothing set\n', host: { workload: 'oltp' }, versions: [18], lines: [0], messageIncludes: 'autovacuum_vacuum_max_threshold = 100000000' },
    { name: 'unthrottled', conf: 'autovacuum_vacuum_cost_delay = 0\n', lines: [1], messageIncludes: 'unthrottled' },
    { name: 'cost limit 2000', conf: 'autovacuum_vacuum_cost_limit = 2000\n', lines: [1], messageIncludes: 'above 800' },
    { name: 'naptime 5min', conf: 'autovacuum_naptime = 5min\n', lines: [1], messageIncludes: 'autovacuum_naptime = 5min' },
  ],
} satisfies RuleCases;
