import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the default wal_level (replica) with archiving', conf: "archive_mode = on\narchive_command = '/bin/true'\n" },
    { name: 'minimal with WAL senders turned off', conf: 'wal_level = minimal\nmax_wal_senders = 0\n' },
    { name: 'minimal in upper case, senders off, archiving explicitly off', conf: 'wal_level = MINIMAL\nmax_wal_senders = 0\narchive_mode = off\n' },
    { name: 'minimal overridden by a later line', conf: 'wal_level = minimal\nwal_level = replica\n' },
    { name: 'logical with everything on', conf: "wal_level = logical\nmax_wal_senders = 20\narchive_mode = always\narchive_command = '/bin/true'\n" },
    { name: 'minimal with summarize_wal explicitly off (17+)', conf: 'wal_level = minimal\nmax_wal_senders = 0\nsummarize_wal = off\n', versions: [17, 18] },
    { name: 'summarize_wal with replica (17+)', conf: 'summarize_wal = on\n', versions: [17, 18] },
  ],
  invalid: [
    { name: 'minimal alone: max_wal_senders defaults to 10', conf: 'wal_level = minimal\n', lines: [1], messageIncludes: 'max_wal_senders is 10 (the default)' },
    { name: 'minimal with WAL senders', conf: 'wal_level = minimal\nmax_wal_senders = 5\n', lines: [2] },
    { name: 'minimal with archiving', conf: "wal_level = minimal\nmax_wal_senders = 0\narchive_mode = on\narchive_command = '/bin/true'\n", lines: [3], messageIncludes: 'WAL archival cannot be enabled' },
    { name: 'minimal with archive_mode = always', conf: 'wal_level = minimal\nmax_wal_senders = 0\narchive_mode = always\n', lines: [3] },
    { name: 'minimal with archive_mode spelled as a Boolean', conf: 'wal_level = minimal\nmax_wal_senders = 0\narchive_mode = yes\n', lines: [3] },
    { name: 'minimal with both senders and archiving', conf: 'max_wal_senders = 2\narchive_mode = on\nwal_level = minimal\n', lines: [1, 2] },
    { name: 'minimal set last wins over an earlier replica', conf: 'wal_level = replica\nmax_wal_senders = 0\nwal_level = minimal\narchive_mode = on\n', lines: [4] },
    { name: 'minimal with WAL summarization (17+)', conf: 'wal_level = minimal\nmax_wal_senders = 0\nsummarize_wal = on\n', versions: [17, 18], lines: [3], messageIncludes: 'WAL cannot be summarized' },
  ],
} satisfies RuleCases;
