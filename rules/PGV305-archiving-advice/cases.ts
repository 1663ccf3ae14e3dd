import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the default without a described server', conf: '# nothing set\n' },
    { name: 'archiving with a backup tool', conf: "archive_mode = on\narchive_command = 'pgbackrest --stanza=main archive-push %p'\n" },
    { name: 'minimal (PGV304 reports it)', conf: 'wal_level = minimal\nmax_wal_senders = 0\n' },
    { name: 'cp with archiving off is not run', conf: "archive_mode = on\narchive_command = 'wal-g wal-push %p'\n" },
  ],
  invalid: [
    { name: 'archive_mode = off written out, no host', conf: 'archive_mode = off\n', lines: [1] },
    { name: 'the default, for a described server', conf: '# nothing set\n', host: { storage: 'ssd' }, lines: [0], messageIncludes: 'no point-in-time recovery' },
    { name: 'cp first', conf: "archive_mode = on\narchive_command = 'cp %p /mnt/archive/%f'\n", lines: [2], messageIncludes: 'copies with cp' },
    { name: 'rsync by path', conf: "archive_mode = on\narchive_command = '/usr/bin/rsync -a %p backup:/wal/%f'\n", lines: [2], messageIncludes: 'copies with rsync' },
  ],
} satisfies RuleCases;
