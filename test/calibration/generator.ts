/**
 * Seeded random configurations for the calibration suite: every setting the shared memory
 * depends on, within ranges a test machine can start (the model's own estimate keeps each case
 * under a few GB before any server sees it).
 */
import type { PgMajor } from '../../src/catalog/types.js';

import { rng } from '../support/config-generator.js';

export { rng };

export interface CalibrationCase {
  id: string;
  settings: Record<string, string | number>;
}

export function configText(c: CalibrationCase): string {
  return Object.entries(c.settings)
    .map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v}'`}\n`)
    .join('');
}

export function randomCase(version: PgMajor, r: () => number, id: string): CalibrationCase {
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const logInt = (lo: number, hi: number): number => Math.round(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = (p: number): boolean => r() < p;
  const s: Record<string, string | number> = {};

  // shared_buffers in 8kB pages, 16 (128kB) .. 262144 (2GB); sometimes right at a hash-table step
  let pages = logInt(16, 262144);
  if (maybe(0.15)) pages = Math.max(16, 2 ** int(8, 18) - 128 + int(-1, 1));
  s.shared_buffers = `${pages * 8}kB`;
  s.max_connections = logInt(5, 3000);
  s.max_worker_processes = int(0, 64);
  s.max_wal_senders = int(0, 40);
  s.max_locks_per_transaction = logInt(10, 2048);
  s.max_pred_locks_per_transaction = logInt(10, 2048);
  s.max_prepared_transactions = maybe(0.5) ? 0 : logInt(1, 300);
  if (maybe(0.5)) s.wal_buffers = maybe(0.2) ? int(1, 8) : logInt(4, 8192);
  if (maybe(0.5)) s.track_activity_query_size = logInt(100, 16384);
  s.max_replication_slots = int(0, 50);
  s.max_logical_replication_workers = int(0, 20);
  s.autovacuum = pick(['on', 'off']);
  if (maybe(0.3)) s.hot_standby = 'off';
  if (version >= 18) {
    s.autovacuum_worker_slots = int(1, 64);
    s.autovacuum_max_workers = int(1, Number(s.autovacuum_worker_slots));
  } else {
    s.autovacuum_max_workers = int(1, 20);
  }
  if (version <= 16 && maybe(0.3)) s.old_snapshot_threshold = pick([0, int(1, 10080)]);
  if (version >= 14 && maybe(0.3)) s.min_dynamic_shared_memory = `${int(1, 64)}MB`;
  if (version >= 17) {
    const slru = (): number => 16 * logInt(1, 256);
    for (const name of ['transaction_buffers', 'subtransaction_buffers', 'commit_timestamp_buffers']) if (maybe(0.4)) s[name] = maybe(0.3) ? 0 : slru();
    for (const name of ['multixact_offset_buffers', 'multixact_member_buffers', 'notify_buffers', 'serializable_buffers']) if (maybe(0.4)) s[name] = slru();
  }
  if (version >= 18) {
    s.io_method = pick(['worker', 'sync']);
    if (s.io_method === 'worker') s.io_workers = int(1, 8);
    if (maybe(0.5)) s.io_max_concurrency = maybe(0.3) ? -1 : logInt(1, 256);
    if (maybe(0.5)) s.io_max_combine_limit = int(1, 32);
    s.max_active_replication_origins = int(0, 50);
  }
  return { id, settings: s };
}
