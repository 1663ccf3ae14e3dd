import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'all on', conf: 'fsync = on\nfull_page_writes = on\nsynchronous_commit = on\n' },
    { name: 'synchronous_commit local', conf: 'synchronous_commit = local\n' },
    { name: 'synchronous_commit remote_write', conf: 'synchronous_commit = remote_write\n' },
  ],
  invalid: [
    { name: 'fsync off', conf: 'fsync = off\n', lines: [1], messageIncludes: 'can be corrupted beyond repair' },
    { name: 'fsync no', conf: 'fsync = no\n', lines: [1] },
    { name: 'full_page_writes off', conf: 'full_page_writes = off\n', lines: [1], messageIncludes: 'torn pages' },
    { name: 'synchronous_commit off', conf: 'synchronous_commit = off\n', lines: [1], messageIncludes: 'synchronous_commit = off: a crash can lose the last ~600ms of commits the clients were told succeeded (no corruption)' },
    { name: 'synchronous_commit false, longer wal_writer_delay', conf: 'wal_writer_delay = 1s\nsynchronous_commit = false\n', lines: [2], messageIncludes: '~3s' },
    { name: 'all three', conf: 'fsync = off\nfull_page_writes = off\nsynchronous_commit = off\n', lines: [1, 2, 3] },
  ],
} satisfies RuleCases;
