import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'memory units spelled as the server spells them', conf: "shared_buffers = 1GB\nwork_mem = 8MB\nmaintenance_work_mem = 65536kB\ntemp_file_limit = 1TB\ntrack_activity_query_size = 2048B\n" },
    { name: 'time units spelled as the server spells them', conf: 'statement_timeout = 5min\ncheckpoint_timeout = 1h\nlock_timeout = 500ms\ndeadlock_timeout = 1s\nlog_rotation_age = 1d\nvacuum_cost_delay = 100us\n' },
    { name: 'a bare number is in the base unit', conf: 'work_mem = 65536\nshared_buffers = 16384\nstatement_timeout = 0\n' },
    { name: 'a quoted space between number and unit', conf: "work_mem = '8 MB'\n" },
    { name: 'a quoted fraction with a unit', conf: "work_mem = '1.5MB'\ncheckpoint_timeout = '1.5min'\n" },
    { name: 'hexadecimal digits are not units', conf: 'work_mem = 0xFFkB\nmax_connections = 0x64\n' },
    { name: 'a unit on a real parameter that has one', conf: 'vacuum_cost_delay = 2ms\n' },
    { name: 'no unit on a unit-less parameter', conf: 'max_connections = 100\nrandom_page_cost = 1.1\n' },
  ],
  invalid: [
    { name: 'KB is not kB', conf: 'work_mem = 8KB\n', lines: [1], messageIncludes: 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".' },
    { name: 'mb is not MB', conf: 'work_mem = 8mb\n', lines: [1] },
    { name: 'Gb is not GB', conf: 'shared_buffers = 1Gb\n', lines: [1] },
    { name: 'quoted, with a space, still case-sensitive', conf: "maintenance_work_mem = '64 mb'\n", lines: [1] },
    { name: 'PB is not a unit', conf: "temp_file_limit = '1PB'\n", lines: [1] },
    { name: 'a unit on a parameter without unit', conf: 'max_connections = 8MB\n', lines: [1], messageIncludes: 'takes no unit' },
    { name: 'a unit on a real parameter without unit', conf: "random_page_cost = '1.1ms'\n", lines: [1] },
    { name: 'a time unit on a memory parameter', conf: 'work_mem = 1s\n', lines: [1] },
    { name: 'a memory unit on a time parameter', conf: 'statement_timeout = 1MB\n', lines: [1], messageIncludes: 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".' },
    { name: 'm is not a time unit', conf: 'statement_timeout = 5m\n', lines: [1] },
    { name: 'MIN is not min', conf: 'checkpoint_timeout = 5MIN\n', lines: [1] },
    { name: 'sec is not s', conf: 'checkpoint_timeout = 300sec\n', lines: [1] },
    { name: 'every bad unit is reported', conf: 'work_mem = 8KB\nshared_buffers = 128MB\nmaintenance_work_mem = 1gb\n', lines: [1, 3] },
  ],
} satisfies RuleCases;
