import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'defaults with 2 replicas', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4, replicas: 2 } },
    { name: 'defaults with 9 replicas', conf: '# nothing set\n', host: { replicas: 9 } },
    { name: 'replicas + 1 senders and one slot each', conf: 'max_wal_senders = 3\nmax_replication_slots = 2\n', host: { replicas: 2 } },
    { name: 'no replicas: nothing to check', conf: 'wal_level = minimal\nmax_wal_senders = 0\nmax_replication_slots = 0\n', host: { replicas: 0 } },
    { name: 'logical also feeds standbys', conf: 'wal_level = logical\n', host: { replicas: 1 } },
  ],
  invalid: [
    { name: 'one sender short', conf: 'max_wal_senders = 2\n', host: { replicas: 2 }, lines: [1], messageIncludes: 'max_wal_senders = 2 for 2 replicas: each needs a sender and a base backup or reconnect needs one more (at least 3)' },
    { name: 'one slot short', conf: 'max_replication_slots = 1\n', host: { replicas: 2 }, lines: [1], messageIncludes: 'max_replication_slots = 1 for 2 replicas' },
    { name: 'minimal with a replica', conf: 'wal_level = minimal\nmax_wal_senders = 0\n', host: { replicas: 1 }, lines: [1, 2] },
    { name: 'defaults with 10 replicas: senders short, slots enough', conf: '# nothing set\n', host: { replicas: 10 }, lines: [0], messageIncludes: 'max_wal_senders = 10 for 10 replicas' },
    { name: 'defaults with 11 replicas: both short', conf: '# nothing set\n', host: { replicas: 11 }, lines: [0, 0] },
  ],
} satisfies RuleCases;
