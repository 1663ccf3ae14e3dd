import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'the defaults, no replicas said', conf: '# nothing set\n' },
    { name: 'bounded with replicas', conf: 'max_slot_wal_keep_size = 50GB\n', host: { replicas: 2 } },
    { name: 'slots off', conf: 'max_replication_slots = 0\n' },
  ],
  invalid: [
    { name: 'two replicas, unbounded', conf: '# nothing set\n', host: { replicas: 2 }, lines: [0], messageIncludes: 'with 2 replicas' },
    { name: 'slots set, unbounded, with a volume', conf: 'max_replication_slots = 4\n', host: { walVolumeBytes: 200 * GB }, lines: [0], messageIncludes: 'the 200GB WAL volume' },
  ],
} satisfies RuleCases;
