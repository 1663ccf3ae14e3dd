import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults (80MB and 1GB)', conf: '# nothing set\n' },
    { name: 'exactly two segments', conf: 'min_wal_size = 32MB\nmax_wal_size = 32MB\n' },
    { name: 'two segments written in another unit', conf: "min_wal_size = '0.03125GB'\nmax_wal_size = 32768kB\n" },
    { name: 'max_wal_size below min_wal_size is accepted', conf: 'min_wal_size = 1GB\nmax_wal_size = 64MB\n' },
  ],
  invalid: [
    { name: 'min_wal_size of one segment', conf: 'min_wal_size = 16MB\n', lines: [1], messageIncludes: '"min_wal_size" must be at least twice "wal_segment_size"' },
    { name: 'max_wal_size of one segment', conf: 'max_wal_size = 16MB\n', lines: [1], messageIncludes: '"max_wal_size" must be at least twice "wal_segment_size"' },
    { name: '31MB is still one whole segment', conf: 'work_mem = 8MB\nmax_wal_size = 31MB\n', lines: [2] },
    { name: 'the 2MB minimum of the range is below two segments', conf: 'min_wal_size = 2\n', lines: [1] },
    { name: 'both too small', conf: 'min_wal_size = 16MB\nmax_wal_size = 16MB\n', lines: [1, 2] },
  ],
} satisfies RuleCases;
