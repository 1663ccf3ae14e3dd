import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'the defaults on 100GB', conf: '# nothing set\n', host: { walVolumeBytes: 100 * GB } },
    { name: '48GB + 10GB on 100GB (58%)', conf: 'max_wal_size = 48GB\nwal_keep_size = 10GB\n', host: { walVolumeBytes: 100 * GB } },
  ],
  invalid: [
    { name: 'max_wal_size equals the volume', conf: 'max_wal_size = 100GB\n', host: { walVolumeBytes: 100 * GB }, lines: [1], messageIncludes: 'is at least the 100GB WAL volume' },
    { name: 'with wal_keep_size over 60%', conf: 'max_wal_size = 50GB\nwal_keep_size = 20GB\n', host: { walVolumeBytes: 100 * GB }, lines: [2], messageIncludes: '70% of the 100GB' },
    { name: 'the default 1GB on a 1GB volume', conf: '# nothing set\n', host: { walVolumeBytes: GB }, lines: [0] },
  ],
} satisfies RuleCases;
