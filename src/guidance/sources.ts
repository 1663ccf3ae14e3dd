/**
 * Every source the guidance cites: the PostgreSQL manual and source, the peer tools' code at the
 * commits read, and practitioners' write-ups. A judgement names sources by id; docs/sources.md is
 * generated from this table (scripts/generate-guidance-docs.ts), so the two cannot drift.
 * `pgvet` marks pgvet's own judgement: stated in the reason so a user can disagree with it; our own
 * references (the DBA review, server facts, memory measurements) are vendored under docs/reference/.
 */

export interface Source {
  title: string;
  /** A public URL, or a file in this repository. */
  where: string;
}

const PG = (page: string): string => `https://www.postgresql.org/docs/current/${page}`;
const GH = (repo: string, commit: string, file: string): string => `https://github.com/${repo}/blob/${commit}/${file}`;

export const SOURCES = {
  pgvet: { title: 'pgvet policy: a judgement of its own, explained in the reason', where: 'docs/guidance.md' },
  'pgvet-backend-memory': { title: 'pgvet: measured memory of real 13–18 backends (PSS without shared memory)', where: 'src/simulate/data/backend-memory.json' },
  'pgvet-shmem': { title: "pgvet: the server's shared memory, term by term, calibrated on 13–18 (postgres -C shared_memory_size)", where: 'src/simulate/shmem.ts' },
  'pgvet-dba-review': { title: "pgvet's DBA review: a senior DBA's targets (M1–M19), the busy-hour and pile-up bounds and the DBA column over 40 hosts", where: 'docs/reference/dba-review.md' },
  'pgvet-server-facts': { title: 'pgvet: PostgreSQL 13–18 facts read in the source and measured on real binaries (value parsing, MaxBackends, shared memory, processes, backend memory)', where: 'docs/reference/server-facts.md' },
  'pgvet-memory-measurements': { title: "pgvet: real backends' memory under sorts, hashes, parallel queries, vacuum and a mixed load, against the simulator's model", where: 'docs/reference/memory-measurements.md' },
  'pgvet-extensions': { title: "pgvet: background workers of preloaded extensions, from each extension's documentation", where: 'src/engine/extensions.ts' },

  'pg-resource': { title: 'PostgreSQL manual: Resource Consumption (shared_buffers 25%/40%, work_mem, hash_mem_multiplier, maintenance and autovacuum memory, huge_pages, parallel workers, I/O concurrency)', where: PG('runtime-config-resource.html') },
  'pg-wal': { title: 'PostgreSQL manual: Write Ahead Log settings (wal_level, wal_buffers, wal_compression, checkpoints, archiving)', where: PG('runtime-config-wal.html') },
  'pg-wal-config': { title: 'PostgreSQL manual: WAL Configuration (checkpoint spacing, max_wal_size, log_checkpoints)', where: PG('wal-configuration.html') },
  'pg-replication': { title: 'PostgreSQL manual: Replication settings (max_wal_senders, slots, max_slot_wal_keep_size, hot_standby)', where: PG('runtime-config-replication.html') },
  'pg-autovacuum': { title: 'PostgreSQL manual: Automatic Vacuuming settings (workers, cost delay and limit, scale factors, freeze ages)', where: PG('runtime-config-autovacuum.html') },
  'pg-routine-vacuum': { title: 'PostgreSQL manual: Routine Vacuuming (transaction ID wraparound, autovacuum daemon)', where: PG('routine-vacuuming.html') },
  'pg-query': { title: 'PostgreSQL manual: Query Planning (random_page_cost, effective_cache_size, enable_*, default_statistics_target)', where: PG('runtime-config-query.html') },
  'pg-jit': { title: 'PostgreSQL manual: When to JIT?', where: PG('jit-decision.html') },
  'pg-logging': { title: 'PostgreSQL manual: Error Reporting and Logging (log_checkpoints, log_autovacuum_min_duration, log_min_duration_statement, log_lock_waits, log_temp_files)', where: PG('runtime-config-logging.html') },
  'pg-statistics': { title: 'PostgreSQL manual: Run-time Statistics (track_io_timing, track_counts)', where: PG('runtime-config-statistics.html') },
  'pg-client': { title: 'PostgreSQL manual: Client Connection Defaults (idle_in_transaction_session_timeout, default_toast_compression)', where: PG('runtime-config-client.html') },
  'pg-connection': { title: 'PostgreSQL manual: Connections and Authentication (max_connections, reserved connections, password_encryption, ssl)', where: PG('runtime-config-connection.html') },
  'pg-developer': { title: 'PostgreSQL manual: Developer Options (zero_damaged_pages, ignore_checksum_failure, ignore_invalid_pages, ignore_system_indexes)', where: PG('runtime-config-developer.html') },
  'pg-kernel': { title: 'PostgreSQL manual: Managing Kernel Resources (Linux huge pages, shared_memory_size_in_huge_pages, memory overcommit)', where: PG('kernel-resources.html') },
  'pg-auth-password': { title: 'PostgreSQL manual: Password Authentication (SCRAM, MD5 deprecated in 18)', where: PG('auth-password.html') },
  'pg-pgstatstatements': { title: 'PostgreSQL manual: pg_stat_statements', where: PG('pgstatstatements.html') },
  'pg-xlog-c': { title: 'PostgreSQL source: CalculateCheckpointSegments() in xlog.c (a checkpoint is requested after max_wal_size / (1 + checkpoint_completion_target))', where: 'https://github.com/postgres/postgres/blob/master/src/backend/access/transam/xlog.c' },
  'pg-commit-eic16': { title: 'PostgreSQL commit ff79b5b: "Increase default effective_io_concurrency to 16" (18; 1 performs worse than 0, 16 does not flood low-IOPS devices)', where: 'https://github.com/postgres/postgres/commit/ff79b5b' },
  'pg-commit-mic16': { title: 'PostgreSQL commit cc6be07: "Increase default maintenance_io_concurrency to 16" (18)', where: 'https://github.com/postgres/postgres/commit/cc6be07' },
  'pg-release-14': { title: 'PostgreSQL 14 release notes (vacuum_cost_page_miss 10 → 2, password_encryption scram-sha-256)', where: 'https://www.postgresql.org/docs/release/14.0/' },
  'pg-release-15': { title: 'PostgreSQL 15 release notes (log_checkpoints on, log_autovacuum_min_duration 10min, hash_mem_multiplier 2.0, wal_compression lz4/zstd)', where: 'https://www.postgresql.org/docs/release/15.0/' },
  'pg-release-18': { title: 'PostgreSQL 18 release notes (data checksums by default, autovacuum_worker_slots, asynchronous I/O, MD5 deprecated)', where: 'https://www.postgresql.org/docs/release/18.0/' },
  'wiki-connections': { title: 'PostgreSQL wiki: Number Of Database Connections (active ≈ 2 × cores + effective spindles)', where: 'https://wiki.postgresql.org/wiki/Number_Of_Database_Connections' },
  'wiki-tuning': { title: 'PostgreSQL wiki: Tuning Your PostgreSQL Server (effective_cache_size ½ conservative, ¾ aggressive)', where: 'https://wiki.postgresql.org/wiki/Tuning_Your_PostgreSQL_Server' },
  'freund-connections': { title: 'Andres Freund: Analyzing the Limits of Connection Scalability in Postgres (2020)', where: 'https://www.citusdata.com/blog/2020/10/08/analyzing-connection-scalability/' },
  'vondra-checkpoints': { title: 'Tomas Vondra: Basics of Tuning Checkpoints', where: 'https://www.enterprisedb.com/blog/basics-tuning-checkpoints' },
  'vondra-autovacuum': { title: 'Tomas Vondra: Autovacuum Tuning Basics (cost limit shared by the workers, scale factors for big tables)', where: 'https://www.enterprisedb.com/blog/autovacuum-tuning-basics' },
  'vondra-aio': { title: 'Tomas Vondra: Tuning AIO in PostgreSQL 18 (io_workers, io_method)', where: 'https://vondra.me/posts/tuning-aio-in-postgresql-18' },
  'percona-checkpoints': { title: 'Percona: Importance of Tuning Checkpoint in PostgreSQL (fewer full-page images with spaced checkpoints)', where: 'https://www.percona.com/blog/importance-of-tuning-checkpoint-in-postgresql/' },
  'edb-huge-pages': { title: 'EDB: Improving PostgreSQL performance without making changes to PostgreSQL (huge pages)', where: 'https://www.enterprisedb.com/blog/improving-postgresql-performance-without-making-changes-postgresql' },
  'rds-parameters': { title: 'AWS RDS for PostgreSQL: parameter defaults (maintenance_work_mem ≈ RAM/61, autovacuum_work_mem RAM/32 ≥ 64MB, huge pages on)', where: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.Autovacuum.html' },
  'azure-wal': { title: 'Azure Database for PostgreSQL: server parameters (checkpoint_timeout 10min, max_wal_size up to 64GB)', where: 'https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-server-parameters' },
  'cis-postgresql': { title: 'CIS PostgreSQL Benchmark (log_temp_files = 0, logging baseline)', where: 'https://www.cisecurity.org/benchmark/postgresql' },

  pgtune: { title: 'pgtune (le0pard/pgtune) @7caef27: configurationSlice.js selectors', where: GH('le0pard/pgtune', '7caef27', 'src/features/configuration/configurationSlice.js') },
  'timescaledb-tune': { title: 'timescaledb-tune @c7a642b: pkg/pgtune (memory, parallel, wal, misc)', where: GH('timescale/timescaledb-tune', 'c7a642b', 'pkg/pgtune/misc.go') },
  'pg-gather': { title: 'pg_gather @e4fd57e: dev/report.sql (paramDespatch per parameter)', where: GH('jobinau/pg_gather', 'e4fd57e', 'dev/report.sql') },
  postgresqltuner: { title: 'postgresqltuner @288bce8: postgresqltuner.pl', where: GH('jfcoz/postgresqltuner', '288bce8', 'postgresqltuner.pl') },
  'postgres-checkup': { title: 'postgres-checkup @4d2aabb: F001/F008 autovacuum, G001 memory, A002 versions', where: GH('postgres-ai/postgres-checkup', '4d2aabb', 'pghrep/internal/checkup/f008/f008.go') },
  'check-pgactivity': { title: 'check_pgactivity @befa734: check_configuration', where: GH('OPMDG/check_pgactivity', 'befa734', 'check_pgactivity') },
  cloudnativepg: { title: 'CloudNativePG @a95a534: cluster webhook (wal_log_hints with instances > 1, WAL size vs volume)', where: GH('cloudnative-pg/cloudnative-pg', 'a95a534', 'internal/webhook/v1/cluster_webhook.go') },
  patroni: { title: 'Patroni @de6b22c: mandatory settings (hot_standby, wal_log_hints) and pg_rewind', where: GH('patroni/patroni', 'de6b22c', 'patroni/postgresql/config.py') },
  'pgconfig-api': { title: 'pgconfig/api @6cd37be: logging category (pgbadger set)', where: GH('pgconfig/api', '6cd37be', 'pkg/category/log_config.go') },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
