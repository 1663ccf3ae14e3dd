/**
 * The guidance policy: the one home of pgvet's judgement numbers. For a host, workload, version
 * and the current settings, `guide()` gives per parameter the recommended value, the band that is
 * fine, the severity outside it, and the reason, formula, inputs and sources. Rules compare a file
 * with the bands; `tune` writes the recommendations; a lint suggestion is always tune's value.
 *
 * One file per area; this file fixes the order in which the judgements run: a judgement may read
 * only the recommendations of the ones before it (a test checks what each one really reads), so
 * the policy applied to its own output is a fixed point.
 */
import type { Catalog } from '../catalog/catalog.js';
import * as autovacuum from './autovacuum.js';
import * as connections from './connections.js';
import * as durability from './durability.js';
import * as memory from './memory.js';
import * as observability from './observability.js';
import * as planner from './planner.js';
import { runPolicies } from './policy.js';
import * as replication from './replication.js';
import * as security from './security.js';
import type { GuidanceInput, GuidanceResult, ParamPolicy } from './types.js';
import * as wal from './wal.js';
import * as workers from './workers.js';

export * from './types.js';
export { SOURCES, type Source, type SourceId } from './sources.js';
export { describeBand, place } from './band.js';
export { MEMORY_LIMITS } from './memory.js';
export { WORKLOAD_POLICIES } from './workloads.js';
export { GuidanceError, normalize } from './policy.js';

/** Every judgement, in the order they run (see the file comment). */
export function policies(catalog: Catalog): readonly ParamPolicy[] {
  return [
    // the preload list first: the worker count reads it (the policy never changes it)
    observability.sharedPreloadLibraries,
    // sizes nothing else depends on
    memory.sharedBuffers,
    memory.walBuffers,
    memory.maintenanceWorkMem,
    workers.maxParallelWorkers,
    workers.maxParallelWorkersPerGather,
    workers.maxParallelMaintenanceWorkers,
    workers.maxWorkerProcesses,
    workers.ioWorkers,
    autovacuum.autovacuum,
    autovacuum.trackCounts,
    autovacuum.autovacuumMaxWorkers,
    autovacuum.autovacuumWorkerSlots,
    memory.autovacuumWorkMem,
    autovacuum.autovacuumVacuumCostLimit,
    autovacuum.autovacuumVacuumCostDelay,
    autovacuum.autovacuumVacuumScaleFactor,
    autovacuum.autovacuumAnalyzeScaleFactor,
    autovacuum.autovacuumFreezeMaxAge,
    autovacuum.vacuumCostPageMiss,
    replication.walLevel,
    replication.maxWalSenders,
    replication.maxReplicationSlots,
    replication.hotStandby,
    replication.walLogHints,
    // the simulator's bounds (read by max_connections and work_mem) count the archiver
    wal.archiveMode,
    wal.archiveCommand,
    // everything in shared memory is sized above: now the connections that fit, the huge pages
    // for that shared memory, and work_mem for what is left
    connections.superuserReservedConnections,
    connections.maxConnections,
    connections.idleInTransactionTimeout,
    memory.hugePages,
    memory.workMem,
    memory.effectiveCacheSize,
    wal.checkpointCompletionTarget,
    wal.checkpointTimeout,
    wal.maxWalSize,
    wal.minWalSize,
    wal.checkpointWarning,
    wal.walCompression,
    replication.maxSlotWalKeepSize,
    planner.randomPageCost,
    planner.effectiveIoConcurrency,
    planner.maintenanceIoConcurrency,
    planner.jit,
    planner.defaultStatisticsTarget,
    planner.defaultToastCompression,
    ...planner.planMethodPolicies(catalog),
    observability.logCheckpoints,
    observability.logAutovacuumMinDuration,
    observability.logMinDurationStatement,
    observability.logLockWaits,
    observability.logTempFiles,
    observability.trackIoTiming,
    observability.logStatement,
    observability.logHostname,
    security.passwordEncryption,
    security.ssl,
    durability.fsync,
    durability.fullPageWrites,
    durability.synchronousCommit,
    durability.zeroDamagedPages,
    durability.ignoreChecksumFailure,
    durability.ignoreInvalidPages,
    durability.ignoreSystemIndexes,
    // reads synchronous_commit
    replication.synchronousStandbyNames,
  ];
}

/** The policy for this host, workload, version and these settings. */
export function guide(input: GuidanceInput): GuidanceResult {
  return runPolicies(input, policies);
}
