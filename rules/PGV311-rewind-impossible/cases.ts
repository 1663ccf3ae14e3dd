import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'no replicas', conf: '# nothing set\n' },
    { name: 'wal_log_hints on with replicas', conf: 'wal_log_hints = on\n', host: { replicas: 2 } },
  ],
  invalid: [
    { name: 'replicas, 13–17', conf: 'wal_log_hints = off\n', host: { replicas: 2 }, versions: [13, 14, 15, 16, 17], lines: [1], messageIncludes: 'with 2 replicas' },
    { name: 'synchronous standbys named', conf: "synchronous_standby_names = 'ANY 1 (s1, s2)'\n", versions: [13, 14, 15, 16, 17], lines: [0], messageIncludes: 'synchronous standbys named' },
  ],
} satisfies RuleCases;
