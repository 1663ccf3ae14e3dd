import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'restart-only parameters may be set in the file', conf: 'shared_buffers = 128MB\nmax_connections = 100\nwal_level = replica\n' },
    { name: 'parameters any user may set', conf: "work_mem = 8MB\napplication_name = 'x'\n" },
    { name: 'an extension setting that looks read-only', conf: 'myext.block_size = 8192\n' },
  ],
  invalid: [
    { name: 'block_size, even with its actual value', conf: 'block_size = 8192\n', lines: [1], messageIncludes: 'parameter "block_size" cannot be changed' },
    { name: 'server_version', conf: "server_version = '99'\n", lines: [1] },
    { name: 'wal_segment_size (initdb --wal-segsize decides it)', conf: 'wal_segment_size = 16MB\n', lines: [1] },
    { name: 'data_checksums (initdb --data-checksums decides it)', conf: 'work_mem = 8MB\ndata_checksums = on\n', lines: [2] },
    { name: 'in upper case', conf: 'MAX_INDEX_KEYS = 32\n', lines: [1] },
    { name: 'shared_memory_size from 15', conf: 'shared_memory_size = 200MB\n', versions: [15, 16, 17, 18], lines: [1] },
    { name: 'lc_collate in 13–15 (removed in 16)', conf: "lc_collate = 'C'\n", versions: [13, 14, 15], lines: [1] },
  ],
} satisfies RuleCases;
