import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults (13: cct 0.5, 14+: 0.9)', conf: '# nothing set\n', host: { storage: 'hdd' } },
    { name: '64GB over 30min on nvme', conf: 'max_wal_size = 64GB\ncheckpoint_timeout = 30min\n', host: { storage: 'nvme' } },
    { name: 'min below max', conf: 'min_wal_size = 2GB\nmax_wal_size = 8GB\n' },
    { name: 'a fast rate without a storage kind is not judged', conf: 'max_wal_size = 64GB\n' },
  ],
  invalid: [
    { name: 'cct 0.3', conf: 'checkpoint_completion_target = 0.3\n', lines: [1], messageIncludes: 'first 30% of the interval' },
    { name: 'window of 9s', conf: 'checkpoint_timeout = 30s\ncheckpoint_completion_target = 0.3\n', lines: [1, 2] },
    { name: '64GB in 5min on ssd (243MB/s)', conf: 'max_wal_size = 64GB\n', versions: [14, 15, 16, 17, 18], host: { storage: 'ssd' }, lines: [1], messageIncludes: '~243MB/s' },
    // 13's cct default of 0.5 halves the window: 16GB/150s
    { name: '16GB in 5min on hdd, 13', conf: 'max_wal_size = 16GB\n', versions: [13], host: { storage: 'hdd' }, lines: [1], messageIncludes: '~109MB/s' },
    { name: 'min above max', conf: 'min_wal_size = 4GB\nmax_wal_size = 2GB\n', lines: [1], messageIncludes: 'min_wal_size = 4GB is not below max_wal_size = 2GB' },
  ],
} satisfies RuleCases;
