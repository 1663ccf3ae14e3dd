import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'both on, spelled differently', conf: 'autovacuum = yes\ntrack_counts = 1\n' },
    { name: 'only the launcher tuned down', conf: 'autovacuum_naptime = 5min\nautovacuum_vacuum_cost_delay = 20ms\n' },
  ],
  invalid: [
    { name: 'autovacuum off', conf: 'autovacuum = off\n', lines: [1], messageIncludes: 'only vacuums that prevent transaction ID wraparound still run' },
    { name: 'autovacuum false, set last', conf: 'autovacuum = on\nautovacuum = false\n', lines: [2] },
    { name: 'track_counts off stops autovacuum too', conf: 'track_counts = off\n', lines: [1], messageIncludes: 'also turns autovacuum off' },
    { name: 'both', conf: 'autovacuum = off\ntrack_counts = off\n', lines: [1, 2] },
  ],
} satisfies RuleCases;
