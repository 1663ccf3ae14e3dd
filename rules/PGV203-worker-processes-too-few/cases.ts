import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'no logical replication and no extensions: nothing reserved', conf: 'max_logical_replication_workers = 0\n' },
    { name: 'room for the launcher and 8 parallel workers', conf: 'max_worker_processes = 9\n' },
    { name: 'parallel workers lowered to fit', conf: 'max_parallel_workers = 7\n' },
    { name: 'timescaledb with timescaledb-tune sizing', conf: "shared_preload_libraries = 'timescaledb'\nmax_worker_processes = 27\nmax_parallel_workers = 8\n" },
    { name: 'fewer timescaledb background workers', conf: "shared_preload_libraries = 'timescaledb'\ntimescaledb.max_background_workers = 4\nmax_worker_processes = 16\n" },
    { name: 'pg_cron without background workers needs its launcher only', conf: "shared_preload_libraries = 'pg_cron'\nmax_worker_processes = 10\n" },
    { name: 'a misspelt case is not timescaledb (the server cannot load it: PGV015)', conf: "shared_preload_libraries = 'TimescaleDB'\n" },
    { name: 'two names without a comma load nothing (PGV019)', conf: "shared_preload_libraries = 'timescaledb pg_cron'\n" },
    { name: 'libraries without workers are not counted', conf: "shared_preload_libraries = 'pg_stat_statements,auto_explain'\nmax_worker_processes = 9\n" },
    { name: 'max_parallel_workers above max_worker_processes alone is not this rule', conf: 'max_logical_replication_workers = 0\nmax_parallel_workers = 32\n' },
  ],
  invalid: [
    { name: 'timescaledb with the default 8 workers', conf: "shared_preload_libraries = 'timescaledb'\n", lines: [0], messageIncludes: 'max_worker_processes = 8, but 19 background workers are spoken for (the logical replication launcher, timescaledb (18))' },
    { name: 'exactly the reserved count is starved', conf: "shared_preload_libraries = 'timescaledb'\nmax_worker_processes = 19\n", lines: [2], messageIncludes: 'nothing is left for parallel queries' },
    { name: 'one more than reserved: parallel queries capped', conf: "shared_preload_libraries = 'timescaledb'\nmax_worker_processes = 20\n", lines: [2], messageIncludes: 'max_parallel_workers = 8, but only 1 of max_worker_processes = 20 remain' },
    { name: 'timescaledb.max_background_workers is read', conf: "shared_preload_libraries = 'timescaledb'\ntimescaledb.max_background_workers = 8\nmax_worker_processes = 16\n", lines: [3], messageIncludes: 'timescaledb (10)' },
    { name: 'pg_cron with background workers', conf: "shared_preload_libraries = 'pg_cron'\ncron.use_background_workers = on\n", lines: [0], messageIncludes: 'pg_cron (33)' },
    { name: 'a library given as a path with its suffix is still timescaledb', conf: "shared_preload_libraries = '$libdir/timescaledb.so'\n", lines: [0], messageIncludes: 'timescaledb (18)' },
    { name: 'citus and pglogical', conf: "shared_preload_libraries = 'citus,pglogical'\n", lines: [0], messageIncludes: 'citus (2), pglogical (2)' },
    { name: 'timescaledb and pg_cron', conf: "shared_preload_libraries = 'timescaledb,pg_cron'\nmax_worker_processes = 24\nmax_parallel_workers = 8\n", lines: [2], messageIncludes: 'only 4 of max_worker_processes = 24' },
  ],
} satisfies RuleCases;
