/**
 * The reference busy-hour and pile-up bounds (a DBA's formulas, issue 14 §6.3 of the review),
 * built on the simulator's exact shared memory and its measured backend memory. This is the
 * adapter the guidance uses until the simulator's memory model v2 exposes its own calibrated
 * bounds: any `MemoryBoundsFactory` (types.ts) replaces it, and the policy relies only on what the
 * interface promises (total bytes, linear in work_mem).
 *
 *   busy   = shared memory + max_connections × B + A × n95 × work_mem × hf
 *          + sessions using temp tables × temp_buffers + autovacuum workers × (B + their memory)
 *          + maintenance operations × maintenance_work_mem + replicas × B
 *          + page tables of the active sessions when huge pages are not guaranteed (SB / 512 each)
 *   pileUp = shared memory + max_connections × (B + work_mem × hf) + autovacuum memory + maintenance_work_mem
 *
 * A = --connections (active clients) or min(max_connections, k × cores); n95 and k per workload
 * (workloads.ts); hf = 1 + hash share × (hash_mem_multiplier − 1); B = a backend after catalog
 * access, measured (src/simulate/data/backend-memory.json).
 */
import type { PgMajor } from '../catalog/types.js';
import type { Host, Workload } from '../host/types.js';
import { WORKLOAD_PROFILES } from '../host/workloads.js';
import { processCosts } from '../simulate/private.js';
import { settingReader, type SettingReader, type SettingSource } from '../simulate/settings.js';
import { readShmemInputs, sharedMemory } from '../simulate/shmem.js';
import { GB } from './format.js';
import type { MemoryBounds } from './types.js';
import { WORKLOAD_POLICIES } from './workloads.js';

/** Page-table bytes per byte of shared memory mapped with 4kB pages (8 bytes per 4kB page). */
const PAGE_TABLE_SHARE = 1 / 512;

/**
 * What one autovacuum worker can hold at most: before 17 the dead-tuple array is capped at 1GB
 * (manual, autovacuum_work_mem; 17's TID store removed the cap).
 */
export function autovacuumWorkerCap(version: PgMajor, bytes: number): number {
  return version < 17 ? Math.min(bytes, GB) : bytes;
}

/** Autovacuum workers that can run, and what each may hold. */
export function autovacuumMemory(s: SettingReader, version: PgMajor): { workers: number; each: number } {
  if (!s.bool('autovacuum')) return { workers: 0, each: 0 };
  const workers = autovacuumWorkerCount(s);
  const av = s.bytes('autovacuum_work_mem');
  const raw = av === -1 ? s.bytes('maintenance_work_mem') : av;
  return { workers, each: autovacuumWorkerCap(version, raw) };
}

/** Autovacuum workers that can run at once (18: at most autovacuum_worker_slots). */
export function autovacuumWorkerCount(s: SettingReader): number {
  const max = s.num('autovacuum_max_workers');
  return s.has('autovacuum_worker_slots') ? Math.min(max, s.num('autovacuum_worker_slots')) : max;
}

/** 1 + hash share × (hash_mem_multiplier − 1): a work_mem consumer's average claim, in work_mem. */
export function hashFactor(s: SettingReader, workload: Workload): number {
  const share = WORKLOAD_PROFILES[workload].hashShare.value;
  return 1 + share * (s.num('hash_mem_multiplier') - 1);
}

/** Sessions running a query at once in the busy hour. */
export function activeSessions(maxConnections: number, host: Host, workload: Workload): number {
  if (host.connections !== undefined) return Math.min(maxConnections, host.connections);
  if (host.cores === undefined) return maxConnections;
  return Math.min(maxConnections, Math.ceil(WORKLOAD_POLICIES[workload].activePerCore.value * host.cores));
}

export function referenceBounds(version: PgMajor, host: Host, workload: Workload): MemoryBounds {
  const backend = processCosts(version).backend;
  const profile = WORKLOAD_PROFILES[workload];
  const nodes = WORKLOAD_POLICIES[workload].nodesP95.value;
  const common = (settings: SettingSource): { s: SettingReader; shared: number; mc: number; wm: number; hf: number; av: { workers: number; each: number }; mwm: number } => {
    const s = settingReader(settings);
    return {
      s,
      shared: sharedMemory(readShmemInputs(s, version), version).bytes,
      mc: s.num('max_connections'),
      wm: s.bytes('work_mem'),
      hf: hashFactor(s, workload),
      av: autovacuumMemory(s, version),
      mwm: s.bytes('maintenance_work_mem'),
    };
  };
  return {
    describe: 'reference bounds (src/guidance/memory-bounds.ts): the busy-hour and pile-up formulas on the simulator\'s exact shared memory and measured backend memory',
    busyHour(settings) {
      const { s, shared, mc, wm, hf, av, mwm } = common(settings);
      const active = activeSessions(mc, host, workload);
      const temp = Math.round(mc * profile.tempTableShare.value) * s.bytes('temp_buffers');
      const senders = Math.min(host.replicas ?? 0, s.num('max_wal_senders'));
      const decoding = s.str('wal_level') === 'logical' ? s.bytes('logical_decoding_work_mem') : 0;
      const hugeGuaranteed = s.str('huge_pages') === 'on';
      const pageTables = hugeGuaranteed ? 0 : (active + av.workers) * s.bytes('shared_buffers') * PAGE_TABLE_SHARE;
      return shared + mc * backend + active * nodes * wm * hf + temp + av.workers * (backend + av.each)
        + profile.maintenanceOps.value.worst * mwm + senders * (backend + decoding) + pageTables;
    },
    pileUp(settings) {
      const { shared, mc, wm, hf, av, mwm } = common(settings);
      return shared + mc * (backend + wm * hf) + av.workers * av.each + mwm;
    },
  };
}
