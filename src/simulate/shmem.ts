/**
 * The main shared memory segment, term by term as the server's CalculateShmemSize() (ipci.c)
 * adds it up: a 100,000-byte slop, every subsystem's *ShmemSize() estimate, the requests of
 * shared_preload_libraries (not modelled: pgvet cannot know them), then rounding up to the next
 * multiple of 8192 (an exact multiple still gains 8192).
 *
 * Every term names the server function it mirrors, the formula and the inputs. The structure
 * sizes come from shmem-facts.ts. The calibration tests (test/calibration/) compare the total
 * with the real servers 13–18.
 */
import { maxBackends, type BackendSlots } from '../catalog/limits.js';
import type { PgMajor } from '../catalog/types.js';
import { SHMEM_FACTS, type ShmemFacts } from './shmem-facts.js';
import type { SettingReader } from '../resolve/reader.js';
import type { Quantity } from './types.js';

export const BLCKSZ = 8192;
const MAXIMUM_ALIGNOF = 8;
const ALIGNOF_BUFFER = 32;
const PG_CACHE_LINE_SIZE = 128;
const LWLOCK_PADDED_SIZE = 128;
const NUM_BUFFER_PARTITIONS = 128;
const SHMEM_INDEX_SIZE = 64;
const SLRU_BANK_SIZE = 16;
const DEFAULT_HUGE_PAGE_SIZE = 2 * 1024 * 1024;
/** The WAL segment size is fixed at initdb; the stock 16 MB is assumed. */
export const DEFAULT_WAL_SEGMENT_SIZE = 16 * 1024 * 1024;

const maxalign = (n: number): number => Math.ceil(n / MAXIMUM_ALIGNOF) * MAXIMUM_ALIGNOF;
const bufferalign = (n: number): number => Math.ceil(n / ALIGNOF_BUFFER) * ALIGNOF_BUFFER;
const idiv = (a: number, b: number): number => Math.trunc(a / b);

/** next_pow2_long() / pg_nextpower2_32(): the smallest power of two ≥ n (1 for n ≤ 1). */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** dynahash.c choose_nelem_alloc(). */
function chooseNelemAlloc(entrySize: number): number {
  const elementSize = maxalign(16) + maxalign(entrySize);
  let allocSize = 32 * 4;
  let nelem: number;
  do {
    allocSize *= 2;
    nelem = Math.floor(allocSize / elementSize);
  } while (nelem < 32);
  return nelem;
}

/** dynahash.c hash_estimate_size(): header, directory, segments and the elements in groups. */
export function hashEstimateSize(numEntries: number, entrySize: number, hashHdr: number): number {
  const nBuckets = nextPow2(numEntries);
  const nSegments = nextPow2(idiv(nBuckets - 1, 256) + 1);
  let nDirEntries = 256;
  while (nDirEntries < nSegments) nDirEntries *= 2; // not <<=: 32-bit in JavaScript, and huge lock tables need more
  let size = hashHdr + nDirEntries * 8 + nSegments * maxalign(256 * 8);
  const allocCnt = chooseNelemAlloc(entrySize);
  const nAllocs = idiv(numEntries - 1, allocCnt) + 1;
  size += nAllocs * allocCnt * (maxalign(16) + maxalign(entrySize));
  return size;
}

/** slru.c SimpleLruShmemSize(). */
function slruSize(f: ShmemFacts, nslots: number, nlsns: number): number {
  let sz = maxalign(f.slruShared);
  sz += maxalign(nslots * 8); // page_buffer[]
  sz += maxalign(nslots * 4); // page_status[]
  sz += maxalign(nslots * 1); // page_dirty[]
  sz += maxalign(nslots * (f.slruBanks ? 8 : 4)); // page_number[]
  sz += maxalign(nslots * 4); // page_lru_count[]
  sz += maxalign(nslots * LWLOCK_PADDED_SIZE); // buffer_locks[]
  if (f.slruBanks) {
    const nbanks = idiv(nslots, SLRU_BANK_SIZE);
    sz += maxalign(nbanks * LWLOCK_PADDED_SIZE); // bank_locks[]
    sz += maxalign(nbanks * 4); // bank_cur_lru_count[]
  }
  if (nlsns > 0) sz += maxalign(nslots * nlsns * 8); // group_lsn[]
  return bufferalign(sz) + BLCKSZ * nslots;
}

/** slru.c SimpleLruAutotuneBuffers() (17+). */
function slruAutotune(nBuffers: number, divisor: number, max: number): number {
  const share = idiv(nBuffers, divisor);
  return Math.min(max - (max % SLRU_BANK_SIZE), Math.max(SLRU_BANK_SIZE, share - (share % SLRU_BANK_SIZE)));
}

/** The settings the shared memory depends on, as the server sees them after its own clamps. */
export interface ShmemInputs {
  nBuffers: number;
  maxConnections: number;
  /** autovacuum_max_workers (13–17) or autovacuum_worker_slots (18). */
  autovacuumSlots: number;
  autovacuumMaxWorkers: number;
  maxWorkerProcesses: number;
  maxWalSenders: number;
  maxPreparedXacts: number;
  maxLocksPerXact: number;
  maxPredLocksPerXact: number;
  /** wal_buffers as set: -1 (auto) or 8 kB pages. */
  walBuffersSetting: number;
  walSegmentSize: number;
  trackActivityQuerySize: number;
  maxReplicationSlots: number;
  maxReplicationOrigins: number;
  maxLogicalReplicationWorkers: number;
  hotStandby: boolean;
  oldSnapshotThreshold: number;
  minDynamicSharedMemoryMB: number;
  /** 17+: the SLRU buffer settings (0 = auto where allowed). */
  transactionBuffers: number;
  subtransactionBuffers: number;
  commitTimestampBuffers: number;
  multixactOffsetBuffers: number;
  multixactMemberBuffers: number;
  notifyBuffers: number;
  serializableBuffers: number;
  /** 18. */
  ioMethod: string;
  ioMaxConcurrency: number;
  ioMaxCombineLimit: number;
  hugePageSize: number;
}

export function readShmemInputs(s: SettingReader, version: PgMajor): ShmemInputs {
  const f = SHMEM_FACTS[version];
  const autovacuumMaxWorkers = s.num('autovacuum_max_workers');
  return {
    nBuffers: s.num('shared_buffers'),
    maxConnections: s.num('max_connections'),
    autovacuumSlots: s.num(f.autovacuumSlotsParam),
    autovacuumMaxWorkers,
    maxWorkerProcesses: s.num('max_worker_processes'),
    maxWalSenders: s.num('max_wal_senders'),
    maxPreparedXacts: s.num('max_prepared_transactions'),
    maxLocksPerXact: s.num('max_locks_per_transaction'),
    maxPredLocksPerXact: s.num('max_pred_locks_per_transaction'),
    walBuffersSetting: s.num('wal_buffers'),
    walSegmentSize: DEFAULT_WAL_SEGMENT_SIZE,
    trackActivityQuerySize: s.num('track_activity_query_size'),
    maxReplicationSlots: s.num('max_replication_slots'),
    maxReplicationOrigins: s.num(f.originsParam),
    maxLogicalReplicationWorkers: s.num('max_logical_replication_workers'),
    hotStandby: s.bool('hot_standby'),
    oldSnapshotThreshold: s.num('old_snapshot_threshold', -1),
    minDynamicSharedMemoryMB: s.num('min_dynamic_shared_memory', 0),
    transactionBuffers: s.num('transaction_buffers', 0),
    subtransactionBuffers: s.num('subtransaction_buffers', 0),
    commitTimestampBuffers: s.num('commit_timestamp_buffers', 0),
    multixactOffsetBuffers: s.num('multixact_offset_buffers', 16),
    multixactMemberBuffers: s.num('multixact_member_buffers', 32),
    notifyBuffers: s.num('notify_buffers', 16),
    serializableBuffers: s.num('serializable_buffers', 32),
    ioMethod: s.str('io_method', 'sync'),
    ioMaxConcurrency: s.num('io_max_concurrency', -1),
    ioMaxCombineLimit: s.num('io_max_combine_limit', 16),
    hugePageSize: s.has('huge_page_size') && s.bytes('huge_page_size') > 0 ? s.bytes('huge_page_size') : DEFAULT_HUGE_PAGE_SIZE,
  };
}

/** One term of the sum: the server function it mirrors, its bytes, formula and inputs. */
export interface ShmemTerm extends Quantity {
  /** The server's function, e.g. "BufferShmemSize". */
  fn: string;
  /** Which part of the chart it belongs to. */
  part: ShmemPartId;
  label: string;
}

export type ShmemPartId =
  | 'buffer-pool'
  | 'buffer-management'
  | 'checkpointer-queue'
  | 'wal-buffers'
  | 'lock-table'
  | 'predicate-locks'
  | 'process-slots'
  | 'backend-status'
  | 'slru-caches'
  | 'async-io'
  | 'statistics'
  | 'dynamic-shared-memory'
  | 'other';

export const SHMEM_PART_LABELS: Record<ShmemPartId, string> = {
  'buffer-pool': 'buffer pool (shared_buffers)',
  'buffer-management': 'buffer descriptors and lookup',
  'checkpointer-queue': 'checkpointer request queue',
  'wal-buffers': 'WAL buffers',
  'lock-table': 'lock table',
  'predicate-locks': 'predicate locks',
  'process-slots': 'process slots (PGPROC …)',
  'backend-status': 'backend status',
  'slru-caches': 'SLRU caches (pg_xact …)',
  'async-io': 'asynchronous I/O',
  statistics: 'cumulative statistics',
  'dynamic-shared-memory': 'min_dynamic_shared_memory',
  other: 'fixed structures, rounding',
};

export interface ShmemDerived {
  maxBackends: number;
  totalProcs: number;
  semaphores: number;
  walBuffers: number;
  ioMaxConcurrency?: number;
  slruBuffers: Record<string, number>;
}

export interface SharedMemoryModel {
  bytes: number;
  /** What `SHOW shared_memory_size` reports: MB rounded up. */
  megabytes: number;
  hugePages: number;
  hugePageSize: number;
  terms: ShmemTerm[];
  derived: ShmemDerived;
}

/** XLOGChooseNumBuffers() and check_wal_buffers(): the effective wal_buffers in pages. */
export function effectiveWalBuffers(inputs: Pick<ShmemInputs, 'walBuffersSetting' | 'nBuffers' | 'walSegmentSize'>): number {
  if (inputs.walBuffersSetting === -1) {
    let x = idiv(inputs.nBuffers, 32);
    x = Math.min(x, idiv(inputs.walSegmentSize, BLCKSZ));
    return Math.max(x, 8);
  }
  return Math.max(inputs.walBuffersSetting, 4);
}

export function sharedMemory(inputs: ShmemInputs, version: PgMajor): SharedMemoryModel {
  const f = SHMEM_FACTS[version];
  const terms: ShmemTerm[] = [];
  const add = (part: ShmemPartId, fn: string, label: string, bytes: number, formula: string, values: Record<string, number | string | boolean> = {}): void => {
    terms.push({ part, fn, label, bytes, formula, inputs: values });
  };
  const NB = inputs.nBuffers;
  const backends = maxBackends(inputs, version); // MaxBackends
  const prep = inputs.maxPreparedXacts;
  const aux = f.auxProcs;
  const totalProcs = backends + aux + prep;
  const hash = (n: number, entry: number): number => hashEstimateSize(n, entry, f.hashHdr);

  add('other', 'CalculateShmemSize', 'fixed slop', 100000, '100000');
  const semaphores = backends + aux;
  add('process-slots', 'PGSemaphoreShmemSize', 'semaphores', semaphores * f.semaphore, `(MaxBackends + ${aux} auxiliary) × ${f.semaphore}`, { MaxBackends: backends });
  add('other', 'hash_estimate_size', 'shared memory index', hash(SHMEM_INDEX_SIZE, f.shmemIndexEnt), `hash table of ${SHMEM_INDEX_SIZE} entries`);
  if (version >= 14) {
    add('dynamic-shared-memory', 'dsm_estimate_size', 'min_dynamic_shared_memory', inputs.minDynamicSharedMemoryMB * 1024 * 1024, 'min_dynamic_shared_memory × 1MB', {
      min_dynamic_shared_memory: inputs.minDynamicSharedMemoryMB,
    });
  }
  if (version >= 17) add('other', 'DSMRegistryShmemSize', 'DSM registry', f.dsmRegistry, String(f.dsmRegistry));

  // Buffer manager (buf_init.c, freelist.c).
  const bufFn = version >= 18 ? 'BufferManagerShmemSize' : 'BufferShmemSize';
  add('buffer-pool', bufFn, 'buffer blocks', NB * BLCKSZ + f.bufferBlocksPad, f.bufferBlocksPad ? `NBuffers × 8192 + ${f.bufferBlocksPad} alignment` : 'NBuffers × 8192', { NBuffers: NB });
  add('buffer-management', bufFn, 'buffer descriptors', NB * f.bufferDesc + PG_CACHE_LINE_SIZE, `NBuffers × ${f.bufferDesc} + ${PG_CACHE_LINE_SIZE}`, { NBuffers: NB });
  add('buffer-management', bufFn, f.bufferIoName, NB * f.bufferIoPerBuffer + PG_CACHE_LINE_SIZE, `NBuffers × ${f.bufferIoPerBuffer} + ${PG_CACHE_LINE_SIZE}`, { NBuffers: NB });
  add('buffer-management', bufFn, 'checkpoint sort array', NB * f.ckptSortItem, `NBuffers × ${f.ckptSortItem}`, { NBuffers: NB });
  add('buffer-management', 'StrategyShmemSize', 'buffer lookup hash table', hash(NB + NUM_BUFFER_PARTITIONS, f.bufferLookupEnt) + f.strategyControl,
    `hash table of NBuffers + ${NUM_BUFFER_PARTITIONS} entries (${f.bufferLookupEnt} B) + ${f.strategyControl}`, { NBuffers: NB });

  // Lock manager (lock.c).
  const lockSlots = inputs.maxLocksPerXact * (backends + prep);
  const lockHashes = hash(lockSlots, f.lock) + hash(2 * lockSlots, f.proclock);
  add('lock-table', version >= 18 ? 'LockManagerShmemSize' : 'LockShmemSize', 'lock and proclock hash tables', lockHashes + idiv(lockHashes, 10),
    `LOCK hash (N) + PROCLOCK hash (2N), + 10%, N = max_locks_per_transaction × (MaxBackends + max_prepared_transactions) = ${lockSlots}`,
    { max_locks_per_transaction: inputs.maxLocksPerXact, MaxBackends: backends, max_prepared_transactions: prep });

  // Predicate locks (predicate.c).
  const predSlots = inputs.maxPredLocksPerXact * (backends + prep);
  const predHashes = hash(predSlots, f.predLockTarget) + hash(2 * predSlots, f.predLock);
  const sxacts = 10 * (backends + prep);
  const serialPages = f.fixedSlru ? f.fixedSlru.serial : inputs.serializableBuffers;
  const predicate =
    predHashes + idiv(predHashes, 10) +
    f.predXactListHeader + sxacts * f.serializableXact +
    hash(sxacts, f.serializableXid) +
    f.rwConflictPoolHeader + 5 * sxacts * f.rwConflict +
    f.finishedListHead + f.serialControl + slruSize(f, serialPages, 0);
  add('predicate-locks', 'PredicateLockShmemSize', 'predicate lock tables, serializable transactions, serial SLRU', predicate,
    `target hash (N) + lock hash (2N) + 10%, N = max_pred_locks_per_transaction × (MaxBackends + max_prepared_transactions) = ${predSlots}; 10 × (MaxBackends + max_prepared_transactions) = ${sxacts} transactions (${f.serializableXact} B, xid hash, 5 conflicts each); serial SLRU ${serialPages} pages`,
    { max_pred_locks_per_transaction: inputs.maxPredLocksPerXact, MaxBackends: backends, max_prepared_transactions: prep });

  // Processes (proc.c).
  let procBytes = f.procHdr + 1 + totalProcs * (f.pgproc + f.perProcXact);
  let procFormula = `(MaxBackends + ${aux} auxiliary + max_prepared_transactions) × ${f.pgproc + f.perProcXact} + ${f.procHdr + 1}`;
  if (f.fastPathArrays) {
    const groups = Math.max(Math.min(idiv(nextPow2(inputs.maxLocksPerXact), 16), 1024), 1);
    const perProc = maxalign(groups * 8) + maxalign(groups * 16 * 4);
    procBytes += totalProcs * perProc;
    procFormula += ` + the same × ${perProc} fast-path lock arrays (${groups} groups of 16)`;
  }
  add('process-slots', 'ProcGlobalShmemSize', 'PGPROC array', procBytes, procFormula, { MaxBackends: backends, max_prepared_transactions: prep, max_locks_per_transaction: inputs.maxLocksPerXact });
  if (version >= 15) {
    add('other', 'XLogPrefetchShmemSize', 'WAL prefetch statistics', f.xlogPrefetch, String(f.xlogPrefetch));
  }
  if (version >= 17) add('other', 'VarsupShmemSize', 'transaction ID counters', f.transamVariables, String(f.transamVariables));

  // WAL (xlog.c).
  const walBuffers = effectiveWalBuffers(inputs);
  add('wal-buffers', 'XLOGShmemSize', 'WAL buffers', f.xlogCtl + f.walInsertLocks * 128 + walBuffers * 8 + f.xlogAlignPad + walBuffers * BLCKSZ,
    `wal_buffers × (8192 + 8) + ${f.xlogCtl + f.walInsertLocks * 128 + f.xlogAlignPad}`, {
      wal_buffers: walBuffers,
      ...(inputs.walBuffersSetting === -1 ? { auto: `NBuffers / 32 = ${idiv(NB, 32)}, between 8 and ${idiv(inputs.walSegmentSize, BLCKSZ)}` } : {}),
    });
  if (version >= 15) add('other', 'XLogRecoveryShmemSize', 'recovery state', f.xlogRecovery, String(f.xlogRecovery));

  // SLRU caches.
  const slru: Record<string, number> = {};
  if (f.fixedSlru) {
    slru.transaction = Math.min(128, Math.max(4, idiv(NB, 512)));
    const ct = f.commitTsBuffers!;
    slru.commit_timestamp = Math.min(ct.cap, Math.max(4, idiv(NB, ct.divisor)));
    slru.subtransaction = f.fixedSlru.subtrans;
    slru.multixact_offset = f.fixedSlru.multixactOffset;
    slru.multixact_member = f.fixedSlru.multixactMember;
    slru.notify = f.fixedSlru.notify;
    slru.serializable = f.fixedSlru.serial;
  } else {
    const SLRU_MAX = idiv(1024 * 1024 * 1024, BLCKSZ);
    slru.transaction = inputs.transactionBuffers === 0 ? slruAutotune(NB, 512, 1024) : Math.min(Math.max(16, inputs.transactionBuffers), 65536);
    slru.commit_timestamp = inputs.commitTimestampBuffers === 0 ? slruAutotune(NB, 512, 1024) : Math.min(Math.max(16, inputs.commitTimestampBuffers), SLRU_MAX);
    slru.subtransaction = inputs.subtransactionBuffers === 0 ? slruAutotune(NB, 512, 1024) : Math.min(Math.max(16, inputs.subtransactionBuffers), SLRU_MAX);
    slru.multixact_offset = inputs.multixactOffsetBuffers;
    slru.multixact_member = inputs.multixactMemberBuffers;
    slru.notify = inputs.notifyBuffers;
    slru.serializable = inputs.serializableBuffers;
  }
  const slruInputs = (keys: string[]): Record<string, number> => Object.fromEntries(keys.map((k) => [`${k} pages`, slru[k]!]));
  add('slru-caches', 'CLOGShmemSize', 'transaction status (pg_xact)', slruSize(f, slru.transaction!, 1024), f.fixedSlru ? 'min(128, max(4, NBuffers / 512)) pages' : 'transaction_buffers pages (0: NBuffers / 512, multiple of 16, 16..1024)', { NBuffers: NB, ...slruInputs(['transaction']) });
  add('slru-caches', 'CommitTsShmemSize', 'commit timestamps', slruSize(f, slru.commit_timestamp!, 0) + f.commitTsShared,
    f.fixedSlru ? `min(${f.commitTsBuffers!.cap}, max(4, NBuffers / ${f.commitTsBuffers!.divisor})) pages` : 'commit_timestamp_buffers pages (0: NBuffers / 512, multiple of 16, 16..1024)', { NBuffers: NB, ...slruInputs(['commit_timestamp']) });
  add('slru-caches', 'SUBTRANSShmemSize', 'subtransactions (pg_subtrans)', slruSize(f, slru.subtransaction!, 0), f.fixedSlru ? `${slru.subtransaction} pages` : 'subtransaction_buffers pages (0: NBuffers / 512, multiple of 16, 16..1024)', slruInputs(['subtransaction']));

  add('process-slots', 'TwoPhaseShmemSize', 'prepared transactions', maxalign(f.twoPhaseHeader + prep * 8) + prep * f.globalTransaction, `max_prepared_transactions × ${8 + f.globalTransaction} + ${f.twoPhaseHeader}`, { max_prepared_transactions: prep });
  add('process-slots', 'BackgroundWorkerShmemSize', 'background worker slots', f.bgworkerHeader + inputs.maxWorkerProcesses * f.bgworkerSlot, `max_worker_processes × ${f.bgworkerSlot} + ${f.bgworkerHeader}`, { max_worker_processes: inputs.maxWorkerProcesses });
  const mxVisible = backends + (f.multixactVisibleIncludesPrepared ? prep : 0);
  add('slru-caches', 'MultiXactShmemSize', 'multixacts (pg_multixact)',
    f.multixactHeader + 4 * (backends + prep) + 4 * mxVisible + slruSize(f, slru.multixact_offset!, 0) + slruSize(f, slru.multixact_member!, 0),
    `offsets ${slru.multixact_offset} + members ${slru.multixact_member} pages, + 4 × (MaxBackends + max_prepared_transactions) + 4 × (MaxBackends${f.multixactVisibleIncludesPrepared ? ' + max_prepared_transactions' : ''})`,
    { MaxBackends: backends, max_prepared_transactions: prep, ...slruInputs(['multixact_offset', 'multixact_member']) });
  add('other', 'LWLockShmemSize', 'lightweight locks', f.numFixedLwlocks * LWLOCK_PADDED_SIZE + 4 + LWLOCK_PADDED_SIZE, `${f.numFixedLwlocks} × 128 + 132`);

  const procArraySlots = backends + prep;
  add('process-slots', 'ProcArrayShmemSize', 'proc array' + (inputs.hotStandby ? ' and hot-standby known-xid arrays' : ''),
    f.procArrayHeader + 4 * procArraySlots + (inputs.hotStandby ? 65 * procArraySlots * 5 : 0),
    `(MaxBackends + max_prepared_transactions) × ${inputs.hotStandby ? '(4 + 65 × 5)' : '4'} + ${f.procArrayHeader}`, { MaxBackends: backends, max_prepared_transactions: prep, hot_standby: inputs.hotStandby });

  const statusSlots = backends + f.statusSlotsExtra;
  const perStatus = f.backendStatus + 64 + 64 + inputs.trackActivityQuerySize + f.sslStatus;
  add('backend-status', 'BackendStatusShmemSize', 'backend status array', statusSlots * perStatus,
    `(MaxBackends + ${f.statusSlotsExtra}) × (${f.backendStatus} + 2 × 64 + track_activity_query_size + ${f.sslStatus} SSL status)`, { MaxBackends: backends, track_activity_query_size: inputs.trackActivityQuerySize });

  const sinvalSlots = backends + (f.sinvalCoversAux ? aux : 0);
  const perSinval = f.procState + (f.sinvalCoversAux ? 4 : 0);
  add('process-slots', version >= 18 ? 'SharedInvalShmemSize' : 'SInvalShmemSize', 'shared invalidation queue', f.sinvalHeader + sinvalSlots * perSinval,
    `${f.sinvalHeader} + (MaxBackends${f.sinvalCoversAux ? ` + ${aux}` : ''}) × ${perSinval}`, { MaxBackends: backends });

  const pmChildren = f.pmchildFixed !== undefined
    ? 2 * (inputs.maxConnections + inputs.maxWalSenders) + inputs.autovacuumSlots + inputs.maxWorkerProcesses + f.pmchildFixed
    : 2 * (inputs.maxConnections + inputs.autovacuumMaxWorkers + 1 + inputs.maxWalSenders + inputs.maxWorkerProcesses);
  add('process-slots', 'PMSignalShmemSize', 'postmaster child flags', f.pmsignalHeader + 4 * pmChildren,
    f.pmchildFixed !== undefined
      ? `${f.pmsignalHeader} + 4 × (2 × (max_connections + max_wal_senders) + autovacuum_worker_slots + max_worker_processes + ${f.pmchildFixed})`
      : `${f.pmsignalHeader} + 4 × 2 × (max_connections + autovacuum_max_workers + 1 + max_wal_senders + max_worker_processes)`, { children: pmChildren });
  add('process-slots', 'ProcSignalShmemSize', 'process signal slots', f.procSignalHeader + statusSlots * f.procSignalSlot, `(MaxBackends + ${f.statusSlotsExtra}) × ${f.procSignalSlot} + ${f.procSignalHeader}`, { MaxBackends: backends });

  const requests = f.checkpointerCap === null ? NB : Math.min(NB, f.checkpointerCap);
  add('checkpointer-queue', 'CheckpointerShmemSize', 'checkpointer fsync request queue', f.checkpointerHeader + requests * f.checkpointerRequest,
    f.checkpointerCap === null ? `NBuffers × ${f.checkpointerRequest} + ${f.checkpointerHeader}` : `min(NBuffers, ${f.checkpointerCap}) × ${f.checkpointerRequest} + ${f.checkpointerHeader}`, { NBuffers: NB });
  add('process-slots', 'AutoVacuumShmemSize', 'autovacuum worker slots', f.autovacuumHeader + inputs.autovacuumSlots * f.workerInfo, `${f.autovacuumSlotsParam} × ${f.workerInfo} + ${f.autovacuumHeader}`, { [f.autovacuumSlotsParam]: inputs.autovacuumSlots });
  add('process-slots', 'ReplicationSlotsShmemSize', 'replication slots', inputs.maxReplicationSlots === 0 ? 0 : inputs.maxReplicationSlots * f.replicationSlot, `max_replication_slots × ${f.replicationSlot}`, { max_replication_slots: inputs.maxReplicationSlots });
  add('process-slots', 'ReplicationOriginShmemSize', 'replication origins', inputs.maxReplicationOrigins === 0 ? 0 : f.replicationOriginHeader + inputs.maxReplicationOrigins * f.replicationState,
    `${f.originsParam} × ${f.replicationState} + ${f.replicationOriginHeader}`, { [f.originsParam]: inputs.maxReplicationOrigins });
  add('process-slots', 'WalSndShmemSize', 'WAL sender slots', f.walSndHeader + inputs.maxWalSenders * f.walSnd, `max_wal_senders × ${f.walSnd} + ${f.walSndHeader}`, { max_wal_senders: inputs.maxWalSenders });
  add('other', 'WalRcvShmemSize', 'WAL receiver state', f.walRcv, String(f.walRcv));
  if (version >= 17) add('other', 'WalSummarizerShmemSize', 'WAL summarizer state', f.walSummarizer, String(f.walSummarizer));
  if (version >= 14) add('other', 'PgArchShmemSize', 'archiver state', f.pgArch, String(f.pgArch));
  add('process-slots', 'ApplyLauncherShmemSize', 'logical replication worker slots', maxalign(f.applyHeader) + inputs.maxLogicalReplicationWorkers * f.logicalRepWorker,
    `max_logical_replication_workers × ${f.logicalRepWorker} + ${f.applyHeader}`, { max_logical_replication_workers: inputs.maxLogicalReplicationWorkers });
  if (f.oldSnapshotHeader !== null) {
    const ost = inputs.oldSnapshotThreshold;
    add('other', 'SnapMgrShmemSize', 'old snapshot time map', f.oldSnapshotHeader + (ost > 0 ? 4 * (ost + 10) : 0), ost > 0 ? `${f.oldSnapshotHeader} + 4 × (old_snapshot_threshold + 10)` : String(f.oldSnapshotHeader), { old_snapshot_threshold: ost });
  }
  add('process-slots', 'BTreeShmemSize', 'B-tree vacuum cycle slots', f.btreeHeader + backends * f.btOneVacInfo, `MaxBackends × ${f.btOneVacInfo} + ${f.btreeHeader}`, { MaxBackends: backends });
  add('other', 'SyncScanShmemSize', 'synchronized scan positions', f.syncScan, String(f.syncScan));
  const asyncSlots = backends + (f.asyncPlusOne ? 1 : 0);
  add('slru-caches', 'AsyncShmemSize', 'LISTEN/NOTIFY queue', f.asyncHeader + asyncSlots * f.queueBackendStatus + slruSize(f, slru.notify!, 0),
    `(MaxBackends${f.asyncPlusOne ? ' + 1' : ''}) × ${f.queueBackendStatus} + ${f.asyncHeader} + notify SLRU ${slru.notify} pages`, { MaxBackends: backends, 'notify pages': slru.notify! });
  if (version >= 15) add('statistics', 'StatsShmemSize', 'cumulative statistics', maxalign(f.statsControl) + 256 * 1024, `${f.statsControl} + 256kB initial DSA`);
  if (version >= 17) {
    add('other', 'WaitEventCustomShmemSize', 'custom wait events', maxalign(f.waitEventCounter) + 2 * hash(128, f.waitEventEntry), 'two hash tables of 128 entries');
    add('other', 'SlotSyncShmemSize', 'slot synchronization state', f.slotSync, String(f.slotSync));
  }

  let ioMaxConcurrency: number | undefined;
  if (f.aio) {
    const procs = backends + aux;
    ioMaxConcurrency = inputs.ioMaxConcurrency === -1 ? Math.min(Math.max(idiv(NB, procs), 1), 64) : inputs.ioMaxConcurrency;
    const handles = procs * ioMaxConcurrency;
    let aio = f.aio.ctl + procs * f.aio.backend + handles * f.aio.handle + handles * inputs.ioMaxCombineLimit * (f.aio.iovec + f.aio.handleData);
    let formula = `(MaxBackends + ${aux}) × io_max_concurrency handles × (${f.aio.handle} + io_max_combine_limit × ${f.aio.iovec + f.aio.handleData}) + (MaxBackends + ${aux}) × ${f.aio.backend} + ${f.aio.ctl}`;
    if (inputs.ioMethod === 'worker') {
      aio += f.aio.workerQueueHeader + 4 * nextPow2(f.aio.workerQueueSize) + f.aio.workerControl;
      formula += ` + ${f.aio.workerQueueHeader + 4 * nextPow2(f.aio.workerQueueSize) + f.aio.workerControl} (io_method = worker)`;
    }
    add('async-io', 'AioShmemSize', 'asynchronous I/O handles', aio, formula, {
      MaxBackends: backends,
      io_max_concurrency: ioMaxConcurrency,
      ...(inputs.ioMaxConcurrency === -1 ? { auto: 'min(64, max(1, NBuffers / (MaxBackends + 38)))' } : {}),
      io_max_combine_limit: inputs.ioMaxCombineLimit,
      io_method: inputs.ioMethod,
    });
  }

  const raw = terms.reduce((sum, t) => sum + t.bytes, 0);
  const bytes = raw + (BLCKSZ - (raw % BLCKSZ));
  add('other', 'CalculateShmemSize', 'rounding to 8kB', bytes - raw, '8192 − (sum mod 8192)');
  return {
    bytes,
    megabytes: Math.ceil(bytes / (1024 * 1024)),
    hugePages: Math.floor(bytes / inputs.hugePageSize) + 1,
    hugePageSize: inputs.hugePageSize,
    terms,
    derived: { maxBackends: backends, totalProcs, semaphores, walBuffers, ...(ioMaxConcurrency !== undefined ? { ioMaxConcurrency } : {}), slruBuffers: slru },
  };
}
