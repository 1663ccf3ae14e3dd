/**
 * Which processes a server runs: for each kind, how many run at idle with no clients (`count`)
 * and the most that can run (`max`), for a primary or a standby.
 *
 * Facts: docs/reference/server-facts.md#process-model (ps titles of real servers 13–18, children of the postmaster),
 * checked by the calibration tests against started servers. The `title` of each kind is what
 * `ps` shows after "postgres: ", so the tests can classify real processes with the same table.
 */
import type { PgMajor } from '../catalog/types.js';
import type { SettingReader } from '../resolve/reader.js';

export type Role = 'primary' | 'standby';

export type ProcessKind =
  | 'postmaster'
  | 'checkpointer'
  | 'background writer'
  | 'walwriter'
  | 'autovacuum launcher'
  | 'autovacuum worker'
  | 'stats collector'
  | 'logical replication launcher'
  | 'logical replication worker'
  | 'parallel worker'
  | 'background worker'
  | 'client backend'
  | 'walsender'
  | 'archiver'
  | 'logger'
  | 'walsummarizer'
  | 'io worker'
  | 'startup'
  | 'walreceiver'
  | 'slotsync worker';

export interface ProcessEstimate {
  kind: ProcessKind;
  count: number;
  max: number;
  /** Why this count and max, in words. */
  reason: string;
  /** What the slot comes from: aux PGPROCs, MaxBackends, or none (postmaster, logger, stats collector). */
  slot: 'none' | 'auxiliary' | 'backend' | 'worker-pool';
}

export interface ProcessModel {
  role: Role;
  processes: ProcessEstimate[];
  total: { count: number; max: number };
  /** The shared max_worker_processes pool: what draws from it. */
  workerPool: { size: number; launcher: number; available: number };
}

/** ps title patterns (after "postgres: ") for classifying real processes. Order matters: first match wins. */
export const PROCESS_TITLES: ReadonlyArray<{ kind: ProcessKind; pattern: RegExp }> = [
  { kind: 'checkpointer', pattern: /^checkpointer/ },
  { kind: 'background writer', pattern: /^background writer/ },
  { kind: 'walwriter', pattern: /^walwriter/ },
  { kind: 'autovacuum launcher', pattern: /^autovacuum launcher/ },
  { kind: 'autovacuum worker', pattern: /^autovacuum worker/ },
  { kind: 'stats collector', pattern: /^stats collector/ },
  { kind: 'logical replication launcher', pattern: /^logical replication launcher/ },
  { kind: 'logical replication worker', pattern: /^logical replication (apply|tablesync|parallel apply|sync)? ?worker/ },
  { kind: 'parallel worker', pattern: /^parallel worker/ },
  { kind: 'archiver', pattern: /^archiver/ },
  { kind: 'logger', pattern: /^logger/ },
  { kind: 'walsummarizer', pattern: /^walsummarizer/ },
  { kind: 'io worker', pattern: /^io worker/ },
  { kind: 'startup', pattern: /^startup/ },
  { kind: 'walreceiver', pattern: /^walreceiver/ },
  { kind: 'walsender', pattern: /^walsender/ },
  { kind: 'slotsync worker', pattern: /^slotsync worker/ },
];

export function processModel(s: SettingReader, version: PgMajor, role: Role): ProcessModel {
  const primary = role === 'primary';
  const out: ProcessEstimate[] = [];
  const add = (kind: ProcessKind, count: number, max: number, slot: ProcessEstimate['slot'], reason: string): void => {
    out.push({ kind, count, max, slot, reason });
  };

  const maxConnections = s.num('max_connections');
  const autovacuum = s.bool('autovacuum');
  const avMaxWorkers = s.num('autovacuum_max_workers');
  const avSlots = s.has('autovacuum_worker_slots') ? s.num('autovacuum_worker_slots') : avMaxWorkers;
  const mwp = s.num('max_worker_processes');
  const mlrw = s.num('max_logical_replication_workers');
  const maxParallel = s.num('max_parallel_workers');
  const maxWalSenders = s.num('max_wal_senders');
  const archiveMode = s.str('archive_mode');
  const loggingCollector = s.bool('logging_collector');

  add('postmaster', 1, 1, 'none', 'always');
  add('checkpointer', 1, 1, 'auxiliary', 'always, also on a standby');
  add('background writer', 1, 1, 'auxiliary', 'always, also on a standby');
  add('walwriter', primary ? 1 : 0, primary ? 1 : 0, 'auxiliary', primary ? 'on a primary' : 'not during recovery');
  // postmaster.c starts the collector in PM_RUN and PM_HOT_STANDBY only: not during a recovery
  // that accepts no connections (hot_standby = off)
  const hotStandby = s.bool('hot_standby');
  if (version <= 14) {
    const collector = primary || hotStandby ? 1 : 0;
    add('stats collector', collector, collector, 'none', collector ? 'PostgreSQL 13–14 (statistics moved to shared memory in 15)' : 'not during recovery with hot_standby = off');
  }

  // AutoVacuumingActive(): autovacuum and track_counts
  const trackCounts = s.bool('track_counts');
  const launcher = primary && autovacuum && trackCounts ? 1 : 0;
  add('autovacuum launcher', launcher, primary ? 1 : 0, 'backend',
    !primary ? 'not on a standby'
      : !autovacuum ? 'autovacuum = off (still started briefly to prevent transaction ID wraparound)'
        : !trackCounts ? 'track_counts = off turns autovacuum off (still started briefly to prevent transaction ID wraparound)'
          : 'autovacuum = on');
  const avWorkersMax = primary ? Math.min(avMaxWorkers, avSlots) : 0;
  add('autovacuum worker', 0, avWorkersMax, 'backend',
    !primary ? 'not on a standby' : version >= 18 ? `min(autovacuum_max_workers ${avMaxWorkers}, autovacuum_worker_slots ${avSlots})` : `autovacuum_max_workers ${avMaxWorkers}`);

  // The logical replication launcher is a background worker: it needs a max_worker_processes slot.
  const lrl = primary && mlrw > 0 && mwp > 0 ? 1 : 0;
  add('logical replication launcher', lrl, lrl, 'worker-pool',
    !primary ? 'only after recovery ends' : mlrw === 0 ? 'max_logical_replication_workers = 0' : mwp === 0 ? 'max_worker_processes = 0 leaves it no slot' : 'max_logical_replication_workers > 0; takes one max_worker_processes slot');
  const pool = Math.max(0, mwp - lrl);
  add('logical replication worker', 0, primary ? Math.min(mlrw, pool) : 0, 'worker-pool',
    `min(max_logical_replication_workers ${mlrw}, free max_worker_processes slots ${pool}); on subscribers`);
  add('parallel worker', 0, Math.min(maxParallel, pool), 'worker-pool', `min(max_parallel_workers ${maxParallel}, free max_worker_processes slots ${pool})`);
  add('background worker', 0, pool, 'worker-pool', `extensions' workers share the ${pool} free max_worker_processes slots with parallel and logical replication workers`);

  add('client backend', 0, maxConnections, 'backend', `max_connections ${maxConnections} (reserved slots included)`);
  add('walsender', 0, maxWalSenders, 'backend', `max_wal_senders ${maxWalSenders}, one per connected standby or logical replication stream`);

  const archiver = archiveMode === 'always' || (primary && archiveMode === 'on') ? 1 : 0;
  add('archiver', archiver, archiver, version >= 14 ? 'auxiliary' : 'none', `archive_mode = ${archiveMode}${archiveMode === 'on' && !primary ? ' (a standby archives only with always)' : ''}`);
  const logger = loggingCollector ? 1 : 0;
  add('logger', logger, logger, 'none', `logging_collector = ${loggingCollector ? 'on' : 'off'}`);
  if (version >= 17) {
    const sum = s.bool('summarize_wal') ? 1 : 0;
    add('walsummarizer', sum, sum, 'auxiliary', `summarize_wal = ${sum ? 'on' : 'off'}`);
  }
  if (version >= 18) {
    const method = s.str('io_method');
    const workers = method === 'worker' ? s.num('io_workers') : 0;
    add('io worker', workers, workers, 'auxiliary',
      method === 'worker' ? `io_method = worker, io_workers = ${workers} (a reload can raise it up to 32)` : `io_method = ${method}: no I/O worker processes`);
  }
  add('startup', primary ? 0 : 1, primary ? 0 : 1, 'auxiliary', primary ? 'only during crash recovery' : 'replays WAL on a standby');
  const conninfo = s.str('primary_conninfo', '') !== '';
  const walreceiver = !primary && conninfo ? 1 : 0;
  add('walreceiver', walreceiver, walreceiver, 'auxiliary', primary ? 'standby only' : conninfo ? 'primary_conninfo is set' : 'primary_conninfo is empty: recovery from the archive only');
  if (version >= 17) {
    const sync = !primary && s.bool('sync_replication_slots') ? 1 : 0;
    add('slotsync worker', sync, sync, 'backend', primary ? 'standby only' : `sync_replication_slots = ${sync ? 'on' : 'off'}`);
  }

  const total = out.reduce(
    (acc, p) => ({ count: acc.count + p.count, max: acc.max + (p.slot === 'worker-pool' && p.kind !== 'logical replication launcher' ? 0 : p.max) }),
    { count: 0, max: 0 },
  );
  // The worker pool is counted once: its free slots, whatever runs in them.
  total.max += pool;
  return { role, processes: out, total, workerPool: { size: mwp, launcher: lrl, available: pool } };
}
