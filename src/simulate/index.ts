/**
 * The workload simulator: (settings, host, workload, version) → Estimate. Pure apart from reading
 * its own committed data files; knows nothing of rules. Every number carries its formula and
 * inputs; every assumption says where it comes from.
 */
import type { PgMajor } from '../catalog/types.js';
import type { Host, Workload } from '../host/types.js';
import { DEFAULT_WORKLOAD, WORKLOAD_PROFILES, type WorkloadProfile } from '../host/workloads.js';
import { memoryModel, type MemoryModel } from './private.js';
import type { VacuumTable } from './terms.js';
import { processModel, type ProcessModel, type Role } from './processes.js';
import { settingReader, type SettingSource } from '../resolve/reader.js';
import { readShmemInputs, sharedMemory, SHMEM_PART_LABELS, type ShmemPartId, type ShmemTerm, type SharedMemoryModel } from './shmem.js';

export type { Role } from './processes.js';
export { workMemForBudget, type MemoryModel, type MemoryScenario, type MemoryLine, type ScenarioId } from './private.js';

export interface SimulateInput {
  settings: SettingSource;
  version: PgMajor;
  host?: Host;
  /** Overrides host.workload. */
  workload?: Workload;
  role?: Role;
  /** Replaces the workload's profile (all its assumptions), e.g. to model a measured load. */
  profile?: WorkloadProfile;
  /** The table autovacuum works on in the busy hour (default: as large as the host's RAM). */
  vacuumTable?: VacuumTable;
}

export interface ShmemPart {
  id: ShmemPartId;
  name: string;
  bytes: number;
  terms: ShmemTerm[];
}

export interface Estimate {
  pgVersion: PgMajor;
  role: Role;
  workload: Workload;
  processes: ProcessModel;
  sharedMemory: SharedMemoryModel & { parts: ShmemPart[] };
  memory: MemoryModel;
}

/** Terms grouped into the chart's parts, largest first (ties by id, so the order is stable). */
export function shmemParts(model: SharedMemoryModel): ShmemPart[] {
  const parts = new Map<ShmemPartId, ShmemPart>();
  for (const t of model.terms) {
    let p = parts.get(t.part);
    if (!p) {
      p = { id: t.part, name: SHMEM_PART_LABELS[t.part], bytes: 0, terms: [] };
      parts.set(t.part, p);
    }
    p.bytes += t.bytes;
    p.terms.push(t);
  }
  return [...parts.values()].filter((p) => p.bytes > 0).sort((a, b) => b.bytes - a.bytes || a.id.localeCompare(b.id));
}

/**
 * The busy hour and the pile-up as functions of the settings, for a solver (the guidance's
 * `MemoryBoundsFactory` has this shape): total bytes (shared + private + page tables), each linear
 * in work_mem — `estimate.memory.busyHour.perWorkMem` is the slope, `workMemForBudget` the inverse.
 */
export function simulatedBounds(version: PgMajor, host: Host, workload: Workload): {
  describe: string;
  busyHour(settings: SettingSource): number;
  pileUp(settings: SettingSource): number;
} {
  const run = (settings: SettingSource): Estimate => simulate({ settings, version, host, workload });
  return {
    describe: "the simulator's busy hour and pile-up (src/simulate/private.ts), calibrated against real servers (test/calibration/memory.test.ts)",
    busyHour: (settings) => run(settings).memory.busyHour.bytes,
    pileUp: (settings) => run(settings).memory.pileUp.bytes,
  };
}

export function simulate(input: SimulateInput): Estimate {
  const s = settingReader(input.settings);
  const role = input.role ?? 'primary';
  const workload = input.workload ?? input.host?.workload ?? DEFAULT_WORKLOAD;
  const workloadSource = input.workload ? '--workload' : input.host?.workload ? `host (${input.host.source})` : `default: no --workload given, ${DEFAULT_WORKLOAD} assumed`;
  const shm = sharedMemory(readShmemInputs(s, input.version), input.version);
  const processes = processModel(s, input.version, role);
  const memory = memoryModel({
    settings: s,
    version: input.version,
    processes,
    sharedBytes: shm.bytes,
    hugePagesNeeded: shm.hugePages,
    host: input.host,
    profile: input.profile ?? WORKLOAD_PROFILES[workload],
    profileSource: input.profile ? 'a profile given to the model' : workloadSource,
    ...(input.vacuumTable ? { vacuumTable: input.vacuumTable } : {}),
  });
  for (const note of input.host?.notes ?? []) memory.assumptions.push({ name: 'host', value: note, source: '--host auto' });
  return {
    pgVersion: input.version,
    role,
    workload,
    processes,
    sharedMemory: { ...shm, parts: shmemParts(shm) },
    memory,
  };
}
