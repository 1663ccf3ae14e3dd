import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the replacement of wal_keep_segments', conf: 'wal_keep_size = 512MB\n' },
    { name: 'stats_temp_directory still exists in 13–14', conf: "stats_temp_directory = 'pg_stat_tmp'\n", versions: [13, 14] },
    { name: 'force_parallel_mode still exists in 13–15', conf: 'force_parallel_mode = off\n', versions: [13, 14, 15] },
    { name: 'its replacement debug_parallel_query from 16', conf: 'debug_parallel_query = off\n', versions: [16, 17, 18] },
    { name: 'old_snapshot_threshold still exists in 13–16', conf: 'old_snapshot_threshold = -1\n', versions: [13, 14, 15, 16] },
    { name: 'operator_precedence_warning still exists in 13', conf: 'operator_precedence_warning = off\n', versions: [13] },
    { name: 'a name that was never a parameter is PGV002, not this rule', conf: 'foo = 1\n' },
    { name: 'an extension setting with a removed name as suffix', conf: 'myext.checkpoint_segments = 3\n' },
  ],
  invalid: [
    { name: 'wal_keep_segments, removed in 13', conf: 'wal_keep_segments = 32\n', lines: [1], messageIncludes: 'use wal_keep_size' },
    { name: 'checkpoint_segments, removed in 9.5', conf: 'checkpoint_segments = 16\n', lines: [1], messageIncludes: 'max_wal_size' },
    { name: 'standby_mode, removed in 12', conf: 'standby_mode = on\n', lines: [1] },
    { name: 'stats_temp_directory from 15', conf: "stats_temp_directory = 'pg_stat_tmp'\n", versions: [15, 16, 17, 18], lines: [1] },
    { name: 'force_parallel_mode from 16', conf: 'force_parallel_mode = off\n', versions: [16, 17, 18], lines: [1], messageIncludes: 'debug_parallel_query' },
    { name: 'old_snapshot_threshold from 17', conf: 'old_snapshot_threshold = -1\n', versions: [17, 18], lines: [1] },
    { name: 'operator_precedence_warning from 14', conf: 'operator_precedence_warning = off\n', versions: [14, 15, 16, 17, 18], lines: [1] },
    { name: 'removed names are matched case-insensitively', conf: 'work_mem = 8MB\nWAL_KEEP_SEGMENTS = 32\n', lines: [2] },
  ],
} satisfies RuleCases;
