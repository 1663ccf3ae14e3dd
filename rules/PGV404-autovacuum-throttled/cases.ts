import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults (2ms)', conf: '# nothing set\n' },
    { name: '20ms exactly', conf: 'autovacuum_vacuum_cost_delay = 20ms\n' },
    { name: 'unthrottled (0: PGV406 gives advice)', conf: 'autovacuum_vacuum_cost_delay = 0\n' },
    { name: '-1 falls back to vacuum_cost_delay 0', conf: 'autovacuum_vacuum_cost_delay = -1\n' },
  ],
  invalid: [
    // 200 credits × 20 rounds/s / miss cost: 13 has vacuum_cost_page_miss 10, 14+ has 2
    { name: '50ms on 13 (page miss costs 10)', conf: 'autovacuum_vacuum_cost_delay = 50ms\n', versions: [13], lines: [1], messageIncludes: '~3.1MB/s' },
    { name: '50ms on 14+ (page miss costs 2)', conf: 'autovacuum_vacuum_cost_delay = 50ms\n', versions: [14, 15, 16, 17, 18], lines: [1], messageIncludes: '~15.6MB/s' },
    { name: 'through vacuum_cost_delay', conf: 'autovacuum_vacuum_cost_delay = -1\nvacuum_cost_delay = 30ms\n', lines: [2], messageIncludes: 'vacuum_cost_delay = 30ms' },
  ],
} satisfies RuleCases;
