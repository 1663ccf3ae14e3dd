import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults on 2 cores, ext4', conf: '# nothing set\n', host: { cores: 2, filesystem: 'ext4' } },
    { name: 'lz4 on 15+', conf: 'wal_compression = lz4\n', versions: [15, 16, 17, 18], host: { cores: 16 } },
    { name: 'on (pglz) on 13–14', conf: 'wal_compression = on\n', versions: [13, 14], host: { cores: 16 } },
    { name: 'zfs with zero-fill and recycling off', conf: 'wal_init_zero = off\nwal_recycle = off\n', host: { filesystem: 'zfs' } },
    { name: 'wal_buffers 16MB', conf: 'wal_buffers = 16MB\n' },
    { name: 'wal_sync_method fdatasync and open_datasync', conf: 'wal_sync_method = fdatasync\nwal_sync_method = open_datasync\n' },
  ],
  invalid: [
    { name: 'compression off on 16 cores, 13–14', conf: '# nothing set\n', versions: [13, 14], host: { cores: 16 }, lines: [0], messageIncludes: 'pglz (on)' },
    { name: 'compression off on 16 cores, 15+', conf: 'wal_compression = off\n', versions: [15, 16, 17, 18], host: { cores: 16 }, lines: [1], messageIncludes: 'lz4' },
    { name: 'zfs with the defaults', conf: '# nothing set\n', host: { filesystem: 'zfs' }, lines: [0, 0], messageIncludes: 'on zfs' },
    { name: 'background writer off', conf: 'bgwriter_lru_maxpages = 0\n', lines: [1] },
    { name: 'wal_sync_method fsync', conf: 'wal_sync_method = fsync\n', lines: [1], messageIncludes: 'slower than fdatasync' },
    { name: 'wal_buffers 64kB', conf: 'wal_buffers = 64kB\n', lines: [1], messageIncludes: 'wal_buffers = 64kB' },
  ],
} satisfies RuleCases;
