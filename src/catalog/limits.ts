/**
 * MaxBackends, written once: the backend slots PostgreSQL sizes its process arrays for, and the
 * most it supports. Used by the check hooks (src/catalog/checks.ts), the rules (PGV012, PGV015)
 * and the simulator (src/simulate/shmem.ts).
 */
import type { PgMajor } from './types.js';

/**
 * MAX_BACKENDS (src/include/postmaster/postmaster.h): 2^18 - 1, the most backend slots; the
 * check hooks (13–17) and InitializeMaxBackends() compare against it.
 * https://github.com/postgres/postgres/blob/REL_17_STABLE/src/include/postmaster/postmaster.h
 */
export const MAX_BACKENDS = 262143;

/** The settings MaxBackends is made of. */
export interface BackendSlots {
  maxConnections: number;
  /** autovacuum_max_workers (13–17) or autovacuum_worker_slots (18). */
  autovacuumSlots: number;
  maxWorkerProcesses: number;
  maxWalSenders: number;
}

/** The autovacuum setting MaxBackends counts: autovacuum_worker_slots from 18. */
export function autovacuumSlotsParam(version: PgMajor): 'autovacuum_worker_slots' | 'autovacuum_max_workers' {
  return version >= 18 ? 'autovacuum_worker_slots' : 'autovacuum_max_workers';
}

/**
 * The special worker processes InitializeMaxBackends() adds: the autovacuum launcher, and from 17
 * the slot-sync worker (src/backend/utils/init/postinit.c).
 */
export function specialWorkerProcs(version: PgMajor): number {
  return version >= 17 ? 2 : 1;
}

/** InitializeMaxBackends(): the regular PGPROC slots. */
export function maxBackends(s: BackendSlots, version: PgMajor): number {
  return s.maxConnections + s.autovacuumSlots + s.maxWorkerProcesses + s.maxWalSenders + specialWorkerProcs(version);
}

/** The slots, read by parameter name (a rule's valueOf, the resolver's settings). */
export function backendSlotsOf(read: (name: string) => number, version: PgMajor): BackendSlots {
  return { maxConnections: read('max_connections'), autovacuumSlots: read(autovacuumSlotsParam(version)), maxWorkerProcesses: read('max_worker_processes'), maxWalSenders: read('max_wal_senders') };
}
