import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: '800 million exactly', conf: 'autovacuum_freeze_max_age = 800000000\nautovacuum_multixact_freeze_max_age = 800000000\n' },
  ],
  invalid: [
    { name: '1.5 billion', conf: 'autovacuum_freeze_max_age = 1500000000\n', lines: [1], messageIncludes: 'only 647 million transaction IDs' },
    { name: 'multixact 1 billion', conf: 'autovacuum_multixact_freeze_max_age = 1000000000\n', lines: [1], messageIncludes: 'multixact IDs' },
  ],
} satisfies RuleCases;
