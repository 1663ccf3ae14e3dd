import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the default (replica)', conf: '# nothing set\n' },
    { name: 'logical', conf: 'wal_level = logical\n' },
    { name: 'minimal with senders is a refusal (PGV010), not this', conf: 'wal_level = minimal\n' },
  ],
  invalid: [
    { name: 'minimal, no senders', conf: 'wal_level = minimal\nmax_wal_senders = 0\n', lines: [1], messageIncludes: 'no point-in-time recovery' },
  ],
} satisfies RuleCases;
