import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'known parameters', conf: 'shared_buffers = 128MB\nwork_mem = 8MB\n' },
    { name: 'names are case-insensitive', conf: 'WORK_MEM = 8MB\nShared_Buffers = 128MB\nDateStyle = \'iso, mdy\'\n' },
    { name: 'legacy aliases the server maps silently', conf: 'sort_mem = 4096\nvacuum_mem = 65536\n' },
    { name: 'an extension placeholder is never checked at startup', conf: 'myext.anything = 1\npg_stat_statements.max = 10000\n' },
    { name: 'reserved_connections exists from 16', conf: 'reserved_connections = 0\n', versions: [16, 17, 18] },
    { name: 'idle_session_timeout exists from 14', conf: 'idle_session_timeout = 0\n', versions: [14, 15, 16, 17, 18] },
    { name: 'summarize_wal exists from 17', conf: 'summarize_wal = off\n', versions: [17, 18] },
    { name: 'io_method exists from 18', conf: 'io_method = worker\n', versions: [18] },
    { name: 'ssl_ecdh_curve: a parameter in 13–17, an alias of ssl_groups in 18', conf: "ssl_ecdh_curve = 'prime256v1'\n" },
    { name: 'a removed parameter is PGV003, not this rule', conf: 'wal_keep_segments = 32\n' },
  ],
  invalid: [
    { name: 'a typo', conf: 'shared_buffer = 128MB\n', lines: [1], messageIncludes: 'did you mean "shared_buffers"' },
    { name: 'an invented name', conf: 'work_mem = 8MB\nfoo = 1\n', lines: [2], messageIncludes: 'unrecognized configuration parameter "foo"' },
    { name: 'every unknown name is reported', conf: 'maxconnections = 100\nwork_mem = 8MB\nsharedbuffers = 1GB\n', lines: [1, 3] },
    { name: 'reserved_connections before 16', conf: 'reserved_connections = 0\n', versions: [13, 14, 15], lines: [1] },
    { name: 'idle_session_timeout in 13', conf: 'idle_session_timeout = 0\n', versions: [13], lines: [1] },
    { name: 'summarize_wal before 17', conf: 'summarize_wal = off\n', versions: [13, 14, 15, 16], lines: [1] },
    { name: 'io_method before 18', conf: 'io_method = worker\n', versions: [13, 14, 15, 16, 17], lines: [1] },
    { name: 'a UTF-8 byte order mark becomes part of the first name', conf: '\uFEFFwork_mem = 8MB\n', lines: [1], messageIncludes: 'byte order mark' },
    { name: 'an unknown name in an included file', conf: "include 'extra.conf'\n", files: { 'extra.conf': 'work_mem = 8MB\nwrok_mem = 8MB\n' }, lines: [2] },
  ],
} satisfies RuleCases;
