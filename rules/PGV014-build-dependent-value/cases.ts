import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'values every build has', conf: 'wal_compression = off\nssl = off\nbonjour = off\n' },
    { name: 'pglz TOAST compression (14+)', conf: 'default_toast_compression = pglz\n', versions: [14, 15, 16, 17, 18] },
    { name: 'pglz WAL compression (15+)', conf: 'wal_compression = pglz\n', versions: [15, 16, 17, 18] },
    { name: 'wal_compression = on', conf: 'wal_compression = on\n' },
    { name: 'io_method = worker (18)', conf: 'io_method = worker\n', versions: [18] },
    { name: 'lz4 for a Boolean wal_compression (13–14) is PGV004, not this rule', conf: 'wal_compression = lz4\n', versions: [13, 14] },
    { name: 'default_toast_compression in 13 is PGV002, not this rule', conf: 'default_toast_compression = lz4\n', versions: [13] },
    { name: 'io_method before 18 is PGV002, not this rule', conf: 'io_method = io_uring\n', versions: [13, 14, 15, 16, 17] },
  ],
  invalid: [
    { name: 'lz4 TOAST compression (14+)', conf: 'default_toast_compression = lz4\n', versions: [14, 15, 16, 17, 18], lines: [1], messageIncludes: '--with-lz4' },
    { name: 'lz4 WAL compression (15+)', conf: 'wal_compression = lz4\n', versions: [15, 16, 17, 18], lines: [1], messageIncludes: '--with-lz4' },
    { name: 'zstd WAL compression (15+), in upper case', conf: 'wal_compression = ZSTD\n', versions: [15, 16, 17, 18], lines: [1], messageIncludes: '--with-zstd' },
    { name: 'io_uring (18)', conf: 'io_method = io_uring\n', versions: [18], lines: [1], messageIncludes: '--with-liburing' },
    { name: 'bonjour = on needs Bonjour', conf: 'bonjour = true\n', lines: [1] },
  ],
} satisfies RuleCases;
