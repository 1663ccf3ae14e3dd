import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'a valid value overridden by a valid value', conf: 'work_mem = 4MB\nwork_mem = 8MB\n' },
    { name: 'a differently-cased later line does not hide the invalid one: the server refuses (PGV004)', conf: 'WORK_MEM = bogus\nwork_mem = 8MB\n' },
    { name: 'an alias does not hide the invalid one: the server refuses (PGV004)', conf: 'sort_mem = bogus\nwork_mem = 8MB\n' },
    { name: 'an invalid last line is not hidden: the server refuses (PGV004)', conf: 'work_mem = 8MB\nwork_mem = bogus\n' },
  ],
  invalid: [
    { name: 'an invalid value hidden by a later identical name', conf: 'work_mem = bogus\nwork_mem = 8MB\n', lines: [1], messageIncludes: 'invalid value for parameter "work_mem": "bogus"' },
    { name: 'a bad Boolean hidden', conf: 'fsync = maybe\nshared_buffers = 128MB\nfsync = on\n', lines: [1], messageIncludes: 'line 3' },
    { name: 'an out-of-range value hidden', conf: 'work_mem = 1kB\nwork_mem = 8MB\n', lines: [1] },
    { name: 'a bad unit hidden', conf: 'work_mem = 8mb\nwork_mem = 8MB\n', lines: [1] },
    { name: 'two invalid lines hidden by a third', conf: 'wal_level = rep\nwal_level = hot\nwal_level = replica\n', lines: [1, 2] },
    { name: 'hidden by a line in an included file', conf: "work_mem = bogus\ninclude 'extra.conf'\n", files: { 'extra.conf': 'work_mem = 8MB\n' }, lines: [1], messageIncludes: 'extra.conf' },
    { name: 'in upper case, hidden by the same upper-case spelling', conf: 'WORK_MEM = bogus\nWORK_MEM = 8MB\n', lines: [1] },
  ],
} satisfies RuleCases;
