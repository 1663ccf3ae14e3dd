/**
 * The judgement numbers of the checks DBAs and the peer tools make (issue 15): one place, each with
 * its source. Rules compare against these; they never carry their own constants.
 * Sources are the peer tools' code at the commits in docs/sources.md (file and function named), the
 * PostgreSQL documentation and the DBA targets in docs/reference/dba-review.md#targets.
 */
import { GB, MB } from './format.js';

export const CHECKS = {
  /** pg_gather paramDespatch.idle_in_transaction_session_timeout: suggests 5min. */
  idleInTransactionSuggestion: '5min',
  /** pg_gather paramDespatch.lock_timeout: suggests 1min (per role rather than server-wide). */
  lockTimeoutSuggestion: '1min',
  /** pg_gather paramDespatch.client_connection_check_interval: 10–60s. */
  clientCheckSuggestion: '10s',
  /** Patroni config.py CMDLINE_OPTIONS: max_connections ≥ 25 (timescaledb-tune --max-conns ≥ 25). */
  maxConnectionsFloor: 25,
  /** postgresqltuner.pl: superuser_reserved_connections above 20% of max_connections. */
  reservedShareCeiling: 0.2,
  /** Patroni CMDLINE_OPTIONS: max_locks_per_transaction ≥ 32 and max_worker_processes ≥ 2. */
  maxLocksFloor: 32,
  maxWorkerProcessesFloor: 2,

  /** postgresqltuner.pl: checkpoint_completion_target bands (< 0.5 warning, ≤ 0.7 info, > 0.9 info). */
  cctLow: 0.5,
  cctFair: 0.7,
  cctHigh: 0.9,
  /** postgresqltuner.pl: checkpoint_timeout × checkpoint_completion_target under 10s. */
  checkpointWindowFloorMs: 10_000,
  /** DBA target M1 (docs/reference/dba-review.md#m1): 15min (30min on big write-heavy hosts); pg_gather flags < 20min and suggests
   * 30min. pgvet flags below its own suggestion, so a file that follows it is quiet. */
  checkpointTimeoutFloorMs: 15 * 60_000,
  checkpointTimeoutSuggestion: '15min',
  /** postgresqltuner.pl: sustainable checkpoint write rates (30MB/s HDD, 200MB/s SSD); nvme and san
   * are not in postgresqltuner: nvme takes the SSD figure ×2 (docs/reference/dba-review.md#d6), san the SSD one. */
  checkpointRateBytesPerSec: { hdd: 30 * MB, ssd: 200 * MB, nvme: 400 * MB, san: 200 * MB } as Record<string, number>,
  /** PGTune per-workload max_wal_size (what `pgvet tune` writes); below half of it is flagged. */
  maxWalSizeForWorkload: { web: 4 * GB, oltp: 8 * GB, dw: 16 * GB, mixed: 8 * GB, desktop: 2 * GB } as Record<string, number>,
  /** timescaledb-tune pkg/pgtune/wal.go walMaxDiskPct: max_wal_size (+ wal_keep_size) within 60% of the WAL volume. */
  walVolumeShare: 0.6,
  /** Patroni CMDLINE_OPTIONS: wal_keep_size ≥ 16MB when set. */
  walKeepSizeFloor: 16 * MB,
  /** pg_gather paramDespatch.max_standby_*_delay: 30s–300s. */
  standbyDelayMinMs: 30_000,
  standbyDelayMaxMs: 300_000,
  /** pg_gather paramDespatch.wal_compression: more than 3 CPUs. */
  walCompressionCores: 4,
  /** check_pgactivity check_configuration: wal_buffers below 512kB. */
  walBuffersFloor: 512 * 1024,

  /** pg_gather and postgres-checkup f008.go: autovacuum_vacuum_cost_delay above 20ms. */
  autovacuumDelayCeilingMs: 20,
  /** pg_gather paramDespatch.autovacuum_vacuum_cost_limit: less than 800. */
  autovacuumCostLimitCeiling: 800,
  /** pg_gather paramDespatch.autovacuum_freeze_max_age: above 800 million. */
  freezeMaxAgeCeiling: 800_000_000,
  /** The same margin for multixacts: 2× the 400M default (extension beyond the peers). */
  multixactFreezeMaxAgeCeiling: 800_000_000,
  /** postgres-checkup f001.go: scale factors left at the defaults (0.2 vacuum, 0.1 analyze). */
  vacuumScaleFactorDefault: 0.2,
  analyzeScaleFactorDefault: 0.1,
  vacuumScaleFactorSuggestion: 0.05,
  analyzeScaleFactorSuggestion: 0.02,
  /** timescaledb-tune misc.go: autovacuum_naptime 10s; above the 1min default is flagged. */
  naptimeCeilingMs: 60_000,

  /** check_pgactivity (< 4MB) and PGTune's floor: work_mem. */
  workMemFloor: 4 * MB,
  /** pg_gather paramDespatch.work_mem: above 96MB server-wide. */
  workMemCeiling: 96 * MB,
  /** postgresqltuner.pl: effective_cache_size − shared_buffers below 4GB, and the 90% memory sum. */
  osCacheFloor: 4 * GB,
  memorySumCeiling: 0.9,
  /** postgresqltuner.pl: track_activity_query_size × backends above 1% of RAM. */
  activityShareCeiling: 0.01,
  /** DBA target M11 (docs/reference/dba-review.md#m11): huge pages matter from about 8GB of shared_buffers. */
  hugePagesSharedBuffers: 8 * GB,
  /** postgresqltuner.pl prefers 1GB huge pages on dedicated hosts; pgvet advises them from 32GB of shared memory. */
  gigaPagesSharedMemory: 32 * GB,
  /** postgresqltuner.pl: vm.overcommit_ratio ≤ 50 or > 90 with overcommit_memory = 2. */
  overcommitRatioLow: 50,
  overcommitRatioHigh: 90,

  /** postgresqltuner.pl: log_min_duration_statement below 1s logs too much. */
  slowQueryFloorMs: 1000,
  /** pgconfig log_config.go (pgbadger set): 10s; DBA target M6 (docs/reference/dba-review.md#m6): 250ms–1s. */
  slowQuerySuggestion: '1s',

  /** PGTune selectDefaultStatisticsTarget: 500 for dw. */
  dwStatisticsTarget: 500,
  /** PGTune selectIoWorkers: clamp(cores/4, 3, 32) (pgtune#142). */
  ioWorkersMin: 3,
  ioWorkersMax: 32,
  /** pg_gather paramDespatch.shared_preload_libraries: more than 2 preloaded libraries. */
  preloadCountCeiling: 2,
} as const;

/** Storage whose random reads cost about the same as sequential ones (flash). */
export function isFlash(storage: string | undefined): boolean {
  return storage === 'ssd' || storage === 'nvme';
}
